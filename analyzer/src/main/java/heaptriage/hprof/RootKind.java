package heaptriage.hprof;

/** The kinds of GC root sub-records in an HPROF heap dump, with their tags; reports give them Eclipse MAT's names. */
public enum RootKind {
    UNKNOWN(0xFF),
    JNI_GLOBAL(0x01),
    JNI_LOCAL(0x02),
    JAVA_FRAME(0x03),
    NATIVE_STACK(0x04),
    STICKY_CLASS(0x05),
    THREAD_BLOCK(0x06),
    MONITOR_USED(0x07),
    THREAD_OBJECT(0x08);

    public final int tag;

    RootKind(int tag) {
        this.tag = tag;
    }

    /** Locals of a thread's stack: MAT turns these into references from the thread object when the thread is known. */
    public boolean isThreadLocal() {
        return this == JNI_LOCAL || this == JAVA_FRAME || this == NATIVE_STACK || this == THREAD_BLOCK;
    }
}
