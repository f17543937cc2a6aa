package heaptriage.cli;

/** A running JVM that cannot be dumped: why (for code) and what to do (one line, for people). Exit code 6. */
final class CaptureException extends Exception {
    /** Why the capture could not happen. */
    enum Reason { NO_SUCH_PROCESS, OTHER_USER, CONTAINER, NOT_A_JVM, NO_JCMD, NOT_ENOUGH_DISK, JCMD_FAILED }

    private final Reason reason;

    CaptureException(Reason reason, String message) {
        super(message);
        this.reason = reason;
    }

    Reason reason() {
        return reason;
    }
}
