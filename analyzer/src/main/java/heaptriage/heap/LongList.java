package heaptriage.heap;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

/**
 * A growable list of primitive longs kept in chunks of a million, so growing past the first chunk never copies and
 * the final array is assembled while the chunks are released: the peak stays near one copy of the data. The chunks
 * come from a {@link Storage}: on the heap, or mapped files when the dump's lists would not fit the heap. On the heap
 * the first chunk starts small and doubles, as {@link heaptriage.memory.IntList}'s does: a scan keeps several short
 * lists (roots, class ids, heap dump records), and a full chunk each (8 MiB) would not fit a small heap.
 */
final class LongList {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private static final int FIRST_HEAP_CHUNK = 16;
    private final Storage storage;
    private LongArray[] chunks = new LongArray[16];
    private int size;

    LongList() {
        this(Storage.onHeap());
    }

    LongList(Storage storage) {
        this.storage = storage;
    }

    void add(long v) {
        int c = size >>> CHUNK_BITS;
        int at = size & (CHUNK - 1);
        if (c == chunks.length) {
            chunks = java.util.Arrays.copyOf(chunks, c * 2);
        }
        LongArray chunk = chunks[c];
        if (chunk == null || at == chunk.length()) {
            chunk = chunks[c] = grown(chunk);
        }
        chunk.set(at, v);
        size++;
    }

    /** A new chunk, or the short first heap chunk copied into one twice as long (up to a full chunk). */
    private LongArray grown(LongArray chunk) {
        if (chunk == null) {
            return storage.longs(size == 0 && !storage.isMapped() ? FIRST_HEAP_CHUNK : CHUNK);
        }
        long[] longer = new long[(int) Math.min(CHUNK, 2 * chunk.length())];
        chunk.copyInto(0, longer, 0, (int) chunk.length());
        return LongArray.wrap(longer);
    }

    long get(int i) {
        return chunks[i >>> CHUNK_BITS].get(i & (CHUNK - 1));
    }

    /** Appends every value of {@code other}, giving its chunks back as it goes; {@code other} must not be used afterwards. */
    void addAll(LongList other) {
        for (int c = 0, at = 0; at < other.size; c++, at += CHUNK) {
            LongArray chunk = other.chunks[c];
            // a plain loop over one chunk: the later share of a split pass holds millions of values
            for (int i = 0, count = Math.min(CHUNK, other.size - at); i < count; i++) {
                add(chunk.get(i));
            }
            chunk.release();
            other.chunks[c] = null;
        }
        other.size = 0;
    }

    /**
     * The values of {@code first} then {@code second} in one array from the storage, each copied once, as the lists'
     * own {@link #toArray(Storage)} copies them: how the scans of a split pass are joined. Neither list may be used
     * afterwards.
     */
    static LongArray concatenated(LongList first, LongList second, Storage target) {
        long[] joined = target.isMapped() ? null : new long[first.size + second.size];
        LongArray out = target.isMapped() ? target.longs(first.size + second.size) : LongArray.wrap(joined);
        first.moveInto(out, joined, 0);
        second.moveInto(out, joined, first.size);
        return out;
    }

    /** Copies the values chunk by chunk to {@code at} of the heap array {@code heap} if given, else of {@code out}. */
    private void moveInto(LongArray out, long[] heap, int at) {
        for (int c = 0, from = 0; from < size; c++, from += CHUNK) {
            int count = Math.min(CHUNK, size - from);
            if (heap != null) {
                chunks[c].copyInto(0, heap, at + from, count);
            } else {
                for (int i = 0; i < count; i++) {
                    out.set(at + from + i, chunks[c].get(i));
                }
            }
        }
        releaseChunks();
    }

    /**
     * Moves value i to {@code out[positions[firstPosition + i]]}, chunk by chunk, releasing each chunk once moved: a
     * permutation straight from the list (see {@link heaptriage.memory.IntList#moveScattered}). The list must not be
     * used afterwards.
     */
    void moveScattered(LongArray out, IntArray positions, int firstPosition) {
        for (int c = 0, from = 0; from < size; c++, from += CHUNK) {
            LongArray chunk = chunks[c];
            // Hot loop: the chunk and the positions read in order, the values written where the positions say.
            for (int i = 0, count = Math.min(CHUNK, size - from); i < count; i++) {
                out.set(positions.get(firstPosition + from + i), chunk.get(i));
            }
            chunk.release();
            chunks[c] = null;
        }
        chunks = null;
    }

    int size() {
        return size;
    }

    /** The values in one heap array; the list must not be used afterwards. */
    long[] toArray() {
        long[] out = new long[size];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            chunks[c].copyInto(0, out, at, Math.min(CHUNK, size - at));
            chunks[c] = null;
        }
        chunks = null;
        return out;
    }

    /** The values in one array from the storage; the list must not be used afterwards. */
    LongArray toArray(Storage target) {
        long[] heap = target.isMapped() ? null : new long[size];
        LongArray out = heap == null ? target.longs(size) : LongArray.wrap(heap);
        moveInto(out, heap, 0);
        return out;
    }

    /** Gives the chunks' pages and files back at once (mapped chunks), instead of when the analysis ends. */
    private void releaseChunks() {
        for (LongArray chunk : chunks) {
            if (chunk != null) {
                chunk.release();
            }
        }
        chunks = null;
    }
}
