package heaptriage.hprof;

/** An HPROF file of a version or identifier size that Heap Triage does not read. */
public final class UnsupportedHprofException extends HprofException {
    public UnsupportedHprofException(String message) {
        super(message);
    }
}
