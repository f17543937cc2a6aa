package heaptriage.hprof;

/**
 * The top-level HPROF record kinds, with their tags and the names the HPROF format gives them. One table for the
 * reader, its error messages and the test writer.
 */
public enum HprofTag {
    STRING(0x01, "STRING"),
    LOAD_CLASS(0x02, "LOAD CLASS"),
    UNLOAD_CLASS(0x03, "UNLOAD CLASS"),
    STACK_FRAME(0x04, "STACK FRAME"),
    STACK_TRACE(0x05, "STACK TRACE"),
    ALLOC_SITES(0x06, "ALLOC SITES"),
    HEAP_SUMMARY(0x07, "HEAP SUMMARY"),
    START_THREAD(0x0A, "START THREAD"),
    END_THREAD(0x0B, "END THREAD"),
    HEAP_DUMP(0x0C, "HEAP DUMP"),
    CPU_SAMPLES(0x0D, "CPU SAMPLES"),
    CONTROL_SETTINGS(0x0E, "CONTROL SETTINGS"),
    HEAP_DUMP_SEGMENT(0x1C, "HEAP DUMP SEGMENT"),
    HEAP_DUMP_END(0x2C, "HEAP DUMP END");

    /**
     * The longest STRING record body accepted. The JVM's names (symbols) are at most 65,535 bytes; the old hprof
     * agent also wrote thread names here. A length beyond this is a damaged length field, not a string.
     */
    public static final long MAX_STRING_BYTES = 1 << 20;
    /** A top-level record's header: its tag (1 byte), time offset and length (4 bytes each). */
    public static final int RECORD_HEADER_BYTES = 9;

    private static final HprofTag[] BY_TAG = new HprofTag[256];

    static {
        for (HprofTag t : values()) {
            BY_TAG[t.tag] = t;
        }
    }

    public final int tag;
    public final String recordName;

    HprofTag(int tag, String recordName) {
        this.tag = tag;
        this.recordName = recordName;
    }

    /** The record kind of a tag byte, or null when no HPROF record has that tag. */
    public static HprofTag of(int tag) {
        return tag >= 0 && tag < BY_TAG.length ? BY_TAG[tag] : null;
    }

    /** True for the records that hold heap objects and roots. */
    public boolean isHeapDump() {
        return this == HEAP_DUMP || this == HEAP_DUMP_SEGMENT;
    }

    /** The body length every well-formed record of this kind has, or -1 when it varies with the content. */
    public long fixedLength(int idSize) {
        return switch (this) {
            case LOAD_CLASS -> 4 + idSize + 4 + idSize;
            case UNLOAD_CLASS, END_THREAD -> 4;
            case STACK_FRAME -> 4L * idSize + 8;
            case HEAP_SUMMARY -> 24;
            case START_THREAD -> 4 + idSize + 4 + 3L * idSize;
            case CONTROL_SETTINGS -> 6;
            case HEAP_DUMP_END -> 0;
            default -> -1;
        };
    }

    @Override
    public String toString() {
        return recordName + " record";
    }
}
