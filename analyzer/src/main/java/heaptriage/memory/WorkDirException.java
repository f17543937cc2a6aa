package heaptriage.memory;

import java.io.IOException;

/** The work folder for index files cannot be used: no disk space, or it cannot be created. The message says what to do. */
public final class WorkDirException extends IOException {
    public WorkDirException(String message) {
        super(message);
    }

    public WorkDirException(String message, Throwable cause) {
        super(message, cause);
    }
}
