package heaptriage.api;

import com.sun.management.HotSpotDiagnosticMXBean;
import heaptriage.analysis.connections.ConnectionCatalog;
import heaptriage.analysis.connections.ConnectionFinder;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.heap.IndexPolicy;
import heaptriage.heap.IndexStore;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HprofException;
import heaptriage.memory.MemorySettings;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The library's front door, for harnesses such as a build plugin, a test extension or a load-test script, and for
 * the command line itself: one way to turn a dump into a {@link Report}.
 *
 * <pre>{@code
 * Path dump = HeapTriage.dumpThisJvm(Files.createTempDirectory("heap").resolve("now.hprof"));
 * Report report = HeapTriage.analyze(dump, HeapTriage.Options.builder().top(10).leakThreshold(5).build());
 * report.connections().stream().filter(Report.Connection::isLeak).forEach(f -> System.out.println(f.summary()));
 * }</pre>
 */
public final class HeapTriage {
    private HeapTriage() {
    }

    /** Reads the dump (plain or gzip, complete or truncated) and builds the report; the dump is never modified. */
    public static Report analyze(Path dump, Options options) throws HprofException, IOException {
        return analyze(DumpFile.open(dump), options, IndexListener.NONE);
    }

    /** The same, on an opened dump, telling {@code progress} about each phase (the command line draws a progress line). */
    public static Report analyze(DumpFile dump, Options options, IndexListener progress) throws HprofException, IOException {
        return analyze(dump, HeapIndexer.LAST_HEAP_DUMP, options, progress);
    }

    /**
     * The same for one heap dump of a file that holds several (old hprof agent files): {@code heapDump} is its
     * 1-based number, or {@link HeapIndexer#LAST_HEAP_DUMP}.
     */
    public static Report analyze(DumpFile dump, int heapDump, Options options, IndexListener progress)
            throws HprofException, IOException {
        return analyze(dump, heapDump, options, progress, MemorySettings.defaults());
    }

    /**
     * The same within a memory budget: the index's arrays go to mapped files in {@code memory}'s work folder when
     * they would not fit the heap share of the budget. A matching kept index of the dump is reused; none is kept.
     */
    public static Report analyze(DumpFile dump, int heapDump, Options options, IndexListener progress,
                                 MemorySettings memory) throws HprofException, IOException {
        return analyze(dump, heapDump, options, progress, memory, IndexPolicy.defaults());
    }

    /**
     * The same, reusing a kept index of the dump instead of parsing it when {@code index} allows and one matches, and
     * keeping the index where {@code index} says (see {@link IndexStore}); {@code progress} hears what happened to it.
     */
    public static Report analyze(DumpFile dump, int heapDump, Options options, IndexListener progress,
                                 MemorySettings memory, IndexPolicy index) throws HprofException, IOException {
        ReportOptions reportOptions = options.reportOptions(); // a bad rules file fails before the dump is read
        try (HeapSnapshot snapshot = IndexStore.open(dump, heapDump, progress, memory, index)) {
            return ReportBuilder.build(snapshot, reportOptions, progress);
        }
    }

    /**
     * The report of a snapshot the caller opened (and closes): for a command line that, between indexing and the graph
     * work, has the garbage of indexing collected (a library leaves that to its caller). The rules file is read here,
     * after the dump: check it first when a bad one should fail early.
     */
    public static Report analyze(HeapSnapshot snapshot, Options options, IndexListener progress) throws IOException {
        return ReportBuilder.build(snapshot, options.reportOptions(), progress);
    }

    /**
     * Writes a dump of this JVM's live objects (a full GC runs first) to {@code file}, which must end in
     * {@code .hprof} and must not exist yet, and returns it.
     */
    public static Path dumpThisJvm(Path file) throws IOException {
        String name = file.getFileName() == null ? "" : file.getFileName().toString();
        if (!name.endsWith(".hprof")) {
            throw new IllegalArgumentException(file + ": a dump of this JVM must be written to a file ending in .hprof");
        }
        if (Files.exists(file)) {
            throw new FileAlreadyExistsException(file.toString(), null, "the JVM does not overwrite a dump; choose a new file");
        }
        HotSpotDiagnosticMXBean hotSpot;
        try {
            hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedOperationException("this JVM (" + System.getProperty("java.vm.name") + ") cannot write"
                    + " an HPROF heap dump: run the tests on a HotSpot JVM (OpenJDK, Oracle, Temurin, ...)", e);
        }
        hotSpot.dumpHeap(file.toAbsolutePath().toString(), true);
        return file;
    }

    /**
     * What the report includes and what counts as a leak. {@code top}: rows per table; {@code suspectThresholdPercent}:
     * a leak suspect retains more than this share of the used heap (MAT's 10); {@code rules}: a JSON file of your own
     * connection kinds added to the built-in catalogue (null: built-in only); {@code leakThreshold}: open (or
     * closed but retained) connections in one application holder that make a leak; {@code threadLeakThreshold}: open
     * connections held by one thread (a stack local, its own objects, its value of a ThreadLocal) that make a leak;
     * {@code showSecrets}: passwords in
     * connection URLs and properties shown instead of masked; {@code matDoubleCount}: java.lang.Class's retained size
     * counts its own class object twice, as MAT does.
     */
    public record Options(int top, int suspectThresholdPercent, Path rules, int leakThreshold, int threadLeakThreshold,
                          boolean showSecrets, boolean matDoubleCount) {
        public Options {
            if (top < 1) {
                throw new IllegalArgumentException("top must be at least 1, not " + top);
            }
            if (suspectThresholdPercent < 0 || suspectThresholdPercent > 100) {
                throw new IllegalArgumentException("the suspect threshold is a percent (0-100), not " + suspectThresholdPercent);
            }
            if (leakThreshold < 1) {
                throw new IllegalArgumentException("the leak threshold must be at least 1 connection, not " + leakThreshold);
            }
            if (threadLeakThreshold < 1) {
                throw new IllegalArgumentException("the thread leak threshold must be at least 1 connection, not "
                        + threadLeakThreshold);
            }
        }

        /** The command line's defaults. */
        public static Options defaults() {
            return builder().build();
        }

        public static Builder builder() {
            return new Builder();
        }

        /** A builder starting from these options. */
        public Builder toBuilder() {
            return new Builder().top(top).suspectThresholdPercent(suspectThresholdPercent).rules(rules)
                    .leakThreshold(leakThreshold).threadLeakThreshold(threadLeakThreshold).showSecrets(showSecrets)
                    .matDoubleCount(matDoubleCount);
        }

        /** The report builder's options; loads the rules file. */
        ReportOptions reportOptions() throws IOException {
            ConnectionCatalog catalog = rules == null ? ConnectionCatalog.builtIn() : ConnectionCatalog.load(rules);
            ConnectionFinder.Options connections = new ConnectionFinder.Options(leakThreshold, leakThreshold,
                    ConnectionFinder.Options.defaults().heapShareThreshold(), showSecrets, threadLeakThreshold);
            return new ReportOptions(top, suspectThresholdPercent, null, catalog, connections, matDoubleCount);
        }

        /** Builds {@link Options}; every setting starts at the command line's default. */
        public static final class Builder {
            private int top = 25;
            private int suspectThresholdPercent = 10;
            private Path rules;
            private int leakThreshold = ConnectionFinder.Options.defaults().openThreshold();
            private int threadLeakThreshold = ConnectionFinder.Options.DEFAULT_THREAD_THRESHOLD;
            private boolean showSecrets;
            private boolean matDoubleCount = true;

            private Builder() {
            }

            public Builder top(int rows) {
                this.top = rows;
                return this;
            }

            public Builder suspectThresholdPercent(int percent) {
                this.suspectThresholdPercent = percent;
                return this;
            }

            /** A JSON rules file in the {@code --rules} format, or null for the built-in catalogue only. */
            public Builder rules(Path file) {
                this.rules = file;
                return this;
            }

            public Builder leakThreshold(int connections) {
                this.leakThreshold = connections;
                return this;
            }

            /** Open connections on one thread that make a leak (default 3: a request needs one or two). */
            public Builder threadLeakThreshold(int connections) {
                this.threadLeakThreshold = connections;
                return this;
            }

            public Builder showSecrets(boolean show) {
                this.showSecrets = show;
                return this;
            }

            public Builder matDoubleCount(boolean asMat) {
                this.matDoubleCount = asMat;
                return this;
            }

            public Options build() {
                return new Options(top, suspectThresholdPercent, rules, leakThreshold, threadLeakThreshold, showSecrets,
                        matDoubleCount);
            }
        }
    }
}
