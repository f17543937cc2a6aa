package heaptriage.heap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * One analysis run on a second core while the caller's thread does another, independent one. Both graph walks are
 * bound by memory latency, not by each other, so on two cores the pair takes about as long as the longer one. When
 * running it beside would not pay or not fit (one core, the index in mapped files where two walks would fight over
 * the page cache, too little free heap), the task runs on the caller's thread when its result is asked for, so the
 * results are the same either way.
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

    /**
     * Whether a walk can run beside the main one: a second core, the index on the heap, and a heap that holds what
     * the indexer planned for the analysis ({@link HeapIndexer#estimatedNeed}, its peak: the index and the
     * dominators' arrays) plus {@code bytesPerObject} more for this walk. Planned rather than measured, because the
     * heap's momentary use counts the garbage of earlier phases that a collection would free.
     */
    public static boolean worthRunningBeside(HeapSnapshot s, int bytesPerObject) {
        long planned = HeapIndexer.estimatedNeed(s.objectCount(), s.referenceCount()) + (long) bytesPerObject * s.objectCount();
        Runtime runtime = Runtime.getRuntime();
        return !s.storage().isMapped() && runtime.availableProcessors() >= 2 && planned <= runtime.maxMemory();
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
