package heaptriage.heap;

import java.util.HashMap;
import java.util.Map;

/** Keeps the rare shallow sizes that do not fit an int (arrays over 2 GiB) beside the int array of sizes. */
final class HugeSizes {
    private static final int MARK = -1;
    private final Map<Integer, Long> sizes = new HashMap<>();

    /** The int to store for the object: the size itself, or a mark that sends readers here. */
    int store(int object, long size) {
        if (size <= Integer.MAX_VALUE) {
            return (int) size;
        }
        sizes.put(object, size);
        return MARK;
    }

    boolean isEmpty() {
        return sizes.isEmpty();
    }

    /** Every size kept here, by object. */
    Map<Integer, Long> all() {
        return Map.copyOf(sizes);
    }

    long sizeOf(int object, int stored) {
        return stored == MARK ? sizes.get(object) : stored;
    }
}
