package heaptriage.cli;

import heaptriage.analysis.connections.ConnectionCatalog;
import heaptriage.analysis.connections.ConnectionFinder;
import heaptriage.heap.HeapSnapshot;
import heaptriage.report.HtmlRenderer;
import heaptriage.report.JsonRenderer;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import heaptriage.report.TextRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code heaptriage analyze DUMP}: the full triage report. */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Triage a heap dump: what filled the heap (dominator retention by class, biggest holders, "
                + "leak suspects, largest objects, threads).",
        footer = {"", "Examples:",
            "  heaptriage analyze sample-dumps/dumps/h2-leak.hprof.gz",
            "  heaptriage analyze crash.hprof --format json -o report.json",
            "  heaptriage analyze load.hprof.gz -o r.json --fail-on connection-leak \\",
            "      --max-used-heap 2g --max-retained com.acme.Cache=200m",
            "",
            "Exit codes: 0 done; 1 a gate tripped (the report is still written);",
            "2 usage error; 3 the dump cannot be read; 4 out of memory."})
final class AnalyzeCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, md, html }

    @Mixin
    DumpOptions dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json, md or html (default: from -o's extension, else text).")
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

    @Option(names = "--fail-on", paramLabel = "WHAT", split = ",", converter = FailOnConverter.class,
            description = "Exit 1 (the report is still written) when any of these is found: connection-leak, suspect, truncated.")
    List<Gates.FailOn> failOn = new ArrayList<>();

    @Option(names = "--max-used-heap", paramLabel = "SIZE", description = "Exit 1 when the used heap is larger (e.g. 2g).")
    String maxUsedHeap;

    @Option(names = "--max-retained", paramLabel = "CLASS=SIZE",
            description = "Exit 1 when the class's retained size (MAT's minimum) is larger; repeatable.")
    Map<String, String> maxRetained = new LinkedHashMap<>();

    @Option(names = "--strict", description = "A truncated dump is a failure (exit 1) instead of a warning.")
    boolean strict;

    @Option(names = "--no-mat-double-count",
            description = "Retained size of java.lang.Class without counting its own class object twice, as MAT does.")
    boolean noMatDoubleCount;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Long usedLimit = parseSize(maxUsedHeap, "--max-used-heap");
        Map<String, Long> retainedLimits = new LinkedHashMap<>();
        maxRetained.forEach((c, size) -> retainedLimits.put(c, parseSize(size, "--max-retained " + c)));
        ConnectionCatalog catalog = rules == null ? ConnectionCatalog.builtIn() : ConnectionCatalog.load(rules);
        ReportOptions options = new ReportOptions(top, suspectThreshold, null, catalog,
                new ConnectionFinder.Options(leakThreshold, leakThreshold, 30.0, showSecrets), !noMatDoubleCount);
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
                case html -> new HtmlRenderer(writer, top).render(report);
                default -> new TextRenderer(writer, top).render(report);
            }
        }
        List<String> tripped = Gates.check(report, failOn, usedLimit, retainedLimits, strict);
        tripped.forEach(t -> System.err.println("heaptriage: gate tripped: " + t));
        return tripped.isEmpty() ? ExitCode.OK : ExitCode.GATE_TRIPPED;
    }

    private Long parseSize(String text, String option) {
        if (text == null) {
            return null;
        }
        try {
            return SizeParser.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }

    /** Accepts connection-leak as well as connection_leak. */
    static final class FailOnConverter implements picocli.CommandLine.ITypeConverter<Gates.FailOn> {
        @Override
        public Gates.FailOn convert(String value) {
            try {
                return Gates.FailOn.valueOf(value.trim().replace('-', '_').toLowerCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("'" + value
                        + "' is not a gate; use connection-leak, suspect or truncated");
            }
        }
    }

    private static Format formatOf(Path output) {
        String name = output == null ? "" : output.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".json")) {
            return Format.json;
        }
        if (name.endsWith(".html") || name.endsWith(".htm")) {
            return Format.html;
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
