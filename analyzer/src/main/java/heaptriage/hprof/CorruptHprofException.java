package heaptriage.hprof;

/** The dump's structure is inconsistent (a length past its record, an unknown tag, an undefined class). */
public final class CorruptHprofException extends HprofException {
    private final long offset;

    public CorruptHprofException(String message, long offset) {
        super(offset < 0 ? message : message + " (at byte " + offset + " of the uncompressed dump)");
        this.offset = offset;
    }

    /** Where in the uncompressed HPROF stream the problem was found, or -1 when not tied to one place. */
    public long offset() {
        return offset;
    }
}
