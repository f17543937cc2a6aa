package heaptriage.cli;

import heaptriage.api.HeapTriage;
import heaptriage.heap.HeapSnapshot;
import heaptriage.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
            "  heaptriage analyze - < app.hprof          (- reads the dump from standard input)",
            "",
            "Exit codes: 0 done; 1 a gate tripped (the report is still written);",
            "2 usage error (also: a gate names a class the dump does not have); 3 the dump cannot be read;",
            "4 out of memory; 5 internal error."})
final class AnalyzeCommand implements Callable<Integer> {
    @Mixin
    DumpOptions dump;

    @Mixin
    AnalyzeOptions analysis;

    @Override
    public Integer call() throws Exception {
        HeapTriage.Options options = analysis.options(dump.dump);
        Report report;
        // opened as every command opens a dump: the garbage of indexing is collected before the graph work (on the
        // 4 GiB dump: 2.6 s faster and 0.9 GiB less resident at the peak than leaving it to the collector's timing)
        try (HeapSnapshot snapshot = dump.open()) {
            report = HeapTriage.analyze(snapshot, options, dump.progress());
        }
        return analysis.writeAndGate(report);
    }
}
