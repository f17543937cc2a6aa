package heaptriage.cli;

import heaptriage.analysis.GcRootPaths;
import heaptriage.report.Report;
import heaptriage.report.Steps;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapSnapshot;
import heaptriage.report.UntrustedText;
import heaptriage.analysis.Bytes;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaptriage paths DUMP --class NAME | --object 0xADDR}: shortest paths from GC roots. */
@Command(name = "paths", mixinStandardHelpOptions = true,
        description = "Shortest paths from GC roots to an object or to the largest instances of a class (weak and"
                + " finalizer references are not followed unless nothing else reaches).",
        footer = {"", "Examples:",
            "  heaptriage paths app.hprof --class org.h2.jdbc.JdbcConnection --top 3",
            "  heaptriage paths app.hprof --object 0xfc1d1e38"})
final class PathsCommand implements Callable<Integer> {
    @Mixin
    DumpOptions dump;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    /** Exactly one of a class or an object. */
    static final class Target {
        @Option(names = "--class", paramLabel = "NAME", description = "Paths to the instances of this class (largest retained first).")
        String className;

        @Option(names = "--object", paramLabel = "0xADDR", converter = Converters.Address.class,
                description = "The path to the object at this address.")
        Long address;
    }

    @Option(names = "--top", paramLabel = "N", defaultValue = "5", converter = Converters.PositiveCount.class,
            description = "How many instances of the class (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        try (HeapSnapshot s = dump.open()) {
            RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
            GcRootPaths paths = GcRootPaths.of(r);
            ProgressLine.clear();
            List<Integer> objects = new ArrayList<>();
            if (target.address != null) {
                int object = s.indexOf(target.address);
                if (object < 0) {
                    System.err.printf(Locale.ROOT, "heaptriage: no object at 0x%x in %s%n", target.address, dump.dump);
                    return ExitCode.USAGE;
                }
                objects.add(object);
            } else {
                for (int i = 0; i < s.objectCount(); i++) {
                    if (r.inTree(i) && s.classOf(i).name().equals(target.className)) {
                        objects.add(i);
                    }
                }
                if (objects.isEmpty()) {
                    System.err.println("heaptriage: no live instance of " + target.className + " in " + dump.dump);
                    return ExitCode.USAGE;
                }
                System.out.printf(Locale.ROOT, "%,d live instances of %s; paths to the %d largest:%n", objects.size(),
                        target.className, Math.min(top, objects.size()));
                objects.sort(Comparator.comparingLong(r::retained).reversed());
                objects = objects.subList(0, Math.min(top, objects.size()));
            }
            for (int object : objects) {
                print(System.out, Steps.of(paths.pathTo(object)));
            }
        }
        return ExitCode.OK;
    }

    private static void print(PrintStream out, List<Report.Step> path) {
        out.println();
        if (path.isEmpty()) {
            out.println("(no path from a GC root: the object is unreachable)");
            return;
        }
        for (int i = 0; i < path.size(); i++) {
            Report.Step p = path.get(i);
            String text = Steps.line(p, i == 0, true);
            out.println("  ".repeat(Math.min(i, 20)) + UntrustedText.forTerminal(text) + "  (retains " + Bytes.human(p.retainedBytes()) + ")");
        }
    }
}
