package heaptriage.cli;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.SideTask;
import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportFormat;
import heaptriage.report.ReportOptions;
import heaptriage.report.ReportRenderer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaptriage benchmark DUMP}: times every phase of the analysis and prints speed and memory figures. */
@Command(name = "benchmark", mixinStandardHelpOptions = true,
        description = "Time each phase of analyze on a dump: wall time, MB/s read, JVM heap used, mapped bytes, RSS and peak RSS; "
                + "objects, references, index bytes per object, and where the index lived.",
        footer = {"", "Example (make a 1 GiB dump first: sample-dumps/generate large --size 1g):",
            "  ./heaptriage benchmark sample-dumps/generated/large.hprof"})
final class BenchmarkCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "DUMP", description = "The heap dump to time.")
    Path dump;

    @Mixin
    MemoryOptions memory;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    /** How the passes read the dump, for the dump line: nothing for a plain file. */
    private static String reading(DumpFile.Reading reading, MemorySettings settings) {
        return switch (reading) {
            case IN_PLACE -> "";
            case PLAIN_COPY -> ", gzip: inflated once, into a plain copy under " + settings.workDirParent();
            case MEMBER_BY_MEMBER -> ", gzip in members: inflated by each pass";
            case INFLATED_BY_EACH_PASS -> ", gzip: inflated by each pass (no room for a plain copy)";
        };
    }

    @Override
    public Integer call() throws Exception {
        PrintStream out = System.out;
        PhaseClock clock = new PhaseClock(p -> System.err.printf(Locale.ROOT,
                "benchmark: %s took %.2f s (RSS %.0f MiB, %d major faults, %.0f MiB read from disk)%n",
                p.name(), p.seconds(), p.rssBytes() / 1048576.0, p.majorFaults(), p.diskReadBytes() / 1048576.0));
        long start = System.nanoTime();
        DumpFile file = DumpFile.open(dump);
        MemorySettings settings = memory.settings();
        MemoryBudget budget = settings.budget();
        try (HeapSnapshot s = DumpOptions.indexAndCollect(file, HeapIndexer.LAST_HEAP_DUMP, clock, settings)) {
            // analyze's own work, phase by phase as analyze runs it (on both cores where it does)
            ReportOptions options = ReportOptions.defaults();
            Report report = ReportBuilder.build(s, options, clock);
            clock.phase("text report");
            ReportRenderer.of(ReportFormat.TEXT, new PrintWriter(Writer.nullWriter()), options.top()).render(report);
            clock.end();
            double total = (System.nanoTime() - start) / 1e9;
            long uncompressed = s.readSummary().bytesRead();
            out.printf(Locale.ROOT, "dump         %s (%,d bytes on disk, %,d bytes of HPROF%s)%n", dump, file.fileBytes(),
                    uncompressed, reading(file.reading(), settings));
            out.printf(Locale.ROOT, "objects      %,d in the dump, %,d live (analyze's count)%nreferences   %,d%n",
                    s.objectCount(), report.heap().objects(), s.referenceCount());
            out.printf(Locale.ROOT, "classes      %,d (analyze's count), %,d of them with live instances%n", s.classes().size(),
                    report.histogram().size());
            out.printf(Locale.ROOT, "%-30s %7s %6s %9s %10s %9s %9s %10s %9s%n", "phase", "wall s", "MB/s", "heap MiB",
                    "mapped MiB", "RSS MiB", "peak MiB", "maj faults", "disk MiB");
            for (PhaseClock.Phase p : clock.phases()) {
                String rate = p.bytesRead() > 0 ? String.format(Locale.ROOT, "%6.0f", p.bytesRead() / 1e6 / p.seconds()) : "";
                out.printf(Locale.ROOT, "%-30s %7.2f %6s %9.0f %10.0f %9.0f %9.0f %10d %9.0f%n", p.name(), p.seconds(),
                        rate, p.heapUsedBytes() / 1048576.0, p.mappedBytes() / 1048576.0, p.rssBytes() / 1048576.0,
                        p.peakRssBytes() / 1048576.0, p.majorFaults(), p.diskReadBytes() / 1048576.0);
            }
            out.printf(Locale.ROOT, "total wall   %.2f s (%.0f MB/s of HPROF end to end)%n", total, uncompressed / 1e6 / total);
            out.printf(Locale.ROOT, "peak RSS     %.0f MiB (JVM max heap %d MiB)%n", PhaseClock.peakRss() / 1048576.0,
                    Runtime.getRuntime().maxMemory() >> 20);
            out.printf(Locale.ROOT, "memory       budget %d MiB (%s), heap share %d MiB; index %s%n", budget.bytes() >> 20,
                    budget.limitedBy().name().toLowerCase(Locale.ROOT).replace('_', ' '), settings.heapAvailable() >> 20,
                    s.storage().isMapped() ? "in mapped files under " + settings.workDirParent() : "on the heap");
            out.printf(Locale.ROOT, "index        %.1f bytes per object (%,d bytes: addresses, record offsets, classes, sizes, references)%n",
                    s.indexBytes() / (double) s.objectCount(), s.indexBytes());
            out.printf(Locale.ROOT, "walks        %s%n", walks(s));
        }
        return ExitCode.OK;
    }

    /** Whether the side walks ran beside the main one, and if not, why (the rule of {@link SideTask#placement}). */
    private static String walks(HeapSnapshot s) {
        return switch (SideTask.placement(s, 9)) {
            case BESIDE -> "beside each other on two cores (leak paths, children lists, connection finder)";
            case ONE_CORE -> "in turn: one core";
            case PAGE_CACHE_TOO_SMALL -> String.format(Locale.ROOT, "in turn: the page cache the budget leaves (%d MiB)"
                    + " holds less than three quarters of the index", s.storage().pageCacheRoom() >> 20);
            case HEAP_TOO_SMALL -> "in turn: the heap holds less than the planned peak plus the side walks' arrays";
        };
    }
}
