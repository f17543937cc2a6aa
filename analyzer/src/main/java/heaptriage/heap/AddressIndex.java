package heaptriage.heap;

import java.util.Arrays;

/**
 * Maps object addresses to dense object indexes. Addresses are sorted, so an object's index is its place in that
 * order; a coarse table of bucket starts narrows each look-up to a few neighbours before a binary search.
 */
final class AddressIndex {
    private final long[] sorted;
    private final long base;
    private final int shift;
    private final int[] bucketStart;

    AddressIndex(long[] sortedAddresses) {
        this.sorted = sortedAddresses;
        int n = sortedAddresses.length;
        this.base = n == 0 ? 0 : sortedAddresses[0];
        long span = n == 0 ? 1 : sortedAddresses[n - 1] - base + 1;
        // about two objects per bucket keeps the table small (two bytes per object) and searches short
        long wantedBuckets = Math.max(1, n / 2);
        int s = 0;
        while ((span >>> s) > wantedBuckets) {
            s++;
        }
        this.shift = s;
        int buckets = (int) ((span - 1) >>> s) + 1;
        bucketStart = new int[buckets + 1];
        int j = 0;
        for (int b = 0; b <= buckets; b++) {
            long bucketBase = base + ((long) b << s);
            while (j < n && sortedAddresses[j] < bucketBase) {
                j++;
            }
            bucketStart[b] = j;
        }
    }

    /** The index of the object at this address, or -1 when no object starts there. */
    int indexOf(long address) {
        long rel = address - base;
        if (rel < 0 || sorted.length == 0) {
            return -1;
        }
        long b = rel >>> shift;
        if (b >= bucketStart.length - 1) {
            return -1;
        }
        int from = bucketStart[(int) b];
        int to = bucketStart[(int) b + 1];
        int i = Arrays.binarySearch(sorted, from, to, address);
        return i >= 0 ? i : -1;
    }

    long[] addresses() {
        return sorted;
    }
}
