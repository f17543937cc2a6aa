package heaptriage.heap;

import heaptriage.hprof.HprofException;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs the shares of a pass split between threads: the first on the calling thread, each other one on a thread of
 * its own. It always waits for every thread, also when one fails, so no thread outlives the pass; then it throws the
 * failure of the earliest share in file order, the one a single thread reading the file would have met first.
 */
final class Workers {
    /** One share's work. */
    interface Task {
        void run() throws HprofException;
    }

    private Workers() {
    }

    static void runAll(List<Task> tasks) throws HprofException {
        if (tasks.size() == 1) {
            tasks.get(0).run();
            return;
        }
        Throwable[] failures = new Throwable[tasks.size()];
        List<Thread> started = new ArrayList<>();
        List<Integer> inline = new ArrayList<>();
        for (int i = 1; i < tasks.size(); i++) {
            int share = i;
            Thread t = new Thread(() -> failures[share] = runCatching(tasks.get(share)), "heaptriage-share-" + share);
            t.setDaemon(true); // a signal ends the JVM without waiting for it; the work folder's hook cleans up
            try {
                t.start();
                started.add(t);
            } catch (OutOfMemoryError e) {
                inline.add(share); // no thread to be had: the caller reads this share after its own
            }
        }
        failures[0] = runCatching(tasks.get(0));
        for (int share : inline) {
            failures[share] = runCatching(tasks.get(share));
        }
        joinAll(started); // join() makes each thread's writes, and its failure, visible here
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

    private static void joinAll(List<Thread> threads) {
        boolean interrupted = false;
        for (Thread t : threads) {
            while (true) {
                try {
                    t.join();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true; // the share's writes must be done before anyone reads them: wait on
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
