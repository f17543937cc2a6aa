package heaptriage.hprof;

/**
 * Receives the records of a dump from {@link HprofReader}, one method per record kind, with primitives only so
 * that no object is made per heap object. Objects are reported in one of two modes: header-only (the default:
 * the body has been skipped, so only complete records are reported) or, when {@link #wantsBodies()} is true,
 * with the input positioned at the body so the visitor can read references.
 */
public interface HprofVisitor {
    default void string(long id, String text) {
    }

    default void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
    }

    default void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {
    }

    default void stackTrace(int serial, int threadSerial, long[] frameIds) {
    }

    /**
     * A HEAP DUMP or HEAP DUMP SEGMENT record of the selected heap dump starts: its sub-records run from
     * {@code bodyStart} to {@code end} ({@code Long.MAX_VALUE}: to the end of the data). Where a pass may be split.
     */
    default void heapDumpRecord(long bodyStart, long end) {
    }

    default void gcRoot(RootKind kind, long objectId, int threadSerial, int frameNumber) {
    }

    default void classDump(ClassDump dump) throws java.io.IOException {
    }

    default void instance(long id, long classId, long recordOffset, int payloadLength) {
    }

    default void objectArray(long id, long arrayClassId, long recordOffset, int length) {
    }

    default void primitiveArray(long id, BasicType elementType, long recordOffset, int length) throws java.io.IOException {
    }

    /** When true, the reader calls the body methods below instead of the header-only ones. */
    default boolean wantsBodies() {
        return false;
    }

    /** The input is at the first field byte; the reader skips whatever the visitor leaves unread. */
    default void instanceBody(long id, long classId, long recordOffset, int payloadLength, HprofInput in) throws java.io.IOException {
    }

    /** The input is at the first element; the reader skips whatever the visitor leaves unread. */
    default void objectArrayBody(long id, long arrayClassId, long recordOffset, int length, HprofInput in) throws java.io.IOException {
    }

    /** Called after each complete top-level record with the stream position, for progress reporting. */
    default void progress(long position) {
    }
}
