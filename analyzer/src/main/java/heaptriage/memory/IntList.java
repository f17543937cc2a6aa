package heaptriage.memory;

import java.util.Arrays;

/**
 * A growable list of primitive ints: the explicit stack or queue of a traversal (so it needs neither recursion nor
 * boxing; in the graph's storage, a walk over 10^8 objects needs no heap for it), or a per-object list filled while a
 * dump is read. Kept in chunks of a million ints, so growing past the
 * first chunk never copies and {@link #toArray(Storage)} releases them as it assembles the result: the peak stays
 * near one copy of the data. The chunks come from a {@link Storage}: on the heap, or mapped files when the dump's
 * lists would not fit the heap. On the heap the first chunk starts small and doubles, so a short stack stays short.
 */
public final class IntList {
    private static final int CHUNK_BITS = 20;
    private static final int CHUNK = 1 << CHUNK_BITS;
    private final Storage storage;
    private final int firstChunkLength;
    private IntArray[] chunks = new IntArray[4];
    private int size;

    /** On the heap, starting small. */
    public IntList() {
        this(16);
    }

    /** On the heap, with room for {@code initialCapacity} values before the first growth. */
    public IntList(int initialCapacity) {
        this(Storage.onHeap(), Math.max(4, Math.min(CHUNK, initialCapacity)));
    }

    /** In chunks from this storage. */
    public IntList(Storage storage) {
        this(storage, storage.isMapped() ? CHUNK : 16);
    }

    private IntList(Storage storage, int firstChunkLength) {
        this.storage = storage;
        this.firstChunkLength = firstChunkLength;
    }

    public void add(int value) {
        int c = size >>> CHUNK_BITS;
        int at = size & (CHUNK - 1);
        if (c == chunks.length) {
            chunks = Arrays.copyOf(chunks, c * 2);
        }
        IntArray chunk = chunks[c];
        if (chunk == null || at == chunk.length()) {
            chunk = chunks[c] = grown(chunk);
        }
        chunk.set(at, value);
        size++;
    }

    /** A new chunk, or the short first chunk copied into one twice as long (up to a full chunk). */
    private IntArray grown(IntArray chunk) {
        if (chunk == null) {
            return storage.ints(size == 0 ? firstChunkLength : CHUNK);
        }
        int[] longer = new int[(int) Math.min(CHUNK, 2 * chunk.length())];
        chunk.copyInto(0, longer, 0, (int) chunk.length());
        return IntArray.wrap(longer);
    }

    public int get(int index) {
        return chunks[index >>> CHUNK_BITS].get(index & (CHUNK - 1));
    }

    public void set(int index, int value) {
        chunks[index >>> CHUNK_BITS].set(index & (CHUNK - 1), value);
    }

    /** Appends every value of {@code other}, giving its chunks back as it goes; {@code other} must not be used afterwards. */
    public void addAll(IntList other) {
        for (int c = 0, at = 0; at < other.size; c++, at += CHUNK) {
            IntArray chunk = other.chunks[c];
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
    public static IntArray concatenated(IntList first, IntList second, Storage target) {
        int[] joined = target.isMapped() ? null : new int[first.size + second.size];
        IntArray out = target.isMapped() ? target.ints(first.size + second.size) : IntArray.wrap(joined);
        first.moveInto(out, joined, 0);
        second.moveInto(out, joined, first.size);
        return out;
    }

    /** Copies the values chunk by chunk to {@code at} of the heap array {@code heap} if given, else of {@code out}. */
    private void moveInto(IntArray out, int[] heap, int at) {
        for (int c = 0, from = 0; from < size; c++, from += CHUNK) {
            int count = Math.min(CHUNK, size - from);
            if (heap != null) {
                chunks[c].copyInto(0, heap, at + from, count);
            } else {
                for (int i = 0; i < count; i++) {
                    out.set(at + from + i, chunks[c].get(i));
                }
            }
            chunks[c].release(); // a mapped chunk gives its pages and file back now, not when the list is done
            chunks[c] = null;
        }
        chunks = null;
    }

    /**
     * Moves value i to {@code out[positions[firstPosition + i]]}, chunk by chunk, releasing each chunk once moved: a
     * permutation straight from the list, without first copying it into an array of its own. A scatter's iterations
     * are independent, so the processor overlaps their cache misses; following the permutation's cycles in place
     * would chain every miss behind the one before (it measured twice as slow). The list must not be used afterwards.
     */
    public void moveScattered(IntArray out, IntArray positions, int firstPosition) {
        for (int c = 0, from = 0; from < size; c++, from += CHUNK) {
            IntArray chunk = chunks[c];
            // Hot loop: the chunk and the positions read in order, the values written where the positions say.
            for (int i = 0, count = Math.min(CHUNK, size - from); i < count; i++) {
                out.set(positions.get(firstPosition + from + i), chunk.get(i));
            }
            chunk.release();
            chunks[c] = null;
        }
        chunks = null;
    }

    /** Removes and returns the last value (stack use). */
    public int pop() {
        return get(--size);
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Gives mapped chunks' pages and files back now, instead of when the analysis ends; the list must not be used afterwards. */
    public void release() {
        if (chunks == null) {
            return;
        }
        for (IntArray chunk : chunks) {
            if (chunk != null) {
                chunk.release(); // a heap chunk is the collector's business
            }
        }
        chunks = null;
    }

    /** Empties the list, keeping its chunks for reuse. */
    public void clear() {
        size = 0;
    }

    /** A copy of the values in one heap array; the list stays usable. */
    public int[] toArray() {
        int[] out = new int[size];
        for (int c = 0, at = 0; at < size; c++, at += CHUNK) {
            chunks[c].copyInto(0, out, at, Math.min(CHUNK, size - at));
        }
        return out;
    }

    /** The values in one array from the storage, releasing each chunk once copied; the list must not be used afterwards. */
    public IntArray toArray(Storage target) {
        int[] heap = target.isMapped() ? null : new int[size];
        IntArray out = heap == null ? target.ints(size) : IntArray.wrap(heap);
        moveInto(out, heap, 0);
        return out;
    }
}
