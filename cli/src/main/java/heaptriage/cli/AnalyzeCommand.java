package heaptriage.cli;

import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code heaptriage analyze DUMP}: the triage report (for now: the dump's facts and the class histogram). */
@Command(name = "analyze", mixinStandardHelpOptions = true,
        description = "Triage a heap dump: what it holds and what filled it.",
        footer = {"", "Example:", "  heaptriage analyze sample-dumps/dumps/h2-leak.hprof.gz"})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    DumpOptions dump;

    @Option(names = "--top", paramLabel = "N", defaultValue = "25", description = "Rows per table (default: ${DEFAULT-VALUE}).")
    int top;

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        try (HeapSnapshot snapshot = dump.open()) {
            ProgressLine.clear();
            PrintStream out = System.out;
            TextTables.warnings(out, snapshot);
            TextTables.summary(out, snapshot, System.nanoTime() - start);
            out.println();
            TextTables.histogram(out, ClassHistogram.of(snapshot), top);
        }
        return ExitCode.OK;
    }
}
