package heaptriage.samples.scenarios;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** Polls a condition so a scenario only reports READY once its state has really settled. */
final class Waits {

    private Waits() {
    }

    static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + "s waiting for " + what);
            }
            Thread.sleep(10);
        }
    }

    /** Waits until a thread is parked in CountDownLatch.await(), not merely started or briefly blocked elsewhere. */
    static void parkedAtLatch(Thread thread) throws InterruptedException {
        parkedIn(thread, CountDownLatch.class.getName(), "await");
    }

    /** Waits until a thread is parked (WAITING) with {@code className.method} on its stack, e.g. a queue's take(). */
    static void parkedIn(Thread thread, String className, String method) throws InterruptedException {
        until(thread.getName() + " to park in " + className + "." + method, Duration.ofSeconds(20),
                () -> thread.getState() == Thread.State.WAITING && Arrays.stream(thread.getStackTrace())
                        .anyMatch(f -> f.getClassName().equals(className) && f.getMethodName().equals(method)));
    }

    /** The line the thread is at in {@code className.method}, as its stack trace (and so the dump) shows it. */
    static String frame(Thread thread, String className, String method) {
        return Arrays.stream(thread.getStackTrace())
                .filter(f -> f.getClassName().equals(className) && f.getMethodName().equals(method))
                .map(f -> className + "." + method + ":" + f.getLineNumber())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(thread.getName() + " is not in " + className + "." + method));
    }
}
