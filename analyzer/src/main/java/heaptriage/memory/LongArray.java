package heaptriage.memory;

import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;

/**
 * A fixed-length array of longs, indexed by long, either on the Java heap or in a memory-mapped file that the
 * operating system pages in and out. One final class with a branch rather than an interface: the branch is always
 * taken the same way in a run, so hot loops calling get/set stay as fast as loops over a long[].
 */
public final class LongArray {
    private static final int BYTES = Long.BYTES;
    private final long[] heap;
    private final LongBuffer[] slices;
    private final int sliceShift;
    private final long sliceMask;
    private final long length;

    private LongArray(long[] heap, LongBuffer[] slices, int sliceShift, long length) {
        this.heap = heap;
        this.slices = slices;
        this.sliceShift = sliceShift;
        this.sliceMask = (1L << sliceShift) - 1;
        this.length = length;
    }

    /** Wraps a heap array without copying it. */
    public static LongArray wrap(long[] array) {
        return new LongArray(array, null, 0, array.length);
    }

    /** A zeroed heap array. */
    static LongArray onHeap(long length) {
        return wrap(new long[Math.toIntExact(length)]);
    }

    /** Views mapped slices of {@code 2^sliceBytesBits} bytes each (the last one may be shorter). */
    static LongArray mapped(MappedByteBuffer[] buffers, int sliceBytesBits, long length) {
        LongBuffer[] slices = new LongBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            slices[i] = buffers[i].order(ByteOrder.nativeOrder()).asLongBuffer();
        }
        return new LongArray(null, slices, sliceBytesBits - 3, length);
    }

    public long get(long index) {
        if (heap != null) {
            return heap[(int) index];
        }
        return slices[(int) (index >>> sliceShift)].get((int) (index & sliceMask));
    }

    public void set(long index, long value) {
        if (heap != null) {
            heap[(int) index] = value;
        } else {
            slices[(int) (index >>> sliceShift)].put((int) (index & sliceMask), value);
        }
    }

    /** Adds to an element and returns the new value. */
    public long add(long index, long delta) {
        long v = get(index) + delta;
        set(index, v);
        return v;
    }

    public long length() {
        return length;
    }

    public boolean isMapped() {
        return heap == null;
    }

    /** Bytes the elements take, on the heap or in the file. */
    public long bytes() {
        return length * BYTES;
    }

    /** Sets every element. */
    public void fill(long value) {
        if (heap != null) {
            java.util.Arrays.fill(heap, value);
            return;
        }
        for (long i = 0; i < length; i++) {
            set(i, value);
        }
    }

    /** Copies {@code count} elements from {@code from} into a heap array at {@code at}. */
    public void copyInto(long from, long[] dst, int at, int count) {
        if (heap != null) {
            System.arraycopy(heap, (int) from, dst, at, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[at + i] = get(from + i);
        }
    }

    /** All elements as a new heap array (for small arrays: tests, short lists). */
    public long[] toArray() {
        return copyRange(0, length);
    }

    /** Elements [from, to) as a new heap array (for short ranges, such as one object's references). */
    public long[] copyRange(long from, long to) {
        if (heap != null) {
            return java.util.Arrays.copyOfRange(heap, (int) from, (int) to);
        }
        long[] out = new long[Math.toIntExact(to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(from + i);
        }
        return out;
    }

    /** Index of {@code key} in the ascending range [from, to), or a negative number when it is absent. */
    public long binarySearch(long from, long to, long key) {
        if (heap != null) {
            return java.util.Arrays.binarySearch(heap, (int) from, (int) to, key);
        }
        long low = from;
        long high = to - 1;
        while (low <= high) {
            long mid = (low + high) >>> 1;
            long v = get(mid);
            if (v < key) {
                low = mid + 1;
            } else if (v > key) {
                high = mid - 1;
            } else {
                return mid;
            }
        }
        return -(low + 1);
    }

    /** Elements sorted per run in a heap buffer of this many longs (128 MiB), then merged. */
    private static final int RUN = 1 << 24;

    /**
     * Sorts elements [from, length) ascending and returns the sorted array: this one on the heap (a parallel sort
     * in place); for a mapped array, a new one from {@code storage}: runs are sorted on the heap one at a time, then
     * merged in one sequential pass, so the heap holds one run and the files are read and written in order.
     */
    public LongArray sortedFrom(long from, Storage storage) {
        return sortedFrom(from, storage, RUN);
    }

    /** As {@link #sortedFrom(long, Storage)} with runs of the given length (tests use short ones). */
    LongArray sortedFrom(long from, Storage storage, int run) {
        if (heap != null) {
            java.util.Arrays.parallelSort(heap, (int) from, heap.length);
            return this;
        }
        final int RUN = run;
        long n = length - from;
        int runs = (int) ((n + RUN - 1) / RUN);
        long[] buffer = new long[(int) Math.min(RUN, n)];
        for (int r = 0; r < runs; r++) {
            long start = from + (long) r * RUN;
            int size = (int) Math.min(RUN, length - start);
            for (int i = 0; i < size; i++) {
                buffer[i] = get(start + i);
            }
            java.util.Arrays.parallelSort(buffer, 0, size);
            for (int i = 0; i < size; i++) {
                set(start + i, buffer[i]);
            }
        }
        buffer = null;
        if (runs <= 1) {
            return this;
        }
        LongArray out = storage.longs(length);
        for (long i = 0; i < from; i++) {
            out.set(i, get(i));
        }
        long[] next = new long[runs];
        long[] end = new long[runs];
        for (int r = 0; r < runs; r++) {
            next[r] = from + (long) r * RUN;
            end[r] = Math.min(length, next[r] + RUN);
        }
        // few runs (one per 128 MiB): a linear scan for the smallest head beats a priority queue
        for (long w = from; w < length; w++) {
            int best = -1;
            long bestValue = 0;
            for (int r = 0; r < runs; r++) {
                if (next[r] < end[r]) {
                    long v = get(next[r]);
                    if (best < 0 || v < bestValue) {
                        best = r;
                        bestValue = v;
                    }
                }
            }
            out.set(w, bestValue);
            next[best]++;
        }
        return out;
    }

    /** Elements per chunk when writing to a file: 1 MiB of bytes. */
    private static final int WRITE_CHUNK = (1 << 20) / BYTES;

    /**
     * Writes every element to the channel in native byte order, in one sequential pass through a small buffer, as
     * {@link WorkDir#mapLongs} maps it back.
     */
    public void writeTo(java.nio.channels.WritableByteChannel out) throws java.io.IOException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(WRITE_CHUNK * BYTES).order(ByteOrder.nativeOrder());
        LongBuffer view = bytes.asLongBuffer();
        long[] chunk = heap != null ? null : new long[WRITE_CHUNK];
        for (long from = 0; from < length; from += WRITE_CHUNK) {
            int count = (int) Math.min(WRITE_CHUNK, length - from);
            view.clear();
            if (heap != null) {
                view.put(heap, (int) from, count);
            } else {
                copyInto(from, chunk, 0, count);
                view.put(chunk, 0, count);
            }
            bytes.clear().limit(count * BYTES);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }
}
