package heaptriage.hprof;

import java.nio.file.Path;

/**
 * The dump's structure is inconsistent (a length past its record, an unknown tag, an undefined class). The message
 * is one line: the file (once known), what is wrong and with which record, and the byte offset.
 */
public final class CorruptHprofException extends HprofException {
    private final String problem;
    private final long offset;

    public CorruptHprofException(String problem, long offset) {
        this(null, problem, offset);
    }

    private CorruptHprofException(Path file, String problem, long offset) {
        super((file == null ? "" : file + ": ") + problem
                + (offset < 0 ? "" : " (at byte " + offset + " of the uncompressed dump)"));
        this.problem = problem;
        this.offset = offset;
    }

    /** The same problem, with the message naming the file it was found in (the reader does not know the file). */
    public CorruptHprofException inFile(Path file) {
        CorruptHprofException named = new CorruptHprofException(file, problem, offset);
        named.setStackTrace(getStackTrace());
        return named;
    }

    /** What is wrong, without the file and the offset. */
    public String problem() {
        return problem;
    }

    /** Where in the uncompressed HPROF stream the problem was found, or -1 when not tied to one place. */
    public long offset() {
        return offset;
    }
}
