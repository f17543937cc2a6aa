package heaptriage.memory;

import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.MappedByteBuffer;
import java.util.zip.Checksum;

/**
 * A fixed-length array of ints, indexed by long, either on the Java heap or in a memory-mapped file that the
 * operating system pages in and out. One final class with a branch rather than an interface: the branch is always
 * taken the same way in a run, so hot loops calling get/set stay as fast as loops over an int[].
 */
public final class IntArray {
    private static final int BYTES = Integer.BYTES;
    private final int[] heap;
    private final IntBuffer[] slices;
    private final int sliceShift;
    private final long sliceMask;
    private final long length;
    /** The file behind a mapped array, null on the heap. */
    private final WorkDir.MappedFile file;

    private IntArray(int[] heap, IntBuffer[] slices, int sliceShift, long length, WorkDir.MappedFile file) {
        this.heap = heap;
        this.file = file;
        this.slices = slices;
        this.sliceShift = sliceShift;
        this.sliceMask = (1L << sliceShift) - 1;
        this.length = length;
    }

    /** Wraps a heap array without copying it. */
    public static IntArray wrap(int[] array) {
        return new IntArray(array, null, 0, array.length, null);
    }

    /** A zeroed heap array. */
    static IntArray onHeap(long length) {
        return wrap(new int[Math.toIntExact(length)]);
    }

    /** Views mapped slices of {@code 2^sliceBytesBits} bytes each (the last one may be shorter). */
    static IntArray mapped(WorkDir.MappedFile file, int sliceBytesBits, long length) {
        return mapped(file.slices(), sliceBytesBits, length, file);
    }

    /** Views slices of a file this array does not own (a kept index): {@link #release} leaves it alone. */
    static IntArray mapped(MappedByteBuffer[] buffers, int sliceBytesBits, long length) {
        return mapped(buffers, sliceBytesBits, length, null);
    }

    private static IntArray mapped(MappedByteBuffer[] buffers, int sliceBytesBits, long length, WorkDir.MappedFile file) {
        IntBuffer[] slices = new IntBuffer[buffers.length];
        for (int i = 0; i < buffers.length; i++) {
            slices[i] = buffers[i].order(ByteOrder.nativeOrder()).asIntBuffer();
        }
        return new IntArray(null, slices, sliceBytesBits - 2, length, file);
    }

    public int get(long index) {
        if (heap != null) {
            return heap[(int) index];
        }
        return slices[(int) (index >>> sliceShift)].get((int) (index & sliceMask));
    }

    public void set(long index, int value) {
        if (heap != null) {
            heap[(int) index] = value;
        } else {
            slices[(int) (index >>> sliceShift)].put((int) (index & sliceMask), value);
        }
    }

    /** Adds to an element and returns the new value. */
    public int add(long index, int delta) {
        int v = get(index) + delta;
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

    /**
     * This array's memory (heap or file) as an array of its first {@code length} elements, holding whatever values
     * are there: for a phase that takes over a dead array of its own instead of having fresh memory zeroed and
     * paged in for a new one. Release only one of the two, once neither is used.
     */
    public IntArray viewOfFirst(long length) {
        if (length > this.length) {
            throw new IllegalArgumentException("a view of " + length + " elements of an array of " + this.length);
        }
        return new IntArray(heap, slices, sliceShift, length, file);
    }

    /** Bytes the elements take, on the heap or in the file. */
    public long bytes() {
        return length * BYTES;
    }

    /** Sets every element. */
    public void fill(int value) {
        if (heap != null) {
            java.util.Arrays.fill(heap, 0, (int) length, value);
            return;
        }
        for (long i = 0; i < length; i++) {
            set(i, value);
        }
    }

    /** Copies {@code count} elements from {@code from} into a heap array at {@code at}. */
    public void copyInto(long from, int[] dst, int at, int count) {
        if (heap != null) {
            System.arraycopy(heap, (int) from, dst, at, count);
            return;
        }
        for (int i = 0; i < count; i++) {
            dst[at + i] = get(from + i);
        }
    }

    /** All elements as a new heap array (for small arrays: tests, short lists). */
    public int[] toArray() {
        return copyRange(0, length);
    }

    /** Elements [from, to) as a new heap array (for short ranges, such as one object's references). */
    public int[] copyRange(long from, long to) {
        if (heap != null) {
            return java.util.Arrays.copyOfRange(heap, (int) from, (int) to);
        }
        int[] out = new int[Math.toIntExact(to - from)];
        for (int i = 0; i < out.length; i++) {
            out[i] = get(from + i);
        }
        return out;
    }

    /** Elements per chunk when writing to a file: 1 MiB of bytes. */
    private static final int WRITE_CHUNK = (1 << 20) / BYTES;

    /**
     * Writes every element to the channel in native byte order, in one sequential pass through a small buffer, as
     * {@link WorkDir#mapInts} maps it back, and adds the bytes written to {@code sum} chunk by chunk while they are
     * in the buffer, so that a kept file's checksum costs no second pass over the data: it is what
     * {@link WorkDir#crc32c} computes from the file when {@code sum} is a CRC-32C.
     */
    public void writeTo(java.nio.channels.WritableByteChannel out, Checksum sum) throws java.io.IOException {
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.allocateDirect(WRITE_CHUNK * BYTES).order(ByteOrder.nativeOrder());
        IntBuffer view = bytes.asIntBuffer();
        int[] chunk = heap != null ? null : new int[WRITE_CHUNK];
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
}
