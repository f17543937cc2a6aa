package heaptriage.analysis.connections;

import heaptriage.heap.StackFrameInfo;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ThreadActivityTest {
    private static StackFrameInfo frame(String className, String method) {
        return new StackFrameInfo(className, method, "()V", null, 0);
    }

    private static final StackFrameInfo PARK = frame("jdk.internal.misc.Unsafe", "park");
    private static final StackFrameInfo LOCK_SUPPORT = frame("java.util.concurrent.locks.LockSupport", "park");
    private static final StackFrameInfo AWAIT = frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "await");

    @Test
    void anExecutorWorkerParkedInItsQueuesTakeIsIdle() {
        List<StackFrameInfo> trace = List.of(PARK, LOCK_SUPPORT, AWAIT,
                frame("java.util.concurrent.LinkedBlockingQueue", "take"),
                frame("java.util.concurrent.ThreadPoolExecutor", "getTask"),
                frame("java.util.concurrent.ThreadPoolExecutor", "runWorker"));
        assertEquals("java.util.concurrent.LinkedBlockingQueue.take", ThreadActivity.parkedIn(trace));
    }

    @Test
    void aScheduledPoolThreadWaitingForItsNextTaskIsIdle() {
        List<StackFrameInfo> trace = List.of(PARK, LOCK_SUPPORT,
                frame("java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject", "awaitNanos"),
                frame("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue", "take"));
        assertEquals("java.util.concurrent.ScheduledThreadPoolExecutor$DelayedWorkQueue.take", ThreadActivity.parkedIn(trace));
    }

    @Test
    void aThreadParkedMidRequestOrRunningIsBusy() {
        assertNull(ThreadActivity.parkedIn(List.of(PARK, LOCK_SUPPORT,
                frame("java.util.concurrent.CountDownLatch", "await"),
                frame("com.acme.billing.InvoiceWorker", "run"))), "waiting at a latch mid-request");
        assertNull(ThreadActivity.parkedIn(List.of(frame("com.acme.Worker", "compute"),
                frame("java.util.concurrent.LinkedBlockingQueue", "take"))), "not parked: running");
        assertNull(ThreadActivity.parkedIn(List.of()), "no stack trace in the dump");
    }
}
