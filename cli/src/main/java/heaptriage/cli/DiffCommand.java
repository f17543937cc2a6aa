package heaptriage.cli;

import heaptriage.api.HeapTriage;
import heaptriage.report.DiffRenderer;
import heaptriage.report.JsonRenderer;
import heaptriage.report.Report;
import heaptriage.report.ReportDiff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.InputStream;
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

/** {@code heaptriage diff BASELINE CURRENT}: what grew between two dumps or saved JSON reports. */
@Command(name = "diff", mixinStandardHelpOptions = true,
        description = "Compare two dumps of the same service (or JSON reports saved by analyze): used heap, classes and"
                + " connections per holder before and after; gates on growth for CI.",
        footer = {"", "Examples:",
            "  heaptriage diff early.hprof.gz late.hprof.gz",
            "  heaptriage diff last-release-report.json late.hprof.gz -o diff.json \\\\",
            "      --fail-on connection-growth=5 --max-used-heap-growth 20% --max-growth com.acme.Cache=50m",
            "",
            "Exit codes: 0 done; 1 a gate tripped (the report is still written);",
            "2 usage error; 3 a dump or report cannot be read; 4 out of memory."})
final class DiffCommand implements Callable<Integer> {
    /** Output formats. */
    enum Format { text, json, md }

    @Parameters(index = "0", paramLabel = "BASELINE", description = "A dump or a JSON report from analyze.")
    Path baseline;

    @Parameters(index = "1", paramLabel = "CURRENT", description = "A dump or a JSON report from analyze.")
    Path current;

    @Option(names = "--format", paramLabel = "FORMAT", description = "text, json or md (default: from -o's extension, else text).")
    Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the diff to FILE.")
    Path output;

    @Option(names = "--top", paramLabel = "N", defaultValue = "20", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--fail-on", paramLabel = "connection-growth=N",
            description = "Exit 1 when any holder's open connections grew by more than N.")
    List<String> failOn = new ArrayList<>();

    @Option(names = "--max-growth", paramLabel = "CLASS=SIZE|PERCENT",
            description = "Exit 1 when the class's retained size grew by more than SIZE (e.g. 50m) or PERCENT (e.g. 20%); repeatable.")
    Map<String, String> maxGrowth = new LinkedHashMap<>();

    @Option(names = "--max-used-heap-growth", paramLabel = "SIZE|PERCENT", description = "Exit 1 when the used heap grew by more.")
    String maxUsedHeapGrowth;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Long connectionGrowth = connectionGrowthLimit();
        ReportDiff diff = ReportDiff.of(load(baseline), load(current));
        Format chosen = format != null ? format : output == null ? Format.text
                : output.toString().endsWith(".json") ? Format.json : output.toString().endsWith(".md") ? Format.md : Format.text;
        try (OutputStream out = output == null ? System.out : Files.newOutputStream(output)) {
            if (chosen == Format.json) {
                JsonRenderer.render(diff, out);
                out.write('\n');
            } else {
                PrintWriter w = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
                new DiffRenderer(w, top, chosen == Format.md).render(diff);
                w.flush();
            }
            out.flush();
        }
        List<String> tripped = gates(diff, connectionGrowth);
        tripped.forEach(t -> System.err.println("heaptriage: gate tripped: " + t));
        return tripped.isEmpty() ? ExitCode.OK : ExitCode.GATE_TRIPPED;
    }

    /** A saved JSON report (recognised by content) or a dump, analysed with the default options. */
    private Report load(Path file) throws Exception {
        if (isJson(file)) {
            return JsonRenderer.read(file);
        }
        return HeapTriage.analyze(file, HeapTriage.Options.defaults());
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

    private Long connectionGrowthLimit() {
        Long limit = null;
        for (String f : failOn) {
            String[] kv = f.split("=", 2);
            if (!kv[0].trim().equals("connection-growth") || kv.length != 2) {
                throw new ParameterException(spec.commandLine(), "--fail-on takes connection-growth=N, not '" + f + "'");
            }
            try {
                limit = Long.parseLong(kv[1].trim());
            } catch (NumberFormatException e) {
                throw new ParameterException(spec.commandLine(), "--fail-on connection-growth=N needs a whole number, not '" + kv[1] + "'");
            }
        }
        return limit;
    }

    private List<String> gates(ReportDiff d, Long connectionGrowth) {
        List<String> tripped = new ArrayList<>();
        if (connectionGrowth != null) {
            d.connections().stream().filter(c -> c.open().delta() > connectionGrowth).forEach(c -> tripped.add(String.format(
                    Locale.ROOT, "connection-growth: %s: %,d -> %,d open %s", c.holder(), c.open().before(), c.open().after(),
                    c.className())));
        }
        if (maxUsedHeapGrowth != null && exceeds(d.usedHeapBytes(), maxUsedHeapGrowth, "--max-used-heap-growth")) {
            tripped.add(String.format(Locale.ROOT, "max-used-heap-growth: %,d -> %,d bytes", d.usedHeapBytes().before(),
                    d.usedHeapBytes().after()));
        }
        maxGrowth.forEach((className, limit) -> d.classes().stream().filter(c -> c.className().equals(className))
                .filter(c -> exceeds(c.retainedBytes(), limit, "--max-growth " + className))
                .forEach(c -> tripped.add(String.format(Locale.ROOT, "max-growth: %s retained %,d -> %,d bytes", className,
                        c.retainedBytes().before(), c.retainedBytes().after()))));
        return tripped;
    }

    /** Whether the growth is over a SIZE or a PERCENT of the value before. */
    private boolean exceeds(ReportDiff.Delta d, String limit, String option) {
        String t = limit.trim();
        try {
            if (t.endsWith("%")) {
                double pct = Double.parseDouble(t.substring(0, t.length() - 1));
                return d.before() == 0 ? d.after() > 0 : 100.0 * d.delta() / d.before() > pct;
            }
            return d.delta() > SizeParser.parse(t);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), option + ": '" + limit + "' is neither a size (50m) nor a percent (20%)");
        }
    }
}
