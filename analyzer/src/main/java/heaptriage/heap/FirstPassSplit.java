package heaptriage.heap;

import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HeapSegments;
import heaptriage.hprof.HprofException;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HprofReader;
import heaptriage.hprof.HprofTag;
import heaptriage.hprof.ReadSummary;
import heaptriage.memory.Storage;

import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Pass 1 on two threads, split at a HEAP DUMP SEGMENT record near the middle of the heap dump: the first share reads
 * the file from its start as one pass would, but jumps over the later segments, which the second share reads at the
 * same time into a scan of its own; at the jump the first waits for the second and takes its record counts, then
 * reads what follows (the HEAP DUMP END, trailing records, a cut). The second scan is then appended to the first, so
 * the result is the one a single pass gives: same objects in the same order, same class keys, counts and summary.
 * Two shares only: a later share takes the class dumps it has not read from the first share, and more shares would
 * have to take them from each other.
 */
final class FirstPassSplit {
    private final DumpFile dump;
    private final HprofHeader header;
    private final long from;
    private final long to;
    private final long lastSegmentStart;
    private final IndexListener listener;

    FirstPassSplit(DumpFile dump, HprofHeader header, HeapSegments segments, int splitSegment, IndexListener listener) {
        this.dump = dump;
        this.header = header;
        this.from = segments.starts()[splitSegment];
        this.to = segments.end();
        this.lastSegmentStart = segments.starts()[segments.count() - 1];
        this.listener = listener;
    }

    /**
     * The segment at which the second share starts, or -1 to read on one thread: with fewer than two segments, one
     * thread allowed, or less than the policy's bytes for each share. The segment nearest the middle of the heap
     * records, or the first at or after the policy's first split offset; never the first segment.
     */
    static int segmentToSplitAt(HeapSegments segments, ParseThreads threads) {
        long[] starts = segments.starts();
        if (starts.length < 2 || threads.threads() < 2) {
            return -1;
        }
        if (threads.splitOffsets() != null) {
            for (int i = 1; i < starts.length; i++) {
                if (starts[i] >= threads.splitOffsets()[0]) {
                    return i;
                }
            }
            return -1;
        }
        long span = segments.end() - starts[0];
        if (threads.minShareBytes() > 0 && span / 2 < threads.minShareBytes()) {
            return -1;
        }
        long middle = starts[0] + span / 2;
        int best = 1;
        for (int i = 2; i < starts.length; i++) {
            if (Math.abs(starts[i] - middle) < Math.abs(starts[best] - middle)) {
                best = i;
            }
        }
        return best;
    }

    HeapIndexer.ScanResult scan(int heapDumpNumber, Storage lists) throws HprofException {
        ShareProgress progress = new ShareProgress(listener, 2);
        RecordScan first = new RecordScan(header.idSize(), progress.forShareJumping(0, from, to), lists);
        RecordScan second = first.laterShare(progress.forShare(1, from), lists);
        CompletableFuture<HprofReader.Counts> secondRead = new CompletableFuture<>();
        // the shares must run at once (the first waits for the second at the jump): the second gets its own thread
        Thread reader = new Thread(() -> readSecond(second, secondRead), "heaptriage-share-1");
        reader.setDaemon(true); // a signal ends the JVM without waiting for it; the work folder's hook cleans up
        reader.start();
        ReadSummary summary;
        try {
            summary = readFirst(first, heapDumpNumber, secondRead);
        } finally {
            Workers.joinAll(List.of(reader)); // also after a failure: no thread outlives the pass
        }
        first.append(second);
        return new HeapIndexer.ScanResult(first, summary);
    }

    private ReadSummary readFirst(RecordScan first, int heapDumpNumber, CompletableFuture<HprofReader.Counts> secondRead)
            throws HprofException {
        try (HprofInput in = dump.openStream()) {
            dump.readHeader(in);
            HprofReader reader = new HprofReader(in, header, first).selectDump(heapDumpNumber)
                    .jumpOver(from, to, lastSegmentStart, to - lastSegmentStart - HprofTag.RECORD_HEADER_BYTES, () -> {
                        first.shareDone(); // before waiting: the second share may be waiting for its class dumps
                        return await(secondRead);
                    });
            ReadSummary summary = reader.read(Long.MAX_VALUE);
            if (!reader.jumped()) {
                throw new DumpNotReadableException(dump.path() + " changed while being read: its records no longer"
                        + " reach byte " + from + "; read it again when it is complete");
            }
            return summary;
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
        } finally {
            first.shareDone();
        }
    }

    /** Reads the second share; what it read, or what went wrong, is for the first share to take at the jump. */
    private void readSecond(RecordScan second, CompletableFuture<HprofReader.Counts> secondRead) {
        try (HprofInput in = dump.openStreamAt(from, header.idSize())) {
            secondRead.complete(new HprofReader(in, header, second).readRecords(to));
        } catch (Throwable t) {
            secondRead.completeExceptionally(t);
        }
    }

    /** The second share's counts, or its failure as the first share's reader would have met it. */
    private static HprofReader.Counts await(CompletableFuture<HprofReader.Counts> secondRead)
            throws CorruptHprofException, IOException {
        try {
            return secondRead.join();
        } catch (CompletionException e) {
            Throwable t = e.getCause();
            if (t instanceof CorruptHprofException corrupt) {
                throw corrupt;
            }
            if (t instanceof EOFException) {
                // the walk saw these records whole: not a cut dump, so not an EOFException the reader takes for one
                throw new IOException("it changed while being read (" + t.getMessage() + ")", t);
            }
            if (t instanceof IOException io) {
                throw io;
            }
            if (t instanceof HprofException other) {
                throw new IOException(other.getMessage(), other);
            }
            if (t instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (t instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(t);
        }
    }
}
