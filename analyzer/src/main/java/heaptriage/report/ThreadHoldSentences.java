package heaptriage.report;

import heaptriage.analysis.connections.ConnectionFinding;
import heaptriage.analysis.connections.LeakType;
import heaptriage.analysis.connections.ThreadHold;

import java.util.Locale;

/**
 * The sentences for connections held on threads: the holder's name, and what decided the verdict. The analysis
 * decides ({@link ThreadHold}); this only words it.
 */
final class ThreadHoldSentences {
    private ThreadHoldSentences() {
    }

    /**
     * The holder: {@code a local variable of com.acme.Worker.run (Worker.java:42) on thread "worker"}, {@code values
     * of ThreadLocal com.acme.Context.OPEN on 6 threads (pool-1-thread-1..6)}, or {@code com.acme.Worker.open, kept
     * alive by thread "worker"}.
     */
    static String holder(ThreadHold hold, String holderDescription) {
        String on = threads(hold);
        return switch (hold.kind()) {
            case THREAD_STACK -> hold.frame() == null ? "a local variable on the stack " + of(hold)
                    : "a local variable of " + frame(hold.frame()) + " " + on;
            case THREAD_LOCAL -> hold.threadLocal() == null
                    ? "values of a ThreadLocal that no field holds any more (stale entries) " + on
                    : "values of ThreadLocal " + hold.threadLocal().className() + "." + hold.threadLocal().name()
                    + (hold.threadLocal().isStatic() ? "" : " (instance field)") + " " + on;
            default -> holderDescription + ", kept alive by " + (hold.threads().size() == 1
                    ? "thread \"" + hold.threadNames() + "\"" : threadCount(hold));
        };
    }

    /** What decided the verdict, then what to do about a leak. */
    static String explain(ThreadHold hold, LeakType leakType, ConnectionFinding.Pool pool) {
        String counts = counts(hold);
        String poolText = hold.ownedByPool() && pool != null
                ? String.format(Locale.ROOT, " They were borrowed from pool '%s' and count against it (max %s, active %s).",
                pool.name(), n(pool.maxSize()), n(pool.active())) : "";
        if (leakType == null) {
            if (hold.serverSessions()) {
                return "They are connections a server in this JVM accepted (their local port is the one it listens on):"
                        + " a running server's sessions, not a leak.";
            }
            if (hold.maxOpenPerThread() >= hold.threshold()) { // above the threshold and fine: only a pool's own
                return "They are a pool's own connections (its entries, or on a frame of the pool's code): the pool's"
                        + " bookkeeping, not a leak.";
            }
            return counts + ", below the threshold of " + hold.threshold() + " per thread: "
                    + (hold.idleThreads() == 0 ? "requests in progress, not a leak." : "not a leak.") + poolText;
        }
        String why = switch (leakType) {
            case POOL_EXHAUSTED -> counts + ", the pool is exhausted and " + idle(hold)
                    + ": probable connection leak.";
            default -> counts + " (a leak from " + hold.threshold() + " per thread)"
                    + (hold.idleThreads() > 0 ? ", and " + idle(hold) : "")
                    + ": a thread accumulates connections that no request needs. Probable connection leak.";
        };
        return why + poolText + " " + fix(hold);
    }

    private static String fix(ThreadHold hold) {
        return switch (hold.kind()) {
            case THREAD_STACK -> "Close each connection when its work is done (try-with-resources) instead of keeping it in"
                    + " a local variable of " + (hold.frame() == null ? "the thread's loop" : hold.frame().className() + "."
                    + hold.frame().method()) + ".";
            case THREAD_LOCAL -> "Close the connections and call remove() on the ThreadLocal at the end of each request"
                    + " (in a finally block): pool threads live for ever, and so do their ThreadLocal values.";
            default -> "Close each connection when its work is done (try-with-resources) instead of keeping it"
                    + " in an object the thread keeps for its whole life.";
        };
    }

    private static String counts(ThreadHold hold) {
        if (hold.threads().size() == 1) {
            return String.format(Locale.ROOT, "Thread \"%s\" holds %,d open", hold.threadNames(), hold.maxOpenPerThread());
        }
        return String.format(Locale.ROOT, "%d threads hold them, at most %,d open on one thread", hold.threads().size(),
                hold.maxOpenPerThread());
    }

    private static String idle(ThreadHold hold) {
        String where = hold.threads().stream().filter(ThreadHold.ThreadShare::idle).map(ThreadHold.ThreadShare::parkedIn)
                .findFirst().map(m -> m.substring(m.lastIndexOf('.', m.lastIndexOf('.') - 1) + 1)).orElse("a queue");
        if (hold.threads().size() == 1) {
            return "the thread is idle (parked in " + where + ", waiting for work), so no request is using them";
        }
        return String.format(Locale.ROOT, "%d of the %d threads are idle (parked in %s, waiting for work), so no"
                + " request is using theirs", hold.idleThreads(), hold.threads().size(), where);
    }

    private static String threads(ThreadHold hold) {
        return hold.threads().size() == 1 ? "on thread \"" + hold.threadNames() + "\"" : "on " + threadCount(hold);
    }

    private static String of(ThreadHold hold) {
        return hold.threads().size() == 1 ? "of thread \"" + hold.threadNames() + "\"" : "of " + threadCount(hold);
    }

    private static String threadCount(ThreadHold hold) {
        return hold.threads().size() + " threads (" + hold.threadNames() + ")";
    }

    /** {@code com.acme.Worker.run (Worker.java:42)}. */
    private static String frame(ThreadHold.Frame f) {
        String where = f.sourceFile() == null || f.sourceFile().isEmpty() ? "" : f.line() > 0
                ? " (" + f.sourceFile() + ":" + f.line() + ")" : " (" + f.sourceFile() + ")";
        return f.className() + "." + f.method() + where;
    }

    private static String n(Integer v) {
        return v == null ? "?" : v.toString();
    }
}
