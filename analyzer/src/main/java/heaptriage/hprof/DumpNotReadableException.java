package heaptriage.hprof;

/** The dump file is missing, is a directory, cannot be opened, or failed while being read. */
public final class DumpNotReadableException extends HprofException {
    public DumpNotReadableException(String message) {
        super(message);
    }

    public DumpNotReadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
