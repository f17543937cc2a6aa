package heaptriage.analysis.connections;

/**
 * One catalogue rule for reading a connection's state: when the value at {@code path} meets {@code condition}, the
 * state is {@code result}. An {@code inherit} rule instead takes the state of the connection object at the path
 * (e.g. an HTTP connection is as open as its socket). A rule whose fields are absent says nothing.
 */
public record StateRule(FieldPath path, Condition condition, ConnectionState result, boolean inherit) {
    /** A rule deciding {@code result} when the condition holds. */
    public static StateRule when(FieldPath path, Condition condition, ConnectionState result) {
        return new StateRule(path, condition, result, false);
    }

    /** A rule taking the state of the catalogued connection object at the path. */
    public static StateRule inheritFrom(FieldPath path) {
        return new StateRule(path, null, null, true);
    }
}
