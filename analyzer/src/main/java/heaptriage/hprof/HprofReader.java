package heaptriage.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Walks the records of an HPROF stream and reports them to a {@link HprofVisitor}. Records it does not use are
 * skipped by their declared length. A stream that ends inside a record is a truncated dump: the partial record is
 * dropped and the summary says where the cut is.
 */
public final class HprofReader {
    private static final int TAG_STRING = 0x01;
    private static final int TAG_LOAD_CLASS = 0x02;
    private static final int TAG_STACK_FRAME = 0x04;
    private static final int TAG_STACK_TRACE = 0x05;
    private static final int TAG_HEAP_DUMP = 0x0C;
    private static final int TAG_HEAP_DUMP_SEGMENT = 0x1C;
    private static final int TAG_HEAP_DUMP_END = 0x2C;

    private static final int SUB_CLASS_DUMP = 0x20;
    private static final int SUB_INSTANCE = 0x21;
    private static final int SUB_OBJECT_ARRAY = 0x22;
    private static final int SUB_PRIMITIVE_ARRAY = 0x23;

    private final HprofInput in;
    private final int idSize;
    private final HprofVisitor visitor;
    private final boolean bodies;
    private long stopAt = Long.MAX_VALUE;
    private long topLevelRecords;
    private long heapRecords;
    private boolean sawSegments;
    private boolean sawHeapDumpEnd;

    // what is being read, for the truncation report
    private long recordStart;
    private long recordEnd;
    private long segmentEnd;
    private int cutTag;        // tag of the record or sub-record being read
    private long cutStart;     // where it starts
    private boolean cutIsSub;  // a heap dump sub-record rather than a top-level record
    private long lastCompleteEnd;

    public HprofReader(HprofInput in, HprofHeader header, HprofVisitor visitor) {
        this.in = in;
        this.idSize = header.idSize();
        this.visitor = visitor;
        this.bodies = visitor.wantsBodies();
        this.lastCompleteEnd = header.length();
    }

    /** Reads records until the end of the data, or until {@code stopAt} (the valid end found by an earlier pass). */
    public ReadSummary read(long stopAt) throws CorruptHprofException, IOException {
        this.stopAt = stopAt;
        try {
            while (in.position() < stopAt && in.hasMore()) {
                readRecord();
                lastCompleteEnd = in.position();
                visitor.progress(lastCompleteEnd);
            }
        } catch (EOFException e) {
            long cutAt = in.position();
            boolean betweenRecords = cutAt <= lastCompleteEnd;
            String what = betweenRecords ? "the next record" : describeCut();
            long end = betweenRecords ? segmentEnd : recordEnd;
            long missing = end == Long.MAX_VALUE || end <= cutAt ? 0 : end - cutAt;
            Truncation t = new Truncation(lastCompleteEnd, Math.max(cutAt, lastCompleteEnd), what, missing,
                    sawSegments && !sawHeapDumpEnd, in.damage());
            return new ReadSummary(topLevelRecords, heapRecords, in.position(), t);
        }
        Truncation t = null;
        if (stopAt == Long.MAX_VALUE && sawSegments && !sawHeapDumpEnd) {
            t = new Truncation(lastCompleteEnd, lastCompleteEnd, "nothing", 0, true, in.damage());
        }
        return new ReadSummary(topLevelRecords, heapRecords, in.position(), t);
    }

    private void readRecord() throws IOException, CorruptHprofException {
        recordStart = in.position();
        int tag = in.u1();
        markCut(tag, recordStart, false);
        recordEnd = 0;
        in.skip(4); // time delta
        long length = in.u4();
        long bodyStart = in.position();
        recordEnd = bodyStart + length;
        markCut(tag, recordStart, false);
        switch (tag) {
            case TAG_STRING -> readString(length);
            case TAG_LOAD_CLASS -> readLoadClass();
            case TAG_STACK_FRAME -> readStackFrame();
            case TAG_STACK_TRACE -> readStackTrace();
            case TAG_HEAP_DUMP, TAG_HEAP_DUMP_SEGMENT -> {
                sawSegments |= tag == TAG_HEAP_DUMP_SEGMENT;
                // old writers put 0 in a HEAP DUMP record's length when they did not know it: read to the end
                long end = tag == TAG_HEAP_DUMP && length == 0 ? Long.MAX_VALUE : recordEnd;
                segmentEnd = end;
                readHeapDump(end);
                segmentEnd = 0;
            }
            case TAG_HEAP_DUMP_END -> sawHeapDumpEnd = true;
            default -> { /* a record we do not use: its length lets us pass it */ }
        }
        long left = recordEnd - in.position();
        if (left < 0 && tag != TAG_HEAP_DUMP) {
            throw new CorruptHprofException("record 0x" + Integer.toHexString(tag) + " declares " + length
                    + " bytes but its content is longer", recordStart);
        }
        if (left > 0) {
            in.skip(left);
        }
        topLevelRecords++;
    }

    /** Notes what is being read, cheaply: the description is only built if the data ends inside it. */
    private void markCut(int tag, long start, boolean sub) {
        cutTag = tag;
        cutStart = start;
        cutIsSub = sub;
    }

    private String describeCut() {
        return (cutIsSub ? "heap dump sub-record 0x" : "record 0x") + Integer.toHexString(cutTag)
                + " starting at byte " + cutStart;
    }

    private void readString(long length) throws IOException, CorruptHprofException {
        if (length < idSize || length > Integer.MAX_VALUE) {
            throw new CorruptHprofException("string record with impossible length " + length, recordStart);
        }
        long id = in.id();
        int n = (int) length - idSize;
        in.ensure(n);
        String text = new String(in.buffer(), in.bufferPosition(), n, StandardCharsets.UTF_8);
        in.advance(n);
        visitor.string(id, text);
    }

    private void readLoadClass() throws IOException {
        int serial = in.i4();
        long classId = in.id();
        int traceSerial = in.i4();
        long nameId = in.id();
        visitor.loadClass(serial, classId, traceSerial, nameId);
    }

    private void readStackFrame() throws IOException {
        long frameId = in.id();
        long method = in.id();
        long signature = in.id();
        long source = in.id();
        int classSerial = in.i4();
        int line = in.i4();
        visitor.stackFrame(frameId, method, signature, source, classSerial, line);
    }

    private void readStackTrace() throws IOException, CorruptHprofException {
        int serial = in.i4();
        int threadSerial = in.i4();
        int count = in.i4();
        if (count < 0 || (long) count * idSize > recordEnd - in.position()) {
            throw new CorruptHprofException("stack trace with " + count + " frames does not fit its record", recordStart);
        }
        long[] frames = new long[count];
        for (int i = 0; i < count; i++) {
            frames[i] = in.id();
        }
        visitor.stackTrace(serial, threadSerial, frames);
    }

    private void readHeapDump(long end) throws IOException, CorruptHprofException {
        while (in.position() < end) {
            if (in.position() >= stopAt) {
                return; // an earlier pass found the data cut here: nothing after it is complete
            }
            if (end == Long.MAX_VALUE && !in.hasMore()) {
                return;
            }
            long start = in.position();
            int sub = in.u1();
            markCut(sub, start, true);
            switch (sub) {
                case 0xFF -> root(RootKind.UNKNOWN, 0, false, false);
                case 0x01 -> root(RootKind.JNI_GLOBAL, idSize, false, false);
                case 0x02 -> root(RootKind.JNI_LOCAL, 0, true, true);
                case 0x03 -> root(RootKind.JAVA_FRAME, 0, true, true);
                case 0x04 -> root(RootKind.NATIVE_STACK, 0, true, false);
                case 0x05 -> root(RootKind.STICKY_CLASS, 0, false, false);
                case 0x06 -> root(RootKind.THREAD_BLOCK, 0, true, false);
                case 0x07 -> root(RootKind.MONITOR_USED, 0, false, false);
                case 0x08 -> root(RootKind.THREAD_OBJECT, 0, true, true);
                case SUB_CLASS_DUMP -> classDump(start, end);
                case SUB_INSTANCE -> instance(start, end);
                case SUB_OBJECT_ARRAY -> objectArray(start, end);
                case SUB_PRIMITIVE_ARRAY -> primitiveArray(start, end);
                default -> throw new CorruptHprofException("unknown heap dump sub-record tag 0x"
                        + Integer.toHexString(sub) + "; the dump is damaged or not written by a HotSpot JVM", start);
            }
            heapRecords++;
            lastCompleteEnd = in.position();
        }
        if (in.position() > end) {
            throw new CorruptHprofException("a heap dump sub-record runs past the end of its segment", end);
        }
    }


    private void root(RootKind kind, int extraIdBytes, boolean hasThread, boolean hasFrame) throws IOException {
        long id = in.id();
        if (extraIdBytes > 0) {
            in.skip(extraIdBytes);
        }
        int thread = hasThread ? in.i4() : 0;
        int frame = hasFrame ? in.i4() : -1;
        visitor.gcRoot(kind, id, thread, frame);
    }

    private void instance(long start, long end) throws IOException, CorruptHprofException {
        long id = in.id();
        in.skip(4); // stack trace serial
        long classId = in.id();
        int payload = in.i4();
        checkFits(payload < 0 ? Long.MAX_VALUE : payload, start, end, "instance");
        if (bodies) {
            long bodyEnd = in.position() + payload;
            visitor.instanceBody(id, classId, start, payload, in);
            in.skip(bodyEnd - in.position());
        } else {
            in.skip(payload);
            visitor.instance(id, classId, start, payload);
        }
    }

    private void objectArray(long start, long end) throws IOException, CorruptHprofException {
        long id = in.id();
        in.skip(4);
        int length = in.i4();
        long arrayClassId = in.id();
        checkFits(length < 0 ? Long.MAX_VALUE : (long) length * idSize, start, end, "object array");
        if (bodies) {
            long bodyEnd = in.position() + (long) length * idSize;
            visitor.objectArrayBody(id, arrayClassId, start, length, in);
            in.skip(bodyEnd - in.position());
        } else {
            in.skip((long) length * idSize);
            visitor.objectArray(id, arrayClassId, start, length);
        }
    }

    private void primitiveArray(long start, long end) throws IOException, CorruptHprofException {
        long id = in.id();
        in.skip(4);
        int length = in.i4();
        int code = in.u1();
        BasicType type = BasicType.ofCode(code);
        if (type == null || type == BasicType.OBJECT) {
            throw new CorruptHprofException("primitive array of unknown element type " + code, start);
        }
        checkFits(length < 0 ? Long.MAX_VALUE : (long) length * type.size(idSize), start, end, "primitive array");
        in.skip((long) length * type.size(idSize));
        visitor.primitiveArray(id, type, start, length);
    }

    private void checkFits(long bodyBytes, long start, long end, String what) throws CorruptHprofException {
        if (in.position() + bodyBytes > end) {
            throw new CorruptHprofException(what + " declares " + bodyBytes
                    + " bytes of content, past the end of its heap dump segment", start);
        }
    }

    private void classDump(long start, long end) throws IOException, CorruptHprofException {
        long classId = in.id();
        in.skip(4);
        long superId = in.id();
        long loaderId = in.id();
        long signersId = in.id();
        long protectionDomainId = in.id();
        in.skip(2L * idSize); // reserved
        int instanceSize = in.i4();
        int constants = in.u2();
        for (int i = 0; i < constants; i++) {
            in.skip(2);
            skipValue(readType(start));
        }
        int staticCount = in.u2();
        long[] staticNames = new long[staticCount];
        BasicType[] staticTypes = new BasicType[staticCount];
        long[] staticValues = new long[staticCount];
        for (int i = 0; i < staticCount; i++) {
            staticNames[i] = in.id();
            staticTypes[i] = readType(start);
            staticValues[i] = readValue(staticTypes[i]);
        }
        int fieldCount = in.u2();
        long[] fieldNames = new long[fieldCount];
        BasicType[] fieldTypes = new BasicType[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            fieldNames[i] = in.id();
            fieldTypes[i] = readType(start);
        }
        if (in.position() > end) {
            throw new CorruptHprofException("class dump runs past the end of its heap dump segment", start);
        }
        visitor.classDump(new ClassDump(classId, superId, loaderId, signersId, protectionDomainId, instanceSize,
                staticNames, staticTypes, staticValues, fieldNames, fieldTypes, start));
    }

    private BasicType readType(long start) throws IOException, CorruptHprofException {
        int code = in.u1();
        BasicType type = BasicType.ofCode(code);
        if (type == null) {
            throw new CorruptHprofException("class dump has a field of unknown type " + code, start);
        }
        return type;
    }

    private void skipValue(BasicType type) throws IOException {
        in.skip(type.size(idSize));
    }

    private long readValue(BasicType type) throws IOException {
        return switch (type) {
            case OBJECT -> in.id();
            case BOOLEAN, BYTE -> in.u1();
            case CHAR, SHORT -> in.u2();
            case FLOAT, INT -> in.i4();
            case DOUBLE, LONG -> in.i8();
        };
    }
}
