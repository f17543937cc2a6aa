package heaptriage.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks the records of an HPROF stream and reports them to a {@link HprofVisitor}. Every length is checked against
 * what it can be (a fixed size, the record or segment it lies in) before anything is allocated or skipped, so a
 * damaged length is reported as damage, with its record and offset, and never costs memory. A stream that ends
 * inside a record is a truncated dump: the partial record is dropped and the summary says where the cut is.
 * <p>
 * A file may hold several heap dumps (the old hprof agent wrote one per request): only the selected one's heap
 * records are reported; the others are passed by their lengths and listed in the summary.
 */
public final class HprofReader {
    /**
     * The most field bytes an instance is believed to have: a class has at most 65,535 fields of at most 8 bytes, and
     * real hierarchies are far shallower than this allows. Checked because a visitor may buffer an instance whole.
     */
    static final int MAX_INSTANCE_BYTES = 64 << 20;

    private final HprofInput in;
    private final int idSize;
    private final long fileTimestamp;
    private final HprofVisitor visitor;
    private final boolean bodies;
    private int selectedDump = 1;
    private long stopAt = Long.MAX_VALUE;
    private long topLevelRecords;
    private long heapRecords;

    // the heap dumps met so far; the current one is open until its HEAP DUMP record or its HEAP DUMP END is read
    private final List<HeapDumpEntry> dumps = new ArrayList<>();
    private boolean dumpOpen;
    private long dumpStart;
    private long dumpTime;
    private boolean sawSegments;     // in the selected dump
    private boolean sawHeapDumpEnd;  // of the selected dump

    // what is being read, for the truncation and damage reports
    private long recordStart;
    private long recordEnd;
    private long segmentEnd;
    private HprofTag recordTag;
    private long previousRecordStart = -1;
    private HprofTag previousTag;
    private long previousLength;
    private int cutTag;        // tag of the record or sub-record being read
    private long cutStart;     // where it starts
    private boolean cutIsSub;  // a heap dump sub-record rather than a top-level record
    private long lastCompleteEnd;

    public HprofReader(HprofInput in, HprofHeader header, HprofVisitor visitor) {
        this.in = in;
        this.idSize = header.idSize();
        this.fileTimestamp = header.timestampMillis();
        this.visitor = visitor;
        this.bodies = visitor.wantsBodies();
        this.lastCompleteEnd = header.length();
    }

    /** Reports the heap records of the given heap dump of the file (1 for the first, the default). */
    public HprofReader selectDump(int number) {
        if (number < 1) {
            throw new IllegalArgumentException("heap dumps are numbered from 1: " + number);
        }
        this.selectedDump = number;
        return this;
    }

    /** Reads records until the end of the data, or until {@code stopAt} (the valid end found by an earlier pass). */
    public ReadSummary read(long stopAt) throws CorruptHprofException, IOException {
        this.stopAt = stopAt;
        String damageAfterDump = null;
        try {
            while (in.position() < stopAt && in.hasMore()) {
                try {
                    if (in.position() == jumpFrom) {
                        jump();
                    } else {
                        readRecord();
                    }
                } catch (CorruptHprofException e) {
                    if (!selectedDumpIsComplete()) {
                        throw e;
                    }
                    // the heap dump asked for is whole: what follows it cannot change it
                    damageAfterDump = e.getMessage();
                    break;
                }
                lastCompleteEnd = in.position();
                visitor.progress(lastCompleteEnd);
            }
        } catch (EOFException e) {
            long cutAt = Math.max(in.position(), in.endOfData());
            closeDump(lastCompleteEnd, false);
            if (selectedDumpIsComplete() && dumps.get(selectedDump - 1).complete()) {
                // cut in a later heap dump, or after the selected one: the selected one is whole
                return summary(null, damageAfterDump);
            }
            boolean betweenRecords = cutAt <= lastCompleteEnd;
            String what = betweenRecords ? "the next record" : describeCut();
            long end = betweenRecords ? segmentEnd : recordEnd;
            long missing = end == Long.MAX_VALUE || end <= cutAt ? 0 : end - cutAt;
            Truncation t = new Truncation(lastCompleteEnd, Math.max(cutAt, lastCompleteEnd), what, missing,
                    sawSegments && !sawHeapDumpEnd, in.damage());
            return summary(t, damageAfterDump);
        }
        boolean openAtEnd = dumpOpen;
        closeDump(lastCompleteEnd, !(openAtEnd && sawSegments));
        Truncation t = null;
        if (stopAt == Long.MAX_VALUE && damageAfterDump == null && sawSegments && !sawHeapDumpEnd) {
            t = new Truncation(lastCompleteEnd, lastCompleteEnd, "nothing", 0, true, in.damage());
        }
        return summary(t, damageAfterDump);
    }

    /**
     * Reads the selected heap dump's records from the current position up to {@code stopAt}: one later share of a
     * pass split between threads. The position is a sub-record's start inside the heap dump record whose sub-records
     * run from {@code segmentBodyStart} to {@code segmentEnd}; reading goes on through the records after it. The
     * first pass has read and checked these bytes, and the share before this one reads everything before them, so
     * nothing is summarised here; data that ends early now means the file changed, and throws.
     */
    public void readShare(long segmentBodyStart, long segmentEnd, long stopAt) throws CorruptHprofException, IOException {
        this.stopAt = stopAt;
        selectedDump = 1;
        dumpOpen = true; // inside the selected heap dump, so every heap dump record met is its
        sawSegments = true;
        recordTag = segmentEnd == Long.MAX_VALUE ? HprofTag.HEAP_DUMP : HprofTag.HEAP_DUMP_SEGMENT;
        recordStart = segmentBodyStart - HprofTag.RECORD_HEADER_BYTES;
        this.segmentEnd = segmentEnd;
        readHeapDump(segmentEnd);
        visitor.progress(in.position());
        while (in.position() < stopAt && in.hasMore()) {
            readRecord();
            visitor.progress(in.position());
        }
    }

    /** Records and heap sub-records another reader read for this one. */
    public record Counts(long topLevelRecords, long heapRecords) {
    }

    /** The reader of the records this one jumps over (see {@link #jumpOver}). */
    public interface OtherShare {
        /** Waits until the other reader is done and says what it read; throws what it met. */
        Counts await() throws CorruptHprofException, IOException;
    }

    private long jumpFrom = -1;
    private long jumpTo;
    private long jumpLastRecordStart;
    private long jumpLastRecordLength;
    private OtherShare other;

    /**
     * Leaves the whole HEAP DUMP SEGMENT records from {@code from} to {@code to} to another reader: at {@code from}
     * this one waits for it, counts its records as read, and goes on at {@code to}, as if it had read them (the last
     * of them starts at {@code lastRecordStart} with {@code lastRecordLength} bytes). Plain dumps only.
     */
    public HprofReader jumpOver(long from, long to, long lastRecordStart, long lastRecordLength, OtherShare other) {
        this.jumpFrom = from;
        this.jumpTo = to;
        this.jumpLastRecordStart = lastRecordStart;
        this.jumpLastRecordLength = lastRecordLength;
        this.other = other;
        return this;
    }

    /** True once the jump set by {@link #jumpOver} was made. */
    public boolean jumped() {
        return other != null && jumpFrom < 0;
    }

    private void jump() throws CorruptHprofException, IOException {
        Counts done = other.await();
        topLevelRecords += done.topLevelRecords();
        heapRecords += done.heapRecords();
        in.seek(jumpTo);
        previousRecordStart = jumpLastRecordStart;
        previousTag = HprofTag.HEAP_DUMP_SEGMENT;
        previousLength = jumpLastRecordLength;
        jumpFrom = -1;
    }

    /**
     * Reads whole records of the selected heap dump from the current position, a record's start, up to {@code stopAt}:
     * the share another reader jumps over. The walk that found these records saw each whole, so data that ends early
     * means the file changed, and throws.
     */
    public Counts readRecords(long stopAt) throws CorruptHprofException, IOException {
        this.stopAt = stopAt;
        selectedDump = 1;
        dumpOpen = true; // inside the selected heap dump, so every heap dump record met is its
        sawSegments = true;
        while (in.position() < stopAt) {
            readRecord();
            visitor.progress(in.position());
        }
        return new Counts(topLevelRecords, heapRecords);
    }

    private ReadSummary summary(Truncation t, String damageAfterDump) {
        return new ReadSummary(topLevelRecords, heapRecords, in.position(), t, dumps, selectedDump, damageAfterDump);
    }

    /** True once the selected heap dump has been read to its end (its HEAP DUMP record or its HEAP DUMP END). */
    private boolean selectedDumpIsComplete() {
        return dumps.size() >= selectedDump;
    }

    private boolean readingSelectedDump() {
        return dumps.size() + 1 == selectedDump;
    }

    private void openDump(long start, long timeOffsetMicros) {
        if (!dumpOpen) {
            dumpOpen = true;
            dumpStart = start;
            dumpTime = fileTimestamp + timeOffsetMicros / 1000;
        }
    }

    private void closeDump(long end, boolean complete) {
        if (dumpOpen) {
            dumps.add(new HeapDumpEntry(dumps.size() + 1, dumpStart, end, dumpTime, complete));
            dumpOpen = false;
        }
    }

    private void readRecord() throws IOException, CorruptHprofException {
        recordStart = in.position();
        int tagByte = in.u1();
        markCut(tagByte, recordStart, false);
        recordEnd = 0;
        long timeOffset = in.u4();
        long length = in.u4();
        long bodyStart = in.position();
        recordEnd = bodyStart + length;
        HprofTag tag = HprofTag.of(tagByte);
        if (tag == null) {
            throw unknownRecordTag(tagByte);
        }
        recordTag = tag;
        checkLength(tag, length);
        switch (tag) {
            case STRING -> readString(length);
            case LOAD_CLASS -> readLoadClass();
            case STACK_FRAME -> readStackFrame();
            case STACK_TRACE -> readStackTrace(length);
            case HEAP_DUMP, HEAP_DUMP_SEGMENT -> heapDumpRecord(tag, length, timeOffset);
            case HEAP_DUMP_END -> {
                if (dumpOpen && readingSelectedDump()) {
                    sawHeapDumpEnd = true;
                }
                closeDump(recordEnd, true);
            }
            default -> { /* a record we do not use: its length lets us pass it */ }
        }
        long left = recordEnd - in.position();
        if (left < 0 && !(tag == HprofTag.HEAP_DUMP && length == 0)) {
            throw new CorruptHprofException(tag + " declares " + length + " bytes but its content is longer; the dump"
                    + " is damaged", recordStart);
        }
        if (left > 0 && in.position() >= stopAt) {
            return; // a pass split between threads stops inside this record: the rest is the next reader's share
        }
        if (left > 0) {
            in.skip(left);
        }
        topLevelRecords++;
        previousRecordStart = recordStart;
        previousTag = tag;
        previousLength = length;
    }

    /** A length that no well-formed record of this kind has is damage, found before a byte of it is read. */
    private void checkLength(HprofTag tag, long length) throws CorruptHprofException {
        long fixed = tag.fixedLength(idSize);
        if (fixed >= 0 && length != fixed) {
            throw new CorruptHprofException(tag + " declares " + length + " bytes, but with " + idSize
                    + "-byte identifiers it always has " + fixed + "; its length field is damaged", recordStart);
        }
        if (tag == HprofTag.STRING && (length < idSize || length > idSize + HprofTag.MAX_STRING_BYTES)) {
            throw new CorruptHprofException(tag + " declares " + length + " bytes, "
                    + (length < idSize ? "fewer than its " + idSize + "-byte identifier"
                    : "more than any name a JVM writes (at most " + HprofTag.MAX_STRING_BYTES + ")")
                    + "; its length field is damaged", recordStart);
        }
        if (tag == HprofTag.STACK_TRACE && length < 12) {
            throw new CorruptHprofException(tag + " declares " + length + " bytes, fewer than its 12-byte header;"
                    + " its length field is damaged", recordStart);
        }
    }

    private CorruptHprofException unknownRecordTag(int tagByte) {
        String where = previousTag == null
                ? "where the first record should start"
                : "after the " + previousTag + " at byte " + previousRecordStart + " that declared " + previousLength
                + " bytes";
        return new CorruptHprofException("unknown record tag 0x" + Integer.toHexString(tagByte) + " " + where
                + "; that length or this tag is damaged", recordStart);
    }

    private void heapDumpRecord(HprofTag tag, long length, long timeOffset) throws IOException, CorruptHprofException {
        openDump(recordStart, timeOffset);
        // old writers put 0 in a HEAP DUMP record's length when they did not know it: read to the end
        long end = tag == HprofTag.HEAP_DUMP && length == 0 ? Long.MAX_VALUE : recordEnd;
        if (readingSelectedDump()) {
            sawSegments |= tag == HprofTag.HEAP_DUMP_SEGMENT;
            segmentEnd = end;
            visitor.heapDumpRecord(in.position(), end);
            readHeapDump(end);
            segmentEnd = 0;
        } else if (end == Long.MAX_VALUE) {
            while (in.hasMore()) {
                in.skip(in.buffered());
            }
            recordEnd = in.position();
        }
        if (tag == HprofTag.HEAP_DUMP) {
            closeDump(end == Long.MAX_VALUE ? in.position() : recordEnd, true);
        }
    }

    /** Notes what is being read, cheaply: the description is only built if the data ends inside it. */
    private void markCut(int tag, long start, boolean sub) {
        cutTag = tag;
        cutStart = start;
        cutIsSub = sub;
    }

    private String describeCut() {
        Object kind = cutIsSub ? HeapDumpTag.of(cutTag) : HprofTag.of(cutTag);
        String name = kind == null ? (cutIsSub ? "heap dump sub-record" : "record") : kind.toString();
        return name + " (0x" + Integer.toHexString(cutTag) + ") starting at byte " + cutStart;
    }

    private void readString(long length) throws IOException {
        long id = in.id();
        int n = (int) (length - idSize); // at most MAX_STRING_BYTES: checked with the record's length
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

    private void readStackTrace(long length) throws IOException, CorruptHprofException {
        int serial = in.i4();
        int threadSerial = in.i4();
        int count = in.i4();
        if (count < 0 || (long) count * idSize != length - 12) {
            throw new CorruptHprofException(HprofTag.STACK_TRACE + " declares " + length + " bytes, which do not hold its "
                    + count + " frames; the record is damaged", recordStart);
        }
        long[] frames = new long[count]; // at most the record's length: checked above
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
            int subByte = in.u1();
            markCut(subByte, start, true);
            HeapDumpTag sub = HeapDumpTag.of(subByte);
            if (sub == null) {
                throw unknownSubRecordTag(subByte, start);
            }
            switch (sub) {
                case ROOT_UNKNOWN, ROOT_STICKY_CLASS, ROOT_MONITOR_USED -> root(sub.rootKind, 0, false, false);
                case ROOT_JNI_GLOBAL -> root(sub.rootKind, idSize, false, false);
                case ROOT_JNI_LOCAL, ROOT_JAVA_FRAME, ROOT_THREAD_OBJECT -> root(sub.rootKind, 0, true, true);
                case ROOT_NATIVE_STACK, ROOT_THREAD_BLOCK -> root(sub.rootKind, 0, true, false);
                case CLASS_DUMP -> classDump(start, end);
                case INSTANCE_DUMP -> instance(start, end);
                case OBJECT_ARRAY_DUMP -> objectArray(start, end);
                case PRIMITIVE_ARRAY_DUMP -> primitiveArray(start, end);
            }
            heapRecords++;
            lastCompleteEnd = in.position();
        }
        if (in.position() > end) {
            throw new CorruptHprofException("a heap dump sub-record runs past the end of its " + recordTag
                    + " (which starts at byte " + recordStart + "); the dump is damaged", end);
        }
    }

    private CorruptHprofException unknownSubRecordTag(int subByte, long start) {
        HprofTag topLevel = HprofTag.of(subByte);
        String hint = topLevel != null && topLevel.isHeapDump() || topLevel == HprofTag.HEAP_DUMP_END
                ? "; 0x" + Integer.toHexString(subByte) + " starts a " + topLevel + ", so the " + recordTag
                + " at byte " + recordStart + " probably declares a wrong length"
                : "; the dump is damaged or not written by a HotSpot JVM";
        return new CorruptHprofException("unknown heap dump sub-record tag 0x" + Integer.toHexString(subByte)
                + " in the " + recordTag + " at byte " + recordStart + hint, start);
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
        checkFits(payload < 0 ? Long.MAX_VALUE : payload, start, end, HeapDumpTag.INSTANCE_DUMP);
        if (payload > MAX_INSTANCE_BYTES) {
            throw new CorruptHprofException(HeapDumpTag.INSTANCE_DUMP + " declares " + payload + " bytes of fields, more"
                    + " than any object has (at most " + MAX_INSTANCE_BYTES + "); its length field is damaged", start);
        }
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
        checkFits(length < 0 ? Long.MAX_VALUE : (long) length * idSize, start, end, HeapDumpTag.OBJECT_ARRAY_DUMP);
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
            throw new CorruptHprofException(HeapDumpTag.PRIMITIVE_ARRAY_DUMP + " of unknown element type " + code
                    + "; the dump is damaged", start);
        }
        checkFits(length < 0 ? Long.MAX_VALUE : (long) length * type.size(idSize), start, end,
                HeapDumpTag.PRIMITIVE_ARRAY_DUMP);
        in.skip((long) length * type.size(idSize));
        visitor.primitiveArray(id, type, start, length);
    }

    private void checkFits(long bodyBytes, long start, long end, HeapDumpTag what) throws CorruptHprofException {
        if (bodyBytes > end - in.position()) {
            throw new CorruptHprofException(what + " declares " + (bodyBytes == Long.MAX_VALUE ? "a negative number of"
                    : String.valueOf(bodyBytes)) + " bytes of content, past the end of its " + recordTag
                    + " (which ends at byte " + end + "); its length field is damaged", start);
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
        checkCount(constants, 4, "constant pool entries", start, end);
        for (int i = 0; i < constants; i++) {
            in.skip(2);
            skipValue(readType(start));
        }
        // the counts are u2, so these arrays are small whatever the bytes say
        int staticCount = in.u2();
        checkCount(staticCount, idSize + 2, "static fields", start, end);
        long[] staticNames = new long[staticCount];
        BasicType[] staticTypes = new BasicType[staticCount];
        long[] staticValues = new long[staticCount];
        for (int i = 0; i < staticCount; i++) {
            staticNames[i] = in.id();
            staticTypes[i] = readType(start);
            staticValues[i] = readValue(staticTypes[i]);
        }
        int fieldCount = in.u2();
        checkCount(fieldCount, idSize + 1, "instance fields", start, end);
        long[] fieldNames = new long[fieldCount];
        BasicType[] fieldTypes = new BasicType[fieldCount];
        for (int i = 0; i < fieldCount; i++) {
            fieldNames[i] = in.id();
            fieldTypes[i] = readType(start);
        }
        if (in.position() > end) {
            throw new CorruptHprofException(HeapDumpTag.CLASS_DUMP + " runs past the end of its " + recordTag
                    + " (which ends at byte " + end + "); the dump is damaged", start);
        }
        visitor.classDump(new ClassDump(classId, superId, loaderId, signersId, protectionDomainId, instanceSize,
                staticNames, staticTypes, staticValues, fieldNames, fieldTypes, start));
    }

    /** A count whose entries (of at least minBytesEach) cannot fit in what is left of the segment is damage. */
    private void checkCount(int count, int minBytesEach, String what, long start, long end) throws CorruptHprofException {
        long left = end - in.position();
        if ((long) count * minBytesEach > left) {
            throw new CorruptHprofException(HeapDumpTag.CLASS_DUMP + "'s count of " + what + " (" + count + ") needs at"
                    + " least " + (long) count * minBytesEach + " bytes, more than the " + left + " left in its " + recordTag
                    + "; the dump is damaged", start);
        }
    }

    private BasicType readType(long start) throws IOException, CorruptHprofException {
        int code = in.u1();
        BasicType type = BasicType.ofCode(code);
        if (type == null) {
            throw new CorruptHprofException(HeapDumpTag.CLASS_DUMP + " has a field of unknown type " + code
                    + "; the dump is damaged", start);
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
