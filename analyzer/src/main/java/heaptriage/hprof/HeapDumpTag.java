package heaptriage.hprof;

/**
 * The kinds of sub-record inside a HEAP DUMP or HEAP DUMP SEGMENT record: the GC roots (see {@link RootKind}) and
 * the four object dumps, with their tags and the names the HPROF format gives them.
 */
public enum HeapDumpTag {
    ROOT_UNKNOWN(RootKind.UNKNOWN),
    ROOT_JNI_GLOBAL(RootKind.JNI_GLOBAL),
    ROOT_JNI_LOCAL(RootKind.JNI_LOCAL),
    ROOT_JAVA_FRAME(RootKind.JAVA_FRAME),
    ROOT_NATIVE_STACK(RootKind.NATIVE_STACK),
    ROOT_STICKY_CLASS(RootKind.STICKY_CLASS),
    ROOT_THREAD_BLOCK(RootKind.THREAD_BLOCK),
    ROOT_MONITOR_USED(RootKind.MONITOR_USED),
    ROOT_THREAD_OBJECT(RootKind.THREAD_OBJECT),
    CLASS_DUMP(0x20, "CLASS DUMP"),
    INSTANCE_DUMP(0x21, "INSTANCE DUMP"),
    OBJECT_ARRAY_DUMP(0x22, "OBJECT ARRAY DUMP"),
    PRIMITIVE_ARRAY_DUMP(0x23, "PRIMITIVE ARRAY DUMP");

    private static final HeapDumpTag[] BY_TAG = new HeapDumpTag[256];

    static {
        for (HeapDumpTag t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    public final int tag;
    public final String recordName;
    /** The root kind of a root sub-record; null for object dumps. */
    public final RootKind rootKind;

    HeapDumpTag(RootKind root) {
        this.tag = root.tag;
        this.recordName = "ROOT " + root.name().replace('_', ' ');
        this.rootKind = root;
    }

    HeapDumpTag(int tag, String recordName) {
        this.tag = tag;
        this.recordName = recordName;
        this.rootKind = null;
    }

    /** The sub-record kind of a tag byte, or null when no heap dump sub-record has that tag. */
    public static HeapDumpTag of(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    @Override
    public String toString() {
        return recordName + " sub-record";
    }
}
