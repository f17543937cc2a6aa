package heaptriage.heap;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

/**
 * Puts objects in address order, which gives them their dense indexes. Parallel heap dumpers write regions in
 * interleaved runs, so the file order is usually not address order. Sorting one packed key per object (address
 * step and file ordinal in one long) avoids a search per object; arrays are then permuted.
 */
final class AddressOrder {
    private AddressOrder() {
    }

    /**
     * The addresses in ascending order, and the permutation from file ordinal to object index (null when the file is
     * already in address order).
     */
    record Sorted(LongArray addresses, IntArray perm) {
    }

    /**
     * Sorts the addresses. Ordinal 0 must be the boot loader's pseudo object at address 0. {@code addresses} is
     * reused: on the heap it becomes the sorted array; mapped, the sort may return a new one.
     */
    static Sorted sort(LongArray addresses, long stride, Storage storage) {
        int n = (int) addresses.length(); // object indexes are ints: int loops let the JIT optimise them
        if (isStrictlyIncreasing(addresses)) {
            return new Sorted(addresses, null);
        }
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (int i = 1; i < n; i++) {
            long a = addresses.get(i);
            min = Math.min(min, a);
            max = Math.max(max, a);
        }
        long step = stride > 0 ? stride : 1;
        int ordinalBits = 64 - Long.numberOfLeadingZeros(n);
        long steps = (max - min) / step;
        IntArray perm = storage.ints(n);
        if (min > 0 && 64 - Long.numberOfLeadingZeros(steps) + ordinalBits <= 63) {
            // the keys take the addresses' place, and the sorted addresses are read back out of them
            for (int i = 1; i < n; i++) {
                addresses.set(i, ((addresses.get(i) - min) / step) << ordinalBits | i);
            }
            LongArray keys = addresses.sortedFrom(1, storage);
            if (keys != addresses) {
                addresses.release();
            }
            long mask = (1L << ordinalBits) - 1;
            for (int at = 1; at < n; at++) {
                long key = keys.get(at);
                perm.set(key & mask, (int) at);
                keys.set(at, min + (key >>> ordinalBits) * step);
            }
            return new Sorted(keys, perm);
        }
        // addresses too far apart to pack: sort a copy and find each object's place
        LongArray copy = storage.longs(n);
        for (int i = 0; i < n; i++) {
            copy.set(i, addresses.get(i));
        }
        LongArray sorted = copy.sortedFrom(0, storage);
        if (sorted != copy) {
            copy.release();
        }
        for (int i = 0; i < n; i++) {
            perm.set(i, (int) sorted.binarySearch(0, n, addresses.get(i)));
        }
        addresses.release();
        return new Sorted(sorted, perm);
    }

    private static boolean isStrictlyIncreasing(LongArray a) {
        for (int i = 1, n = (int) a.length(); i < n; i++) {
            if (a.get(i) <= a.get(i - 1)) {
                return false;
            }
        }
        return true;
    }
}
