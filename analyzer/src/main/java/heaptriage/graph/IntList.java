package heaptriage.graph;

import java.util.Arrays;

/** A growable int array used as an explicit stack or FIFO queue, so traversals need neither recursion nor boxing. */
final class IntList {
    private int[] items;
    private int size;

    IntList(int initialCapacity) {
        items = new int[Math.max(4, initialCapacity)];
    }

    void add(int value) {
        if (size == items.length) {
            grow();
        }
        items[size++] = value;
    }

    /** Removes and returns the last element (stack use). */
    int pop() {
        return items[--size];
    }

    int get(int index) {
        return items[index];
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** A copy of the elements, trimmed to size. */
    int[] toArray() {
        return Arrays.copyOf(items, size);
    }

    void clear() {
        size = 0;
    }

    private void grow() {
        // Grow by half rather than doubling: these lists can reach hundreds of millions of entries.
        long wanted = (long) items.length + (items.length >> 1) + 16;
        int capacity = (int) Math.min(wanted, Integer.MAX_VALUE - 8);
        if (capacity <= items.length) {
            throw new OutOfMemoryError("IntList cannot grow beyond " + items.length + " entries");
        }
        items = Arrays.copyOf(items, capacity);
    }
}
