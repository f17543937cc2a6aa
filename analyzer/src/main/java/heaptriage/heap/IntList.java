package heaptriage.heap;

import heaptriage.memory.IntArray;
import heaptriage.memory.Storage;

/**
 * A growable list of primitive ints kept in fixed-size chunks, so growing never copies and the final array is
 * assembled while the chunks are released: the peak stays near one copy of the data. The chunks come from a
 * {@link Storage}: on the heap, or mapped files when the dump's lists would not fit the heap.
 */
final class IntList {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private final Storage storage;
    private IntArray[] chunks = new IntArray[16];
    private int size;

    IntList() {
        this(Storage.onHeap());
    }

    IntList(Storage storage) {
        this.storage = storage;
    }

    void add(int v) {
        int c = size >>> CHUNK_BITS;
        if (c == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, c * 2);
        }
        IntArray chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = storage.ints(CHUNK);
        }
        chunk.set(size & (CHUNK - 1), v);
        size++;
    }

    int get(int i) {
        return chunks[i >>> CHUNK_BITS].get(i & (CHUNK - 1));
    }

    int size() {
        return size;
    }

    /** The values in one heap array; the list must not be used afterwards. */
    int[] toArray() {
        int[] out = new int[size];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            chunks[c].copyInto(0, out, at, Math.min(CHUNK, size - at));
            chunks[c] = null;
        }
        chunks = null;
        return out;
    }

    /** The values in one array from the storage; the list must not be used afterwards. */
    IntArray toArray(Storage target) {
        IntArray out = target.isMapped() ? target.ints(size) : IntArray.wrap(toArray());
        if (target.isMapped()) {
            for (int i = 0; i < size; i++) {
                out.set(i, get(i));
            }
            releaseChunks();
        }
        return out;
    }

    /** Gives the chunks' pages and files back at once (mapped chunks), instead of when the analysis ends. */
    private void releaseChunks() {
        for (IntArray chunk : chunks) {
            if (chunk != null) {
                chunk.release();
            }
        }
        chunks = null;
    }
}
