package heaptriage.heap;

/**
 * A growable list of primitive ints kept in fixed-size chunks, so growing never copies and the final array is
 * assembled while the chunks are released: the peak stays near one copy of the data.
 */
final class IntList {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private int[][] chunks = new int[16][];
    private int size;

    void add(int v) {
        int c = size >>> CHUNK_BITS;
        if (c == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, c * 2);
        }
        int[] chunk = chunks[c];
        if (chunk == null) {
            chunk = chunks[c] = new int[CHUNK];
        }
        chunk[size & (CHUNK - 1)] = v;
        size++;
    }

    int get(int i) {
        return chunks[i >>> CHUNK_BITS][i & (CHUNK - 1)];
    }

    int size() {
        return size;
    }

    /** The values in one array; the list must not be used afterwards. */
    int[] toArray() {
        int[] out = new int[size];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            System.arraycopy(chunks[c], 0, out, at, Math.min(CHUNK, size - at));
            chunks[c] = null;
        }
        chunks = null;
        return out;
    }
}
