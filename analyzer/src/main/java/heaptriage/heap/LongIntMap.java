package heaptriage.heap;

import java.util.Arrays;

/** An open-addressing map from long keys to non-negative int values, without boxing. */
final class LongIntMap {
    private static final int ABSENT = -1;
    private long[] keys;
    private int[] values;
    private int size;
    private boolean hasZeroKey;
    private int zeroValue;

    LongIntMap(int expected) {
        int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
        keys = new long[cap];
        values = new int[cap];
    }

    /** The value for key, or -1. */
    int get(long key) {
        if (key == 0) {
            return hasZeroKey ? zeroValue : ABSENT;
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (true) {
            long k = keys[i];
            if (k == key) {
                return values[i];
            }
            if (k == 0) {
                return ABSENT;
            }
            i = (i + 1) & mask;
        }
    }

    void put(long key, int value) {
        if (key == 0) {
            if (!hasZeroKey) {
                size++;
            }
            hasZeroKey = true;
            zeroValue = value;
            return;
        }
        if ((size + 1) * 2 > keys.length) {
            grow();
        }
        int mask = keys.length - 1;
        int i = mix(key) & mask;
        while (keys[i] != 0 && keys[i] != key) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = key;
        values[i] = value;
    }

    int size() {
        return size;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        Arrays.fill(values, 0);
        int oldSize = size;
        size = hasZeroKey ? 1 : 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != 0) {
                put(oldKeys[i], oldValues[i]);
            }
        }
        assert size == oldSize;
    }

    private static int mix(long key) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32));
    }
}
