package heaptriage.hprof;

import java.util.Arrays;

/**
 * Where each gzip member starts, compressed and uncompressed. A {@code jcmd GC.heap_dump -gz} file is many
 * independent members, so knowing their starts lets us jump to any uncompressed offset.
 */
final class GzipMemberIndex {
    private long[] compressedStart = new long[64];
    private long[] uncompressedStart = new long[64];
    private int count;
    private boolean complete;

    void add(long compressed, long uncompressed) {
        if (complete) {
            return;
        }
        if (count > 0 && uncompressed <= uncompressedStart[count - 1]) {
            compressedStart[count - 1] = compressed; // the previous member was empty: this one holds its bytes
            return;
        }
        if (count == compressedStart.length) {
            compressedStart = Arrays.copyOf(compressedStart, count * 2);
            uncompressedStart = Arrays.copyOf(uncompressedStart, count * 2);
        }
        compressedStart[count] = compressed;
        uncompressedStart[count] = uncompressed;
        count++;
    }

    void markComplete() {
        complete = true;
    }

    boolean isComplete() {
        return complete;
    }

    int count() {
        return count;
    }

    /** The member that holds the uncompressed offset. */
    int memberAt(long uncompressed) {
        int i = Arrays.binarySearch(uncompressedStart, 0, count, uncompressed);
        return i >= 0 ? i : -i - 2;
    }

    long compressedStart(int member) {
        return compressedStart[member];
    }

    long uncompressedStart(int member) {
        return uncompressedStart[member];
    }
}
