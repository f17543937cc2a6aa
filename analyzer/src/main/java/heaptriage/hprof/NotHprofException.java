package heaptriage.hprof;

/** The file is not an HPROF heap dump (nor a gzip-compressed one), or it is empty. */
public final class NotHprofException extends HprofException {
    public NotHprofException(String message) {
        super(message);
    }
}
