package heaptriage.cli;

import heaptriage.report.Report;
import heaptriage.report.ReportFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code heaptriage render REPORT.json}: re-render a saved JSON report, without the dump. */
@Command(name = "render", mixinStandardHelpOptions = true,
        description = "Re-render a report saved with 'analyze --format json', without reading the dump again.",
        footer = {"", "Examples:", "  heaptriage render report.json --format md -o ticket.md",
            "  heaptriage render report.json -o report.html"})
final class RenderCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "REPORT.json", description = "A JSON report written by analyze.")
    Path report;

    @Option(names = "--format", paramLabel = "FORMAT", converter = ReportOutput.FormatConverter.class,
            description = "text, md or html (default: from -o's extension, else md).")
    ReportFormat format;

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
        ReportFormat chosen = ReportOutput.chosen(format, target, ReportFormat.MARKDOWN);
        if (chosen == ReportFormat.JSON) {
            throw new UsageError("render writes text, md or html, and the report already is JSON: copy it, or give"
                    + " --format md or -o report.md");
        }
        Report r = SavedReport.read(report);
        ReportOutput.write(chosen, target, top, renderer -> renderer.render(r));
        return ExitCode.OK;
    }
}
