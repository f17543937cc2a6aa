package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * The HEAP DUMP SEGMENT records of a plain dump, found by a walk over the top-level record headers only (a few
 * thousand reads of 9 bytes, through a small window): where a pass may be split between threads at a record
 * boundary. Only the simple and common shape is offered for splitting: one heap dump made of segments, each whole,
 * and no heap record after the last whole one. Anything else (HEAP DUMP records, several heap dumps, a segment cut
 * by the end of the file, an unknown tag) gives no segments, and the pass runs on one thread, which also reports
 * what is wrong.
 *
 * @param starts where each segment record starts, ascending
 * @param end    where the last segment ends
 */
public record HeapSegments(long[] starts, long end) {
    private static final int HEADER = HprofTag.RECORD_HEADER_BYTES;
    private static final int WINDOW = 64 << 10;
    private static final HeapSegments NONE = new HeapSegments(new long[0], 0);

    /** The segments of a plain dump whose records start at {@code firstRecord}; none for another shape. */
    public static HeapSegments of(DumpFile dump, long firstRecord) throws IOException {
        if (dump.isCompressed()) {
            return NONE;
        }
        try (FileChannel channel = FileChannel.open(dump.path(), StandardOpenOption.READ)) {
            return walk(channel, firstRecord);
        }
    }

    private static HeapSegments walk(FileChannel channel, long position) throws IOException {
        long size = channel.size();
        ByteBuffer window = ByteBuffer.allocate(WINDOW).limit(0);
        long windowStart = 0;
        long[] starts = new long[64];
        int count = 0;
        long end = 0;
        boolean sawEnd = false;
        while (position < size) {
            if (position + HEADER > size) {
                return sawEnd ? found(starts, count, end) : NONE; // a cut header: maybe a segment's
            }
            if (position < windowStart || position + HEADER > windowStart + window.limit()) {
                window.clear();
                windowStart = position;
                while (window.position() < HEADER && channel.read(window, windowStart + window.position()) > 0) {
                    // a short read: read on until the header is in
                }
                window.flip();
                if (window.limit() < HEADER) {
                    return NONE;
                }
            }
            int at = (int) (position - windowStart);
            HprofTag tag = HprofTag.of(window.get(at) & 0xFF);
            long recordEnd = position + HEADER + (window.getInt(at + 5) & 0xFFFFFFFFL);
            if (tag == null || tag == HprofTag.HEAP_DUMP) {
                return NONE;
            }
            if (recordEnd > size) {
                return sawEnd || !tag.isHeapDump() ? found(starts, count, end) : NONE;
            }
            if (tag == HprofTag.HEAP_DUMP_SEGMENT) {
                if (sawEnd) {
                    return NONE; // a second heap dump
                }
                if (count == starts.length) {
                    starts = Arrays.copyOf(starts, count * 2);
                }
                starts[count++] = position;
                end = recordEnd;
            } else if (tag == HprofTag.HEAP_DUMP_END) {
                if (sawEnd) {
                    return NONE;
                }
                sawEnd = true;
            }
            position = recordEnd;
        }
        return found(starts, count, end);
    }

    private static HeapSegments found(long[] starts, int count, long end) {
        return new HeapSegments(Arrays.copyOf(starts, count), end);
    }

    public int count() {
        return starts.length;
    }
}
