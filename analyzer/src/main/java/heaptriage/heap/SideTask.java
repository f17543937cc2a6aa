package heaptriage.heap;

import heaptriage.memory.Storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One analysis run on a second core while the caller's thread does another, independent one. Both graph walks are
 * bound by memory latency, not by each other, so on two cores the pair takes about as long as the longer one. When
 * running it beside would not pay or not fit (one core, too little free heap, or the index in mapped files with a
 * page cache too small for two walks at once: see {@link #worthRunningBeside}), the task runs on the caller's thread
 * when its result is asked for, so the results are the same either way.
 */
public final class SideTask<T> {
    /** Work that may read the dump or throw like the analyses do. */
    @FunctionalInterface
    public interface Work<T> {
        T run() throws IOException;
    }

    private final FutureTask<T> task;
    private final boolean beside;

    private SideTask(FutureTask<T> task, boolean beside) {
        this.task = task;
        this.beside = beside;
    }

    /** Starts the work on its own daemon thread when {@code beside} is true; otherwise it waits for {@link #join}. */
    public static <T> SideTask<T> start(String name, boolean beside, Work<T> work) {
        FutureTask<T> task = new FutureTask<>(() -> {
            try {
                return work.run();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (beside) {
            Thread thread = new Thread(task, "heaptriage " + name);
            thread.setDaemon(true); // a failure on the caller's thread must not wait for it
            thread.start();
        }
        return new SideTask<>(task, beside);
    }

    /** How a walk runs against the main one, and why not beside it. */
    public enum Placement {
        /** On a second core, at the same time. */
        BESIDE,
        /** In turn: there is one core. */
        ONE_CORE,
        /** In turn: the heap does not hold the planned peak plus the walk's arrays. */
        HEAP_TOO_SMALL,
        /** In turn: the page cache the budget leaves does not hold most of the mapped index. */
        PAGE_CACHE_TOO_SMALL
    }

    /** Whether a walk can run beside the main one: {@link #placement} says so. */
    public static boolean worthRunningBeside(HeapSnapshot s, int bytesPerObject) {
        return placement(s, bytesPerObject) == Placement.BESIDE;
    }

    /**
     * How a walk runs. Beside the main one it needs a second core, and room for both walks' memory:
     * <ul>
     * <li>With the index on the heap, a heap that holds what the indexer planned for the analysis
     * ({@link HeapIndexer#estimatedNeed}, its peak: the index and the dominators' arrays) plus {@code bytesPerObject}
     * more for this walk. Planned rather than measured, because the heap's momentary use counts the garbage of
     * earlier phases that a collection would free.</li>
     * <li>With the index in mapped files, a page cache of at least {@link #MAPPED_ROOM_PER_INDEX_BYTE} of the index's
     * size: otherwise two walks over different arrays evict each other's pages, and each step waits for the disk.</li>
     * </ul>
     */
    public static Placement placement(HeapSnapshot s, int bytesPerObject) {
        Runtime runtime = Runtime.getRuntime();
        if (runtime.availableProcessors() < 2) {
            return Placement.ONE_CORE;
        }
        if (s.storage().isMapped()) {
            return roomForTwoWalks(s.storage(), s.indexBytes()) ? Placement.BESIDE : Placement.PAGE_CACHE_TOO_SMALL;
        }
        long planned = HeapIndexer.estimatedNeed(s.objectCount(), s.referenceCount()) + (long) bytesPerObject * s.objectCount();
        return planned <= runtime.maxMemory() ? Placement.BESIDE : Placement.HEAP_TOO_SMALL;
    }

    /**
     * The page cache, as a share of the mapped index's bytes, from which two walks at once pay. Measured on the
     * 4 GiB dump (2.6 GB of index): with a 3 GiB budget (room for 0.83 of the index) `benchmark` took 52.7 s with
     * the walks beside each other; with 2 GiB (0.52) they thrashed, 98.5 s against 78.9 s one after the other (the
     * leak paths' search alone beside the dominators: 89.8 s against 71.0 s); with 4 GiB, 46.1 s against 54.6 s.
     */
    static final double MAPPED_ROOM_PER_INDEX_BYTE = 0.75;

    /** Whether mapped arrays' page cache can hold two walks at once over an index of {@code indexBytes}. */
    static boolean roomForTwoWalks(Storage storage, long indexBytes) {
        return storage.pageCacheRoom() >= MAPPED_ROOM_PER_INDEX_BYTE * indexBytes;
    }

    /** The result, once the work is done; its failure is rethrown here as it would be on the caller's thread. */
    public T join() throws IOException {
        if (!beside) {
            task.run();
        }
        try {
            return task.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for " + task, e);
        } catch (CancellationException e) {
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(cause);
        }
    }
}
