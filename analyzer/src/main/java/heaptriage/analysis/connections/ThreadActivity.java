package heaptriage.analysis.connections;

import heaptriage.heap.StackFrameInfo;

import java.util.List;
import java.util.Set;

/**
 * Whether a thread is idle, by its top frames: parked in a queue's take or poll (an executor's worker waiting for a
 * task, a consumer waiting for a message) or in a fork-join pool's wait for work. An idle thread is not serving a
 * request, so what it holds is not a request's.
 */
final class ThreadActivity {
    /** How deep the wait may sit below the park: Unsafe.park, LockSupport.park, a condition's await, the queue. */
    private static final int TOP_FRAMES = 8;
    private static final Set<String> PARK_CLASSES = Set.of("jdk.internal.misc.Unsafe", "sun.misc.Unsafe");
    private static final Set<String> QUEUE_WAITS = Set.of("take", "poll", "transfer", "awaitFulfill", "xfer");

    private ThreadActivity() {
    }

    /** The queue method the thread waits in, e.g. {@code java.util.concurrent.LinkedBlockingQueue.take}; null when busy. */
    static String parkedIn(List<StackFrameInfo> trace) {
        if (trace.isEmpty() || !PARK_CLASSES.contains(trace.get(0).className()) || !trace.get(0).methodName().equals("park")) {
            return null;
        }
        for (int i = 1; i < Math.min(TOP_FRAMES, trace.size()); i++) {
            StackFrameInfo f = trace.get(i);
            boolean queueWait = f.className().startsWith("java.util.concurrent.") && f.className().contains("Queue")
                    && QUEUE_WAITS.contains(f.methodName());
            boolean forkJoinWait = f.className().equals("java.util.concurrent.ForkJoinPool") && f.methodName().equals("awaitWork");
            if (queueWait || forkJoinWait) {
                return f.className() + "." + f.methodName();
            }
        }
        return null;
    }
}
