package heaptriage.cli;

import heaptriage.api.HeapTriage;
import heaptriage.report.Report;
import heaptriage.report.ReportFormat;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.IOException;
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
    @Option(names = "--top", paramLabel = "N", defaultValue = "25", converter = Converters.Count.class, description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--format", paramLabel = "FORMAT", converter = ReportOutput.FormatConverter.class,
            description = "text, json, md or html (default: from -o's extension, else text).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = OutputTarget.Converter.class,
            description = "Write the report to FILE instead of standard output (- is standard output).")
    OutputTarget output;

    @Option(names = "--suspect-threshold", paramLabel = "PERCENT", defaultValue = "10", converter = Converters.Percent.class,
            description = "A suspect retains more than this share of the used heap (default: ${DEFAULT-VALUE}, as MAT's Leak Suspects report).")
    int suspectThreshold;

    @Option(names = "--rules", paramLabel = "FILE", description = "A JSON file of your own connection kinds, added to the built-in catalogue.")
    Path rules;

    @Option(names = "--show-secrets", description = "Print passwords found in connection URLs and properties (masked as *** by default).")
    boolean showSecrets;

    @Option(names = "--leak-threshold", paramLabel = "N", defaultValue = "10", converter = Converters.PositiveCount.class,
            description = "Open connections in one application holder that make a leak (default: ${DEFAULT-VALUE}).")
    int leakThreshold;

    @Option(names = "--thread-leak-threshold", paramLabel = "N", defaultValue = "3", converter = Converters.PositiveCount.class,
            description = "Open connections held by one thread (a stack local, the thread's own objects, or its value of a "
                    + "ThreadLocal) that make a leak (default: ${DEFAULT-VALUE}); one or two per busy thread is a request "
                    + "in progress.")
    int threadLeakThreshold;

    @Option(names = "--fail-on", paramLabel = "WHAT", split = ",", converter = FailOnConverter.class,
            description = "Exit 1 (the report is still written) when any of these is found: connection-leak, suspect, truncated.")
    List<Gates.FailOn> failOn = new ArrayList<>();

    @Option(names = "--max-used-heap", paramLabel = "SIZE", converter = Converters.Size.class,
            description = "Exit 1 when the used heap is larger (e.g. 2g).")
    Long maxUsedHeap;

    @Option(names = "--max-retained", paramLabel = "CLASS=SIZE", converter = {Converters.ClassName.class, Converters.Size.class},
            description = "Exit 1 when the class's retained size (MAT's minimum) is larger; repeatable.")
    Map<String, Long> maxRetained = new LinkedHashMap<>();

    @Option(names = "--allow-missing-class",
            description = "A --max-retained gate on a class the dump has no live instance of is not an error (it cannot trip).")
    boolean allowMissingClass;

    @Option(names = "--strict", description = "A truncated dump is a failure (exit 1) instead of a warning.")
    boolean strict;

    @Option(names = "--no-mat-double-count",
            description = "Retained size of java.lang.Class without counting its own class object twice, as MAT does.")
    boolean noMatDoubleCount;

    @Spec(Spec.Target.MIXEE)
    CommandSpec spec;

    /** The library's options, checked as {@link #options(Path)} does, for a command whose input is no file. */
    HeapTriage.Options options() {
        return options(null);
    }

    /**
     * The library's options, once what Picocli could not check is checked too: the output is not the input (a dump
     * is read-only to us) and the rules file parses. All before any dump is read.
     */
    HeapTriage.Options options(Path input) {
        OutputTarget.orStdout(output).requireNotSameAs(input, "dump");
        RulesFile.catalog(rules); // a bad rules file is a usage error now, not after the analysis
        try {
            return HeapTriage.Options.builder().top(top).suspectThresholdPercent(suspectThreshold).rules(rules)
                    .leakThreshold(leakThreshold).threadLeakThreshold(threadLeakThreshold).showSecrets(showSecrets)
                    .matDoubleCount(!noMatDoubleCount).build();
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /**
     * Writes the report in the chosen format, checks the gates and returns the exit code. A gate on a class the
     * dump has no live instance of could never trip: that is a usage error (the report is written first).
     */
    int writeAndGate(Report report) throws IOException {
        ProgressLine.clear();
        OutputTarget target = OutputTarget.orStdout(output);
        ReportOutput.write(ReportOutput.chosen(format, target, ReportFormat.TEXT), target, top,
                renderer -> renderer.render(report));
        List<String> missing = Gates.missingClasses(report, maxRetained.keySet());
        if (!missing.isEmpty() && !allowMissingClass) {
            throw new UsageError("--max-retained names " + String.join(", ", missing) + ", which the dump has no live"
                    + " instance of, so the gate can never trip: check the spelling, or pass --allow-missing-class"
                    + " (the report is written)");
        }
        List<String> tripped = Gates.check(report, failOn, maxUsedHeap, maxRetained, strict);
        tripped.forEach(t -> System.err.println("heaptriage: gate tripped: " + t));
        return tripped.isEmpty() ? ExitCode.OK : ExitCode.GATE_TRIPPED;
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
}
