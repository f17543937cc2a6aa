package heaptriage.cli;

import heaptriage.report.HtmlRenderer;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code heaptriage render REPORT.json}: re-render a saved JSON report, without the dump. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Re-render a report saved with 'analyze --format json', without reading the dump again.",
        footer = {"", "Examples:", "  heaptriage render report.json --format md -o ticket.md",
            "  heaptriage render report.json -o report.html"})
final class RenderCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, md, html }

    @Parameters(index = "0", paramLabel = "REPORT.json", description = "A JSON report written by analyze.")
    Path report;

    @Option(names = "--format", paramLabel = "FORMAT",
            description = "text, md or html (default: from -o's extension, else md).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = OutputTarget.Converter.class,
            description = "Write to FILE instead of standard output (- is standard output).")
    OutputTarget output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", converter = Converters.Count.class,
            description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        OutputTarget target = OutputTarget.orStdout(output);
        target.requireNotSameAs(report, "report being rendered");
        Format chosen = format != null ? format : formatOf(target);
        Report r = SavedReport.read(report);
        try (OutputStream out = target.open()) {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            switch (chosen) {
                case text -> new TextRenderer(writer, top).render(r);
                case html -> new HtmlRenderer(writer, top).render(r);
                default -> new MarkdownRenderer(writer, top).render(r);
            }
            writer.flush();
        }
        return ExitCode.OK;
    }

    private static Format formatOf(OutputTarget target) {
        String name = target.lowerCaseName();
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.html;
        }
        if (name.endsWith(".json")) {
            throw new UsageError("render writes text, md or html, and " + target.file()
                    + " is JSON: the report already is JSON (copy it), or give -o report.md");
        }
        return name.endsWith(".txt") ? Format.text : Format.md;
    }
}
