package heaptriage.analysis.connections;

/** Whether a group of connections is a leak. */
public enum Verdict {
    OK,
    LEAK
}
