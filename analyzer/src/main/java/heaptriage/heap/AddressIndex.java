package heaptriage.heap;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

/**
 * Maps object addresses to dense object indexes. Addresses are sorted, so an object's index is its place in that
 * order; a coarse table of bucket starts narrows each look-up to a few neighbours before a binary search.
 */
final class AddressIndex {
    private final LongArray sorted;
    private final long base;
    private final int shift;
    private final IntArray bucketStart;

    AddressIndex(LongArray sortedAddresses, Storage storage) {
        this.sorted = sortedAddresses;
        long n = sortedAddresses.length();
        this.base = n == 0 ? 0 : sortedAddresses.get(0);
        long span = n == 0 ? 1 : sortedAddresses.get(n - 1) - base + 1;
        // about two objects per bucket keeps the table small (two bytes per object) and searches short
        long wantedBuckets = Math.max(1, n / 2);
        int s = 0;
        while ((span >>> s) > wantedBuckets) {
            s++;
        }
        this.shift = s;
        long buckets = ((span - 1) >>> s) + 1;
        bucketStart = storage.ints(buckets + 1);
        long j = 0;
        for (long b = 0; b <= buckets; b++) {
            long bucketBase = base + (b << s);
            while (j < n && sortedAddresses.get(j) < bucketBase) {
                j++;
            }
            bucketStart.set(b, (int) j);
        }
    }

    /** The index of the object at this address, or -1 when no object starts there. */
    int indexOf(long address) {
        long rel = address - base;
        if (rel < 0 || sorted.length() == 0) {
            return -1;
        }
        long b = rel >>> shift;
        if (b >= bucketStart.length() - 1) {
            return -1;
        }
        int from = bucketStart.get(b);
        int to = bucketStart.get(b + 1);
        long i = sorted.binarySearch(from, to, address);
        return i >= 0 ? (int) i : -1;
    }

    LongArray addresses() {
        return sorted;
    }
}
