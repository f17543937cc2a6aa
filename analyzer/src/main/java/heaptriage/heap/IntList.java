package heaptriage.heap;

import java.util.Arrays;

/** A growable list of primitive ints. */
final class IntList {
    private int[] values;
    private int size;

    IntList(int capacity) {
        values = new int[Math.max(capacity, 16)];
    }

    void add(int v) {
        if (size == values.length) {
            values = Arrays.copyOf(values, (int) Math.min(Integer.MAX_VALUE - 16, values.length + (values.length >> 1) + 16L));
        }
        values[size++] = v;
    }

    int get(int i) {
        return values[i];
    }

    int size() {
        return size;
    }

    /** The values, trimmed to size; the list must not be used afterwards. */
    int[] toArray() {
        int[] out = values.length == size ? values : Arrays.copyOf(values, size);
        values = null;
        return out;
    }
}
