package heaptriage.cli;

import heaptriage.api.HeapTriage;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.report.Report;
import heaptriage.report.ReportFormat;
import heaptriage.report.ReportDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code heaptriage diff BASELINE CURRENT}: what grew between two dumps or saved JSON reports. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two dumps of the same service (or JSON reports saved by analyze): used heap, classes and"
                + " connections per holder before and after; gates on growth for CI.",
        footer = {"", "Examples:",
            "  heaptriage diff early.hprof.gz late.hprof.gz",
            "  heaptriage diff last-release-report.json late.hprof.gz -o diff.json \\",
            "      --fail-on connection-growth=5 --max-used-heap-growth 20%% \\",
            "      --max-growth com.acme.Cache=50m",
            "",
            "Exit codes: 0 done; 1 a gate tripped (the diff is still written);",
            "2 usage error (also: a gate names a class neither side has); 3 a dump cannot be read;",
            "4 out of memory; 5 internal error."})
final class DiffCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "BASELINE", description = "A dump or a JSON report from analyze.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "A dump or a JSON report from analyze.")
    Path current;

    @Option(names = "--format", paramLabel = "FORMAT", converter = ReportOutput.FormatConverter.class,
            description = "text, json, md or html (default: from -o's extension, else text).")
    ReportFormat format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", converter = OutputTarget.Converter.class,
            description = "Write the diff to FILE (- is standard output).")
    OutputTarget output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", converter = Converters.Count.class,
            description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--fail-on", paramLabel = "connection-growth=N", converter = ConnectionGrowth.class,
            description = "Exit 1 when any holder's open connections grew by more than N.")
    List<Long> failOn = new ArrayList<>();

    @Option(names = "--max-growth", paramLabel = "CLASS=SIZE|PERCENT",
            converter = {Converters.ClassName.class, Converters.Growth.class},
            description = "Exit 1 when the class's retained size grew by more than SIZE (e.g. 50m) or PERCENT (e.g. 20%%); repeatable.")
    Map<String, Converters.GrowthLimit> maxGrowth = new LinkedHashMap<>();

    @Option(names = "--max-used-heap-growth", paramLabel = "SIZE|PERCENT", converter = Converters.Growth.class,
            description = "Exit 1 when the used heap grew by more.")
    Converters.GrowthLimit maxUsedHeapGrowth;

    @Option(names = "--allow-missing-class",
            description = "A --max-growth gate on a class neither side has is not an error (the gate cannot trip).")
    boolean allowMissingClass;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Override
    public Integer call() throws Exception {
        OutputTarget target = OutputTarget.orStdout(output);
        target.requireNotSameAs(baseline, "baseline");
        target.requireNotSameAs(current, "current dump or report");
        ReportFormat chosen = ReportOutput.chosen(format, target, ReportFormat.TEXT);
        ReportDiff diff = ReportDiff.of(load(baseline), load(current));
        ReportOutput.write(chosen, target, top, renderer -> renderer.render(diff));
        List<String> missing = missingClasses(diff);
        if (!missing.isEmpty() && !allowMissingClass) {
            throw new UsageError("--max-growth names " + String.join(", ", missing) + ", which neither side has, so the gate"
                    + " can never trip: check the spelling, or pass --allow-missing-class (the diff is written)");
        }
        List<String> tripped = gates(diff);
        tripped.forEach(t -> System.err.println("heaptriage: gate tripped: " + t));
        return tripped.isEmpty() ? ExitCode.OK : ExitCode.GATE_TRIPPED;
    }

    /** A saved JSON report (recognised by content) or a dump, analysed with the default options. */
    private Report load(Path input) throws Exception {
        Path file = Spool.asFile(input, null);
        if (isJson(file)) {
            return SavedReport.read(file);
        }
        return HeapTriage.analyze(DumpFile.open(file), HeapIndexer.LAST_HEAP_DUMP, HeapTriage.Options.defaults(),
                new KeptIndexNotices(IndexListener.NONE), memory.settings()); // reuses a kept index, saying so
    }

    private static boolean isJson(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            int b;
            do {
                b = in.read();
            } while (b == ' ' || b == '\n' || b == '\r' || b == '\t');
            return b == '{';
        } catch (Exception e) {
            return false; // let the dump reader say what is wrong
        }
    }

    private List<String> missingClasses(ReportDiff d) {
        Set<String> known = new HashSet<>();
        d.classes().forEach(c -> known.add(c.className()));
        return maxGrowth.keySet().stream().filter(c -> !known.contains(c)).toList();
    }

    private List<String> gates(ReportDiff d) {
        List<String> tripped = new ArrayList<>();
        if (!failOn.isEmpty()) {
            long connectionGrowth = failOn.get(failOn.size() - 1);
            d.connections().stream().filter(c -> c.open().delta() > connectionGrowth).forEach(c -> tripped.add(String.format(
                    Locale.ROOT, "connection-growth: %s: %,d -> %,d open %s", c.holder(), c.open().before(), c.open().after(),
                    c.className())));
        }
        ReportDiff.Delta used = d.usedHeapBytes();
        if (maxUsedHeapGrowth != null && maxUsedHeapGrowth.exceededBy(used.before(), used.after())) {
            tripped.add(String.format(Locale.ROOT, "max-used-heap-growth: %,d -> %,d bytes", used.before(), used.after()));
        }
        maxGrowth.forEach((className, limit) -> d.classes().stream().filter(c -> c.className().equals(className))
                .filter(c -> limit.exceededBy(c.retainedBytes().before(), c.retainedBytes().after()))
                .forEach(c -> tripped.add(String.format(Locale.ROOT, "max-growth: %s retained %,d -> %,d bytes", className,
                        c.retainedBytes().before(), c.retainedBytes().after()))));
        return tripped;
    }

    /** {@code connection-growth=N}: the only gate of --fail-on in a diff. */
    static final class ConnectionGrowth implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String[] kv = value.split("=", 2);
            if (kv.length != 2 || !kv[0].trim().equals("connection-growth")) {
                throw new TypeConversionException("'" + value + "' is not a diff gate; use connection-growth=N");
            }
            return (long) new Converters.Count().convert(kv[1]);
        }
    }
}
