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

    /** Moves element i of each array to perm[i], in place, following the permutation's cycles. */
    static void permute(int[] perm, long[] a, int[] b, int[] c, int[] d) {
        int n = perm.length;
        for (int start = 0; start < n; start++) {
            if (perm[start] < 0) {
                continue;
            }
            long ca = a[start];
            int cb = b[start];
            int cc = c[start];
            int cd = d[start];
            int j = start;
            while (true) {
                int k = perm[j];
                perm[j] = ~k; // visited
                if (k == start) {
                    a[start] = ca;
                    b[start] = cb;
                    c[start] = cc;
                    d[start] = cd;
                    break;
                }
                long ta = a[k];
                a[k] = ca;
                ca = ta;
                int tb = b[k];
                b[k] = cb;
                cb = tb;
                int tc = c[k];
                c[k] = cc;
                cc = tc;
                int td = d[k];
                d[k] = cd;
                cd = td;
                j = k;
            }
        }
        for (int i = 0; i < n; i++) {
            perm[i] = ~perm[i];
        }
    }
}
