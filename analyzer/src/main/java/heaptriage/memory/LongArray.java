package heaptriage.memory;

import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.nio.MappedByteBuffer;
import java.util.zip.Checksum;

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
    /** The file behind a mapped array, null on the heap. */
    private final WorkDir.MappedFile file;

    private LongArray(long[] heap, LongBuffer[] slices, int sliceShift, long length, WorkDir.MappedFile file) {
        this.heap = heap;
        this.file = file;
        this.slices = slices;
        this.sliceShift = sliceShift;
        this.sliceMask = (1L << sliceShift) - 1;
        this.length = length;
    }

    /** Wraps a heap array without copying it. */
    public static LongArray wrap(long[] array) {
        return new LongArray(array, null, 0, array.length, null);
    }

    /** A zeroed heap array. */
    static LongArray onHeap(long length) {
        return wrap(new long[Math.toIntExact(length)]);
    }

    /** Views mapped slices of {@code 2^sliceBytesBits} bytes each (the last one may be shorter). */
    static LongArray mapped(WorkDir.MappedFile file, int sliceBytesBits, long length) {
        return mapped(file.slices(), sliceBytesBits, length, file);
    }

    /** Views slices of a file this array does not own (a kept index): {@link #release} leaves it alone. */
    static LongArray mapped(MappedByteBuffer[] buffers, int sliceBytesBits, long length) {
        return mapped(buffers, sliceBytesBits, length, null);
    }

    private static LongArray mapped(MappedByteBuffer[] buffers, int sliceBytesBits, long length, WorkDir.MappedFile file) {
        LongBuffer[] slices = new LongBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            slices[i] = buffers[i].order(ByteOrder.nativeOrder()).asLongBuffer();
        }
        return new LongArray(null, slices, sliceBytesBits - 3, length, file);
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

    /**
     * Declares the array dead: a mapped one gives its pages and disk back now instead of when the analysis ends (a
     * later access fails with a NullPointerException); on the heap it is left to the collector. Phases working under
     * a memory cap release each array as soon as they are done with it, so dead pages never crowd out live ones.
     */
    public void release() {
        if (file != null) {
            java.util.Arrays.fill(slices, null);
            file.release();
        }
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

    /** The longest run sorted on the heap: 128 MiB of longs. */
    private static final int MAX_RUN = 1 << 24;

    /**
     * Sorts elements [from, length) ascending and returns the sorted array: this one on the heap (a parallel sort
     * in place); for a mapped array, a new one from {@code storage}: runs are sorted on the heap one at a time, then
     * merged in one sequential pass, so the heap holds one run and the files are read and written in order. A run
     * takes at most a sixteenth of the maximum heap, so a small heap (the index being mapped because the heap is
     * small) sorts in more, shorter runs instead of running out of memory.
     */
    public LongArray sortedFrom(long from, Storage storage) {
        return sortedFrom(from, storage, runLength(Runtime.getRuntime().maxMemory()));
    }

    /** Longs per sorted run for a JVM whose maximum heap is {@code maxHeapBytes}: 1/16 of it, within [2^16, 2^24]. */
    static int runLength(long maxHeapBytes) {
        return (int) Math.max(1 << 16, Math.min(MAX_RUN, maxHeapBytes / 16 / Long.BYTES));
    }

    /** As {@link #sortedFrom(long, Storage)} with runs of the given length (tests use short ones). */
    LongArray sortedFrom(long from, Storage storage, int run) {
        if (heap != null) {
            java.util.Arrays.parallelSort(heap, (int) from, heap.length);
            return this;
        }
        long n = length - from;
        int runs = (int) ((n + run - 1) / run);
        long[] buffer = new long[(int) Math.min(run, n)];
        for (int r = 0; r < runs; r++) {
            long start = from + (long) r * run;
            int size = (int) Math.min(run, length - start);
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
        new RunMerge(this, from, run, runs).into(out, from);
        return out;
    }

    /** Elements per chunk when writing to a file: 1 MiB of bytes. */
    private static final int WRITE_CHUNK = (1 << 20) / BYTES;

    /**
     * Writes every element to the channel in native byte order, in one sequential pass through a small buffer, as
     * {@link WorkDir#mapLongs} maps it back, and adds the bytes written to {@code sum} chunk by chunk while they are
     * in the buffer, so that a kept file's checksum costs no second pass over the data: it is what
     * {@link WorkDir#crc32c} computes from the file when {@code sum} is a CRC-32C.
     */
    public void writeTo(java.nio.channels.WritableByteChannel out, Checksum sum) throws java.io.IOException {
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
            sum.update(bytes);
            bytes.rewind(); // the checksum consumed the chunk; the channel writes the same bytes
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        }
    }

    /**
     * Merges sorted runs of one array with a binary min-heap of run numbers keyed by each run's next value: log(runs)
     * comparisons per element, which matters when a small heap made many short runs. Plain arrays, no boxing.
     */
    private static final class RunMerge {
        private final LongArray source;
        private final long[] next;
        private final long[] end;
        private final long[] head;
        private final int[] heap;
        private int size;

        RunMerge(LongArray source, long from, int run, int runs) {
            this.source = source;
            this.next = new long[runs];
            this.end = new long[runs];
            this.head = new long[runs];
            this.heap = new int[runs];
            for (int r = 0; r < runs; r++) {
                next[r] = from + (long) r * run;
                end[r] = Math.min(source.length(), next[r] + run);
                head[r] = source.get(next[r]);
                heap[size++] = r;
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                siftDown(i);
            }
        }

        void into(LongArray out, long at) {
            while (size > 0) {
                int r = heap[0];
                out.set(at++, head[r]);
                if (++next[r] < end[r]) {
                    head[r] = source.get(next[r]);
                } else {
                    heap[0] = heap[--size];
                }
                siftDown(0);
            }
        }

        private void siftDown(int i) {
            while (true) {
                int smallest = i;
                int left = 2 * i + 1;
                int right = left + 1;
                if (left < size && head[heap[left]] < head[heap[smallest]]) {
                    smallest = left;
                }
                if (right < size && head[heap[right]] < head[heap[smallest]]) {
                    smallest = right;
                }
                if (smallest == i) {
                    return;
                }
                int t = heap[i];
                heap[i] = heap[smallest];
                heap[smallest] = t;
                i = smallest;
            }
        }
    }
}
