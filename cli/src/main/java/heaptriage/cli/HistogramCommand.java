package heaptriage.cli;

import heaptriage.analysis.ClassHistogram;
import heaptriage.graph.HeapGraph;
import heaptriage.heap.HeapSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code heaptriage histogram DUMP}: instances and shallow bytes per class. */
@Command(name = "histogram", mixinStandardHelpOptions = true,
        description = {"Instances and shallow bytes per class, largest first.",
            "Counts every object in the dump, unreachable ones included (fast: no graph); --live counts only the "
                + "objects analyze counts (reachable from GC roots, as MAT does)."},
        footer = {"", "Examples:", "  heaptriage histogram app.hprof.gz --top 20", "  heaptriage histogram app.hprof.gz --live"})
final class HistogramCommand implements Callable<Integer> {
    @Mixin
    DumpOptions dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0", converter = Converters.Count.class,
            description = "Show only the N largest classes (0: all).")
    int top;

    @Option(names = "--live", description = "Leave out unreachable objects, as analyze and MAT do (slower: builds the graph).")
    boolean live;

    @Override
    public Integer call() throws Exception {
        try (HeapSnapshot snapshot = dump.open()) {
            ClassHistogram histogram = live ? ClassHistogram.of(snapshot, HeapGraph.of(snapshot).liveObjects())
                    : ClassHistogram.of(snapshot);
            ProgressLine.clear();
            PrintStream out = System.out;
            TextTables.histogram(out, histogram, top, live ? TextTables.Scope.LIVE : TextTables.Scope.ALL);
            TextTables.warnings(out, snapshot);
        }
        return ExitCode.OK;
    }
}
