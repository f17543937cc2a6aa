package heaptriage.heap;

import java.util.Arrays;

/**
 * Puts objects in address order, which gives them their dense indexes. Parallel heap dumpers write regions in
 * interleaved runs, so the file order is usually not address order. Sorting one packed key per object (address
 * step and file ordinal in one long) avoids a search per object; arrays are then permuted in place.
 */
final class AddressOrder {
    private AddressOrder() {
    }

    /**
     * Returns the permutation from file ordinal to object index, or null when the file is already in address order.
     * Ordinal 0 must be the boot loader's pseudo object at address 0. {@code addresses} becomes sorted.
     */
    static int[] sort(long[] addresses, long stride) {
        int n = addresses.length;
        if (isStrictlyIncreasing(addresses)) {
            return null;
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < n; i++) {
            min = Math.min(min, addresses[i]);
            max = Math.max(max, addresses[i]);
        }
        long step = stride > 0 ? stride : 1;
        int ordinalBits = 64 - Long.numberOfLeadingZeros(n);
        long steps = (max - min) / step;
        int[] perm = new int[n];
        if (min > 0 && 64 - Long.numberOfLeadingZeros(steps) + ordinalBits <= 63) {
            // the keys take the addresses' place, and the sorted addresses are read back out of them
            for (int i = 1; i < n; i++) {
                addresses[i] = ((addresses[i] - min) / step) << ordinalBits | i;
            }
            Arrays.parallelSort(addresses, 1, n);
            long mask = (1L << ordinalBits) - 1;
            for (int at = 1; at < n; at++) {
                perm[(int) (addresses[at] & mask)] = at;
                addresses[at] = min + (addresses[at] >>> ordinalBits) * step;
            }
        } else {
            // addresses too far apart to pack: sort a copy and find each object's place
            long[] sorted = addresses.clone();
            Arrays.parallelSort(sorted);
            for (int i = 0; i < n; i++) {
                perm[i] = Arrays.binarySearch(sorted, addresses[i]);
            }
            System.arraycopy(sorted, 0, addresses, 0, n);
        }
        return perm;
    }

    private static boolean isStrictlyIncreasing(long[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns a copy of the array with element i moved to perm[i]. A scatter's iterations are independent, so the
     * processor overlaps their cache misses; following the permutation's cycles in place would chain every miss
     * behind the one before (it measured twice as slow).
     */
    static long[] permuted(long[] a, int[] perm) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[perm[i]] = a[i];
        }
        return out;
    }

    static int[] permuted(int[] a, int[] perm) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[perm[i]] = a[i];
        }
        return out;
    }
}
