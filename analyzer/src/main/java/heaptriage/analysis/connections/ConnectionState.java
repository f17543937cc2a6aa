package heaptriage.analysis.connections;

/** What a connection object's fields say about it: open, closed, never connected, or not readable. */
public enum ConnectionState {
    /** Connected (or, for a pool handle, borrowed and not yet given back). */
    OPEN,
    /** Closed by the application or the pool; the object may still be retained. */
    CLOSED,
    /** Created but never connected (e.g. a {@code java.net.Socket} a server is accepting into). */
    NOT_CONNECTED,
    /** The catalogue's state fields are absent in this library version, or their values say nothing. */
    UNKNOWN
}
