package heaptriage.analysis.connections;

import heaptriage.analysis.HolderKind;

import java.util.List;

/**
 * How threads hold one group of connections, and the evidence that decided its verdict: how many each thread holds,
 * whether those threads are idle (parked in a queue's take or poll, waiting for work rather than serving a request),
 * whether a pool owns the connections, and whether they are a server's accepted sessions. Field names are JSON keys.
 *
 * @param kind              {@link HolderKind#THREAD_STACK} (a local variable of a frame), {@link HolderKind#THREAD_OWNED}
 *                          (an object only the thread keeps alive, e.g. its Runnable) or {@link HolderKind#THREAD_LOCAL}
 *                          (the threads' values of one ThreadLocal)
 * @param frame             for a stack local: the frame whose local holds them; else null
 * @param threadLocal       for a ThreadLocal: the field that holds the ThreadLocal object, or null when no field holds it
 *                          any more (its entries are stale)
 * @param threadNames       the threads in a few words, e.g. {@code pool-1-thread-1..6}
 * @param threadNamePattern the threads' names with each number as {@code #}, e.g. {@code pool-#-thread-#}: what a
 *                          diff matches holders by, since numbers change between runs
 * @param threads           each thread with what it holds
 * @param maxOpenPerThread  the most open connections one thread holds here
 * @param threshold         open connections on one thread that make a leak
 * @param idleThreads       how many of the threads are idle
 * @param ownedByPool       whether the connections were borrowed from a pool (they count against it)
 * @param serverSessions    whether the connections are a server's accepted connections (its local port is one a
 *                          server socket in this heap listens on): a running server's sessions, not a leak
 */
public record ThreadHold(HolderKind kind, Frame frame, Field threadLocal, String threadNames, String threadNamePattern,
                         List<ThreadShare> threads, long maxOpenPerThread, int threshold, int idleThreads,
                         boolean ownedByPool, boolean serverSessions) {

    public ThreadHold {
        threads = List.copyOf(threads);
    }

    /** A stack frame: class, method, source file and line (0 or less when the dump does not know it). */
    public record Frame(String className, String method, String sourceFile, int line) {
    }

    /** A field that holds an object: declaring class, name, and whether it is static. */
    public record Field(String className, String name, boolean isStatic) {
    }

    /**
     * One thread's part of the group.
     *
     * @param parkedIn the queue method the idle thread waits in, e.g. {@code java.util.concurrent.LinkedBlockingQueue.take};
     *                 null when the thread is not idle
     */
    public record ThreadShare(String name, long count, long open, boolean idle, String parkedIn) {
    }
}
