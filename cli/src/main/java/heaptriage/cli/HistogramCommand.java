package heaptriage.cli;

import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code heaptriage histogram DUMP}: instances and shallow bytes per class. */
@Command(name = "histogram", mixinStandardHelpOptions = true,
        description = "Instances and shallow bytes per class, largest first.",
        footer = {"", "Example:", "  heaptriage histogram app.hprof.gz --top 20"})
final class HistogramCommand implements Callable<Integer> {
    @Mixin
    DumpOptions dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "0", description = "Show only the N largest classes (0: all).")
    int top;

    @Override
    public Integer call() throws Exception {
        try (HeapSnapshot snapshot = dump.open()) {
            ProgressLine.clear();
            PrintStream out = System.out;
            TextTables.histogram(out, ClassHistogram.of(snapshot), top);
            TextTables.warnings(out, snapshot);
        }
        return ExitCode.OK;
    }
}
