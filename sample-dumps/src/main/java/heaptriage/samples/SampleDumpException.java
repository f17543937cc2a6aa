package heaptriage.samples;

/** A dump could not be generated; the message is one line meant for a human. */
public class SampleDumpException extends RuntimeException {

    public SampleDumpException(String message) {
        super(message);
    }

    public SampleDumpException(String message, Throwable cause) {
        super(message, cause);
    }
}
