package heaptriage.heap;

import java.util.Arrays;

/** A growable list of primitive longs. */
final class LongList {
    private long[] values;
    private int size;

    LongList(int capacity) {
        values = new long[Math.max(capacity, 16)];
    }

    void add(long v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16, values.length + (values.length >> 1) + 16L));
        }
        values[size++] = v;
    }

    long get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The values, trimmed to size; the list must not be used afterwards. */
    long[] toArray() {
        long[] out = values.length == size ? values : Arrays.copyOf(values, size);
        values = null;
        return out;
    }
}
