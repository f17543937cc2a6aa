package heaptriage.analysis.connections;

/** An inner connection object one connection wraps, e.g. a pool proxy's physical connection, a driver's socket. */
public record Layer(int object, ConnectionKind kind, String className, String via) {
}
