package heaptriage.hprof;

/** The kinds of GC root sub-records in an HPROF heap dump, with their tags and MAT's names. */
public enum RootKind {
    UNKNOWN(0xFF, "Unknown"),
    JNI_GLOBAL(0x01, "JNI Global"),
    JNI_LOCAL(0x02, "JNI Local"),
    JAVA_FRAME(0x03, "Java Local"),
    NATIVE_STACK(0x04, "Native Stack"),
    STICKY_CLASS(0x05, "System Class"),
    THREAD_BLOCK(0x06, "Thread Block"),
    MONITOR_USED(0x07, "Busy Monitor"),
    THREAD_OBJECT(0x08, "Thread");

    public final int tag;
    public final String displayName;

    RootKind(int tag, String displayName) {
        this.tag = tag;
        this.displayName = displayName;
    }

    /** Locals of a thread's stack: MAT turns these into references from the thread object when the thread is known. */
    public boolean isThreadLocal() {
        return this == JNI_LOCAL || this == JAVA_FRAME || this == NATIVE_STACK || this == THREAD_BLOCK;
    }
}
