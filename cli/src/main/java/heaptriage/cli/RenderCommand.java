package heaptriage.cli;

import heaptriage.report.HtmlRenderer;
import heaptriage.report.JsonRenderer;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code heaptriage render REPORT.json}: re-render a saved JSON report, without the dump. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Re-render a report saved with 'analyze --format json', without reading the dump again.",
        footer = {"", "Examples:", "  heaptriage render report.json --format md -o ticket.md",
            "  heaptriage render report.json --format html -o report.html"})
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT.json", description = "A JSON report written by analyze.")
    Path report;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "md", description = "text, md or html (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write to FILE instead of standard output.")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        Report r;
        try {
            r = JsonRenderer.read(report);
        } catch (NoSuchFileException e) {
            throw new IOException(report + " does not exist: give a JSON report written by 'heaptriage analyze -o report.json'");
        } catch (IOException e) {
            throw new IOException(report + " is not a Heap Triage JSON report: " + e.getMessage().lines().findFirst().orElse(""));
        }
        try (OutputStream out = output == null ? System.out : Files.newOutputStream(output)) {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            switch (format) {
                case "md" -> new MarkdownRenderer(writer, top).render(r);
                case "text" -> new TextRenderer(writer, top).render(r);
                case "html" -> new HtmlRenderer(writer, top).render(r);
                default -> {
                    System.err.println("heaptriage: --format must be text, md or html, not '" + format + "'");
                    return ExitCode.USAGE;
                }
            }
            writer.flush();
        }
        return ExitCode.OK;
    }
}
