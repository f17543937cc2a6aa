package heaptriage.hprof;

/** The heap dump asked for (by its number) is not in the file: the file holds fewer. */
public final class NoSuchHeapDumpException extends HprofException {
    public NoSuchHeapDumpException(String message) {
        super(message);
    }
}
