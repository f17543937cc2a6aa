package heaptriage.hprof;

/** A dump that cannot be read; subclasses say why, and the message says what to do. */
public abstract class HprofException extends Exception {
    protected HprofException(String message) {
        super(message);
    }

    protected HprofException(String message, Throwable cause) {
        super(message, cause);
    }
}
