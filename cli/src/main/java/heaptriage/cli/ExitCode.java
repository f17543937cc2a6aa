package heaptriage.cli;

/** The documented exit codes of every command. */
public final class ExitCode {
    /** Done; no gate tripped. */
    public static final int OK = 0;
    /** A CI gate tripped (the report is still written). */
    public static final int GATE_TRIPPED = 1;
    /** Bad command line, or a file that is not what the command expects, or an output that cannot be written. */
    public static final int USAGE = 2;
    /** The dump cannot be read: missing, not HPROF, unsupported, corrupt beyond salvage. */
    public static final int DUMP_UNREADABLE = 3;
    /** The JVM ran out of memory. */
    public static final int OUT_OF_MEMORY = 4;
    /** A bug in heaptriage (not in the dump, not in the command line): one line, the stack with --debug. */
    public static final int INTERNAL_ERROR = 5;
    /** {@code capture}: the running JVM cannot be dumped (no such process, another user's, in a container, not a JVM, no jcmd, not enough disk). */
    public static final int CAPTURE_FAILED = 6;
    /** The work folder for index files cannot hold them (no disk space) or cannot be created. */
    public static final int WORK_DIR_UNUSABLE = 7;

    private ExitCode() {
    }
}
