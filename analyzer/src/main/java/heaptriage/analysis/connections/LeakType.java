package heaptriage.analysis.connections;

/** Why a group of connections is a leak. */
public enum LeakType {
    /** Many open connections kept by an application holder. */
    OPEN_CONNECTIONS_HELD,
    /** A pool is exhausted and its borrowed connections are kept by the application, not by a thread. */
    POOL_EXHAUSTED,
    /** Many closed connections kept: a memory leak of dead connections. */
    CLOSED_CONNECTIONS_RETAINED,
    /** Together the connections retain a large share of the heap. */
    LARGE_RETAINED_SHARE,
    /** One thread holds more open connections than a request needs (a stack local, its own objects, a ThreadLocal). */
    THREAD_ACCUMULATION
}
