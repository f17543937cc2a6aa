package heaptriage.junit;

import com.sun.management.OperatingSystemMXBean;
import heaptriage.api.HeapTriage;
import heaptriage.hprof.HprofException;
import heaptriage.report.MarkdownRenderer;
import heaptriage.report.Report;
import heaptriage.report.ReportDiff;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One comparison of this JVM's heap: a baseline dump when it starts, a second dump when it finishes. The second is
 * analysed; only when it shows a leak is the baseline analysed too, to see whether the leaking holder grew. Both
 * dumps are deleted on {@link #close()}, unless the settings keep the second one on failure.
 */
final class LeakCheck implements AutoCloseable {
    private final Settings settings;
    private final String label;
    private final Path workDir;
    private final Path baseline;
    private final Cost.Meter meter = new Cost.Meter();

    private LeakCheck(Settings settings, String label, Path workDir) throws IOException {
        this.settings = settings;
        this.label = label;
        this.workDir = workDir;
        this.baseline = meter.dump(workDir.resolve("before.hprof"));
    }

    /** Takes the baseline dump of what {@code label} (a test class or a test) starts with. */
    static LeakCheck start(Settings settings, String label) throws IOException {
        Path dir = settings.workDir() == null ? Files.createTempDirectory("heaptriage-junit-")
                : Files.createTempDirectory(Files.createDirectories(settings.workDir()), "heaptriage-junit-");
        try {
            return new LeakCheck(settings, label, dir);
        } catch (IOException | RuntimeException e) {
            deleteQuietly(dir.resolve("before.hprof"));
            deleteQuietly(dir);
            throw e;
        }
    }

    /** Dumps the heap again and compares it with the baseline. */
    Outcome finish() throws IOException, HprofException {
        Path after = meter.dump(workDir.resolve("after.hprof"));
        Report current = meter.analyse(after, settings.analysisOptions());
        List<Report.Connection> leaks = current.connections().stream().filter(Report.Connection::isLeak)
                .filter(f -> !settings.ignores(f.kind(), f.category())).toList();
        List<HolderGrowth> grown = leaks.isEmpty() ? List.of() : grown(leaks, meter.analyse(baseline, settings.analysisOptions()));
        if (grown.isEmpty()) {
            return new Outcome(label, grown, null, null, meter.cost());
        }
        return new Outcome(label, grown, keep(after), writeMarkdown(current), meter.cost());
    }

    /**
     * Leaking holders that hold more connections than in the baseline. Holders are matched as {@code diff} matches
     * them ({@link ReportDiff#holderKey}); fragments of one holder count together.
     */
    private static List<HolderGrowth> grown(List<Report.Connection> leaks, Report before) {
        Map<String, Long> heldBefore = new HashMap<>();
        before.connections().forEach(f -> heldBefore.merge(ReportDiff.holderKey(f), f.count(), Long::sum));
        Map<String, List<Report.Connection>> leaksByHolder = new LinkedHashMap<>();
        leaks.forEach(f -> leaksByHolder.computeIfAbsent(ReportDiff.holderKey(f), k -> new ArrayList<>()).add(f));
        List<HolderGrowth> grown = new ArrayList<>();
        leaksByHolder.forEach((holder, findings) -> {
            long after = findings.stream().mapToLong(Report.Connection::count).sum();
            long beforeCount = heldBefore.getOrDefault(holder, 0L);
            if (after > beforeCount) {
                grown.add(new HolderGrowth(findings.get(0), beforeCount, after));
            }
        });
        return List.copyOf(grown);
    }

    private Path keep(Path dump) throws IOException {
        if (settings.keepDumpOnFailure() == null) {
            return null;
        }
        Files.createDirectories(settings.keepDumpOnFailure());
        return Files.move(dump, settings.keepDumpOnFailure().resolve(fileName(label) + ".hprof"),
                StandardCopyOption.REPLACE_EXISTING).toAbsolutePath();
    }

    private Path writeMarkdown(Report report) throws IOException {
        if (settings.markdownReportOnFailure() == null) {
            return null;
        }
        Files.createDirectories(settings.markdownReportOnFailure());
        Path file = settings.markdownReportOnFailure().resolve(fileName(label) + ".md");
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            new MarkdownRenderer(new PrintWriter(w), Settings.REPORT_ROWS).render(report);
        }
        return file.toAbsolutePath();
    }

    /** A test's name as a file name: letters, digits, dots, dashes and underscores. */
    static String fileName(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]+", "_");
    }

    /** Deletes the dumps left in the work folder (a kept dump was moved out of it already). */
    @Override
    public void close() {
        deleteQuietly(workDir.resolve("before.hprof"));
        deleteQuietly(workDir.resolve("after.hprof"));
        deleteQuietly(workDir);
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Temp space: the OS cleans it; the check's verdict does not depend on it.
        }
    }

    /** One holder whose leaked connections grew: its finding in the dump after, and its counts before and after. */
    record HolderGrowth(Report.Connection finding, long before, long after) {
        long growth() {
            return after - before;
        }
    }

    /** What one check found, where the evidence was kept (or null), and what it cost. */
    record Outcome(String label, List<HolderGrowth> grown, Path keptDump, Path markdownReport, Cost cost) {
        boolean failed() {
            return !grown.isEmpty();
        }
    }

    /** The price of one check: dumps written and analysed, their size and time. */
    record Cost(int dumps, long largestDumpBytes, long dumpNanos, int analyses, long analysisNanos, long analysisCpuNanos,
                long objectsAnalysed) {
        /** Measures the dumps and analyses of one check. */
        static final class Meter {
            private int dumps;
            private long largest;
            private long dumpNanos;
            private int analyses;
            private long analysisNanos;
            private long analysisCpuNanos;
            private long objects;

            Path dump(Path file) throws IOException {
                long start = System.nanoTime();
                HeapTriage.dumpThisJvm(file);
                dumpNanos += System.nanoTime() - start;
                dumps++;
                largest = Math.max(largest, Files.size(file));
                return file;
            }

            Report analyse(Path dump, HeapTriage.Options options) throws IOException, HprofException {
                long start = System.nanoTime();
                long cpuStart = processCpuNanos();
                Report report = HeapTriage.analyze(dump, options);
                analysisNanos += System.nanoTime() - start;
                analysisCpuNanos += processCpuNanos() - cpuStart;
                analyses++;
                objects = Math.max(objects, report.heap().objects());
                return report;
            }

            Cost cost() {
                return new Cost(dumps, largest, dumpNanos, analyses, analysisNanos, analysisCpuNanos, objects);
            }

            /** CPU time of this JVM, all threads: what the analysis costs whatever else the machine is doing. */
            private static long processCpuNanos() {
                return ManagementFactory.getPlatformMXBean(OperatingSystemMXBean.class).getProcessCpuTime();
            }
        }
    }
}
