package heaptriage.memory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Where the big per-object and per-reference arrays of one analysis live: on the Java heap, or in memory-mapped
 * files of a {@link WorkDir}. Closing it removes the files.
 */
public final class Storage implements AutoCloseable {
    private final WorkDir workDir;
    private final long pageCacheRoom;

    private Storage(WorkDir workDir, long pageCacheRoom) {
        this.workDir = workDir;
        this.pageCacheRoom = pageCacheRoom;
    }

    /** Everything on the Java heap. */
    public static Storage onHeap() {
        return new Storage(null, 0);
    }

    /** Everything in mapped files in this folder, which the storage owns from now on; no room for their pages known. */
    public static Storage mapped(WorkDir workDir) {
        return mapped(workDir, 0);
    }

    /**
     * Everything in mapped files in this folder, which the storage owns from now on, with about
     * {@code pageCacheRoom} bytes of the memory budget left for their pages ({@link MemoryBudget#pageCacheRoom}).
     */
    public static Storage mapped(WorkDir workDir, long pageCacheRoom) {
        return new Storage(workDir, pageCacheRoom);
    }

    /** For mapped files, the bytes of their pages the memory budget leaves room for; 0 on the heap or when unknown. */
    public long pageCacheRoom() {
        return pageCacheRoom;
    }

    public boolean isMapped() {
        return workDir != null;
    }

    /** A zeroed array of ints. */
    public IntArray ints(long length) {
        if (workDir == null) {
            return IntArray.onHeap(length);
        }
        try {
            return workDir.ints(length);
        } catch (IOException e) {
            throw cannotMap(e);
        }
    }

    /** A zeroed array of longs. */
    public LongArray longs(long length) {
        if (workDir == null) {
            return LongArray.onHeap(length);
        }
        try {
            return workDir.longs(length);
        } catch (IOException e) {
            throw cannotMap(e);
        }
    }

    private UncheckedIOException cannotMap(IOException e) {
        return new UncheckedIOException("cannot map an index file in " + workDir.path() + ": " + e.getMessage(), e);
    }

    /** Bytes mapped from files so far (0 on the heap). */
    public long mappedBytes() {
        return workDir == null ? 0 : workDir.mappedBytes();
    }

    @Override
    public void close() {
        if (workDir != null) {
            workDir.close();
        }
    }
}
