package heaptriage.cli;

import heaptriage.api.HeapTriage;
import heaptriage.report.HtmlRenderer;
import heaptriage.report.JsonRenderer;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.TextRenderer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
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

/**
 * The options of a triage report, its output and its CI gates: shared by {@code analyze} (a dump file) and
 * {@code capture} (a running JVM), so both analyse, write and gate the same way.
 */
final class AnalyzeOptions {
    /** Output formats. */
    enum Format { text, json, md, html }

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

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The library's options; bad option values are usage errors, found before any dump is read. */
    HeapTriage.Options options() {
        gateLimits(); // parse the sizes now: a typo must not cost a dump and an analysis
        try {
            return HeapTriage.Options.builder().top(top).suspectThresholdPercent(suspectThreshold).rules(rules)
                    .leakThreshold(leakThreshold).showSecrets(showSecrets).matDoubleCount(!noMatDoubleCount).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Writes the report in the chosen format, checks the gates and returns the exit code. */
    int writeAndGate(Report report) throws IOException {
        ProgressLine.clear();
        Format chosen = format != null ? format : formatOf(output);
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
        GateLimits limits = gateLimits();
        List<String> tripped = Gates.check(report, failOn, limits.usedHeap(), limits.retained(), strict);
        tripped.forEach(t -> System.err.println("heaptriage: gate tripped: " + t));
        return tripped.isEmpty() ? ExitCode.OK : ExitCode.GATE_TRIPPED;
    }

    private record GateLimits(Long usedHeap, Map<String, Long> retained) {
    }

    private GateLimits gateLimits() {
        Map<String, Long> retained = new LinkedHashMap<>();
        maxRetained.forEach((c, size) -> retained.put(c, parseSize(size, "--max-retained " + c)));
        return new GateLimits(parseSize(maxUsedHeap, "--max-used-heap"), retained);
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
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
