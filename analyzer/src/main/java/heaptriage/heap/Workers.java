package heaptriage.heap;

import heaptriage.hprof.HprofException;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the shares of a pass split between threads: the calling thread and up to {@code threads - 1} more take the
 * shares in file order, each the next one not yet taken, so a thread that gets less processor time reads fewer of
 * them. It always waits for every thread, also when a share fails, so no thread outlives the pass; then it throws the
 * failure of the earliest share in file order, the one a single thread reading the file would have met first.
 */
final class Workers {
    /** One share's work. */
    interface Task {
        void run() throws HprofException;
    }

    private Workers() {
    }

    static void runAll(int threads, List<Task> tasks) throws HprofException {
        if (threads <= 1 || tasks.size() == 1) {
            for (Task task : tasks) {
                task.run();
            }
            return;
        }
        Throwable[] failures = new Throwable[tasks.size()];
        AtomicInteger next = new AtomicInteger();
        Runnable worker = () -> {
            for (int share; (share = next.getAndIncrement()) < tasks.size(); ) {
                failures[share] = runCatching(tasks.get(share));
            }
        };
        List<Thread> started = new ArrayList<>();
        for (int i = 1; i < Math.min(threads, tasks.size()); i++) {
            Thread t = new Thread(worker, "heaptriage-share-" + i);
            t.setDaemon(true); // a signal ends the JVM without waiting for it; the work folder's hook cleans up
            try {
                t.start();
                started.add(t);
            } catch (OutOfMemoryError e) {
                break; // no more threads to be had: fewer take the shares
            }
        }
        worker.run();
        joinAll(started); // join() makes each thread's writes, and its failures, visible here
        for (Throwable failure : failures) {
            if (failure != null) {
                throw rethrown(failure);
            }
        }
    }

    private static Throwable runCatching(Task task) {
        try {
            task.run();
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** Waits for every thread, however often the caller is interrupted (keeping the interrupt for later). */
    static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the shares' writes must be done before anyone reads them: wait on
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static HprofException rethrown(Throwable failure) {
        if (failure instanceof HprofException e) {
            return e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        throw new IllegalStateException("a share of the pass failed: " + failure, failure);
    }
}
