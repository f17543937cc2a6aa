package heaptriage.analysis;

/**
 * What kind of thing keeps an object (or a group of connections) alive, in the terms a developer looks for in the
 * code. Code decides on these; renderers name them.
 */
public enum HolderKind {
    /** A static field of an application class (through any collection in between). */
    STATIC_FIELD(Role.APPLICATION),
    /** An instance field of an application object. */
    INSTANCE_FIELD(Role.APPLICATION),
    /** A GC root object itself, with no field in between (a JNI global, a system class...). */
    ROOT(Role.APPLICATION),
    /** Objects whose referrers were lost where a truncated dump was cut. */
    LOST_IN_CUT(Role.APPLICATION),
    /** A local variable on a thread's stack. */
    THREAD_STACK(Role.THREAD),
    /** The objects of a live thread that only that thread keeps alive (a server's accepted sessions). */
    THREAD_OWNED(Role.THREAD),
    /** The values of a {@code ThreadLocal} on one or more threads. */
    THREAD_LOCAL(Role.THREAD),
    /** A running server's bookkeeping of accepted connections (an NIO selector, an embedded HTTP server). */
    SERVER_SESSIONS(Role.THREAD),
    /** A connection pool's own structures. */
    POOL(Role.POOL),
    /** Nothing reaches the object from a GC root. */
    NO_PATH(Role.UNKNOWN);

    /** Who is responsible for what this holder keeps: what the leak rules look at. */
    public enum Role {
        /** The application's own code: many connections here are a leak. */
        APPLICATION,
        /** A running thread: connections in use by running code. */
        THREAD,
        /** A pool library: its own bookkeeping. */
        POOL,
        /** No path from a GC root: judged as the application's. */
        UNKNOWN
    }

    private final Role role;

    HolderKind(Role role) {
        this.role = role;
    }

    public Role role() {
        return role;
    }
}
