package heaptriage.cli;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.heap.IndexStore;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HprofException;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.WorkDirException;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The dump argument and the options every dump-reading command shares. */
final class DumpOptions {
    @Parameters(index = "0", paramLabel = "DUMP",
            description = "The heap dump: .hprof, or gzip-compressed (detected by content); - reads it from standard input.")
    Path dump;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Option(names = "--dump", paramLabel = "N", converter = HeapDumpNumber.class,
            description = "Which heap dump to analyse when the file holds several (old hprof agent files): 1 for the"
                    + " first. Default: the last.")
    int heapDump = HeapIndexer.LAST_HEAP_DUMP;

    @Mixin
    MemoryOptions memory;

    @Mixin
    IndexOptions index;

    private IndexListener progress;

    /** The dump's snapshot: read from a matching kept index, else parsed (and kept when --keep-index says so). */
    HeapSnapshot open() throws HprofException, WorkDirException {
        return collected(IndexStore.open(openFile(), heapDump, progress, memory.settings(), index.policy()));
    }

    /** Indexes the dump (never a kept index: for timing the parse), then collects as {@link #collected} says. */
    static HeapSnapshot indexAndCollect(DumpFile file, int heapDump, IndexListener listener, MemorySettings settings)
            throws HprofException, WorkDirException {
        return collected(HeapIndexer.index(file, heapDump, listener, settings));
    }

    /**
     * Collects the garbage indexing leaves, about as much as the index itself (pass-1 lists, pre-sort copies).
     * Collected now, while little is live, it stops the collector from growing the heap to its maximum during the
     * graph work. The library leaves that choice to its caller; the command line makes it.
     */
    private static HeapSnapshot collected(HeapSnapshot snapshot) {
        OutOfMemoryAdvice.remember(snapshot);
        System.gc();
        return snapshot;
    }

    /** Opens the dump without indexing it, and sets up the progress line (and kept-index notices) for it. */
    DumpFile openFile() throws HprofException {
        if (index.keeps() && Spool.isStream(dump)) {
            String stream = dump.toString().equals("-") ? "standard input" : dump.toString();
            throw new UsageError("--keep-index needs a dump file: a dump read from " + stream + " is copied to a"
                    + " temporary file that is removed when the command ends");
        }
        DumpFile file = DumpFile.open(Spool.asFile(dump, null));
        if (progress == null) {
            progress = new KeptIndexNotices(ProgressLine.forDump(file.isCompressed() ? -1 : file.fileBytes(), quiet));
        }
        return file;
    }

    /** A heap dump's number in its file: 1 or more. Whether the file has that many is known once it is read. */
    static final class HeapDumpNumber implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String text) {
            int n;
            try {
                n = Integer.parseInt(text.trim());
            } catch (NumberFormatException e) {
                n = 0;
            }
            if (n < 1) {
                throw new CommandLine.TypeConversionException("--dump " + text + " is not a heap dump number: give 1"
                        + " for the first heap dump of the file, 2 for the second...");
            }
            return n;
        }
    }

    /** Progress on stderr when it is a terminal and --quiet is not given; silent otherwise. Call after open() or openFile(). */
    IndexListener progress() {
        return progress == null ? IndexListener.NONE : progress;
    }
}
