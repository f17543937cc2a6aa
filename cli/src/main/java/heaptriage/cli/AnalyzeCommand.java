package heaptriage.cli;

import heaptriage.analysis.connections.ConnectionCatalog;
import heaptriage.analysis.connections.ConnectionFinder;
import heaptriage.heap.HeapSnapshot;
import heaptriage.report.JsonRenderer;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import heaptriage.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaptriage analyze DUMP}: the full triage report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Triage a heap dump: what filled the heap (dominator retention by class, biggest holders, "
                + "leak suspects, largest objects, threads).",
        footer = {"", "Examples:",
            "  heaptriage analyze sample-dumps/dumps/h2-leak.hprof.gz",
            "  heaptriage analyze crash.hprof --format json -o report.json"})
final class AnalyzeCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, md }

    @Mixin
    DumpOptions dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or md (default: from -o's extension, else text).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the report to FILE instead of standard output.")
    Path output;

    @Option(names = "--suspect-threshold", paramLabel = "PERCENT", defaultValue = "10",
            description = "A suspect retains more than this share of the used heap (default: ${DEFAULT-VALUE}, as MAT's Leak Suspects report).")
    int suspectThreshold;

    @Option(names = "--rules", paramLabel = "FILE", description = "A JSON file of your own connection kinds, added to the built-in catalogue.")
    Path rules;

    @Option(names = "--show-secrets", description = "Print passwords found in connection URLs and properties (masked as *** by default).")
    boolean showSecrets;

    @Option(names = "--leak-threshold", paramLabel = "N", defaultValue = "10",
            description = "Open connections in one application holder that make a leak (default: ${DEFAULT-VALUE}).")
    int leakThreshold;

    @Override
    public Integer call() throws Exception {
        ConnectionCatalog catalog = rules == null ? ConnectionCatalog.builtIn() : ConnectionCatalog.load(rules);
        ReportOptions options = new ReportOptions(top, suspectThreshold, null, catalog,
                new ConnectionFinder.Options(leakThreshold, leakThreshold, 30.0, showSecrets));
        Format chosen = format != null ? format : formatOf(output);
        Report report;
        try (HeapSnapshot snapshot = dump.open()) {
            report = ReportBuilder.build(snapshot, options, dump.progress());
        }
        ProgressLine.clear();
        try (OutputStream out = output == null ? new NonClosing(System.out) : Files.newOutputStream(output)) {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            switch (chosen) {
                case json -> {
                    JsonRenderer.render(report, out);
                    out.write('\n');
                }
                case md -> new MarkdownRenderer(writer, top).render(report);
                default -> new TextRenderer(writer, top).render(report);
            }
        }
        return ExitCode.OK;
    }

    private static Format formatOf(Path output) {
        String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.json;
        }
        return name.endsWith(".md") ? Format.md : Format.text;
    }

    /** Standard output must stay open after a report is written to it. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws java.io.IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws java.io.IOException {
            flush();
        }
    }
}
