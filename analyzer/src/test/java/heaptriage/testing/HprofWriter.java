package heaptriage.testing;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.HeapDumpTag;
import heaptriage.hprof.HprofTag;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * Writes small, valid HotSpot-style HPROF byte streams for tests.
 *
 * <p>Layout of the result: the header, then every top-level record (STRING, LOAD CLASS, STACK FRAME, STACK TRACE,
 * raw records) in call order, then the heap dump sub-records grouped into HEAP DUMP SEGMENT records (or one HEAP
 * DUMP record, see {@link #singleHeapDumpRecord()}), then HEAP DUMP END. That is the order HotSpot writes. Because
 * heap sub-records are placed after the top-level records, their offsets are known only once the stream is
 * finished: {@link #toBytes()} finishes it, after which {@link #startOf(long)} and friends answer.
 *
 * <p>Two layers: raw writers for every record and sub-record (for malformed input), and a convenience layer
 * ({@link #defineClass}, {@link #instance(long, long, Object...)}) that knows each class's field layout and encodes
 * field values in the order HPROF wants them: the object's own class first, then up to java.lang.Object.
 */
public final class HprofWriter {
    /** HPROF basic type codes. */
    public static final int T_OBJECT = 2;
    public static final int T_BOOLEAN = 4;
    public static final int T_CHAR = 5;
    public static final int T_FLOAT = 6;
    public static final int T_DOUBLE = 7;
    public static final int T_BYTE = 8;
    public static final int T_SHORT = 9;
    public static final int T_INT = 10;
    public static final int T_LONG = 11;

    public static final int TAG_STRING = HprofTag.STRING.tag;
    public static final int TAG_LOAD_CLASS = HprofTag.LOAD_CLASS.tag;
    public static final int TAG_STACK_FRAME = HprofTag.STACK_FRAME.tag;
    public static final int TAG_STACK_TRACE = HprofTag.STACK_TRACE.tag;
    public static final int TAG_HEAP_DUMP = HprofTag.HEAP_DUMP.tag;
    public static final int TAG_HEAP_DUMP_SEGMENT = HprofTag.HEAP_DUMP_SEGMENT.tag;
    public static final int TAG_HEAP_DUMP_END = HprofTag.HEAP_DUMP_END.tag;

    public static final int SUB_ROOT_UNKNOWN = HeapDumpTag.ROOT_UNKNOWN.tag;
    public static final int SUB_ROOT_JNI_GLOBAL = HeapDumpTag.ROOT_JNI_GLOBAL.tag;
    public static final int SUB_ROOT_JNI_LOCAL = HeapDumpTag.ROOT_JNI_LOCAL.tag;
    public static final int SUB_ROOT_JAVA_FRAME = HeapDumpTag.ROOT_JAVA_FRAME.tag;
    public static final int SUB_ROOT_NATIVE_STACK = HeapDumpTag.ROOT_NATIVE_STACK.tag;
    public static final int SUB_ROOT_STICKY_CLASS = HeapDumpTag.ROOT_STICKY_CLASS.tag;
    public static final int SUB_ROOT_THREAD_BLOCK = HeapDumpTag.ROOT_THREAD_BLOCK.tag;
    public static final int SUB_ROOT_MONITOR_USED = HeapDumpTag.ROOT_MONITOR_USED.tag;
    public static final int SUB_ROOT_THREAD_OBJECT = HeapDumpTag.ROOT_THREAD_OBJECT.tag;
    public static final int SUB_CLASS_DUMP = HeapDumpTag.CLASS_DUMP.tag;
    public static final int SUB_INSTANCE = HeapDumpTag.INSTANCE_DUMP.tag;
    public static final int SUB_OBJECT_ARRAY = HeapDumpTag.OBJECT_ARRAY_DUMP.tag;
    public static final int SUB_PRIMITIVE_ARRAY = HeapDumpTag.PRIMITIVE_ARRAY_DUMP.tag;

    /** Where one heap dump sub-record landed in the finished stream: [start, end). */
    public record Span(int tag, long id, long start, long end) {
    }

    private record Layout(long superId, BasicType[] ownFieldTypes) {
    }

    private final int idSize;
    private final String version;
    private final long timestamp;
    private final Buf top;
    private final List<Buf> segments = new ArrayList<>();
    private final List<List<long[]>> segmentMarks = new ArrayList<>(); // per segment: {tag, id, relStart, relEnd}
    private final Map<String, Long> stringIds = new HashMap<>();
    private final Map<Long, Layout> layouts = new HashMap<>();
    private final Map<Long, Integer> classSerials = new HashMap<>();
    private final Map<Long, String> classNames = new LinkedHashMap<>();
    private long nextStringId;
    private long nextAutoId;
    private int nextClassSerial = 1;
    private int maxSegmentBytes = Integer.MAX_VALUE;
    private boolean singleRecord;
    private boolean singleRecordLengthZero;
    private boolean writeHeapDumpEnd = true;
    private boolean heapDumpEndSet;

    private byte[] finished;
    private final List<Span> spans = new ArrayList<>();
    private final Map<Long, Span> spanById = new HashMap<>();
    private long heapDumpEndOffset = -1;
    private final List<Long> heapRecordStarts = new ArrayList<>();

    private HprofWriter(int idSize, String version, long timestamp) {
        this.idSize = idSize;
        this.top = new Buf(idSize);
        this.version = version;
        this.timestamp = timestamp;
        this.nextStringId = idSize == 4 ? 0x0010_0000L : 0x7f00_0010_0000L;
        this.nextAutoId = idSize == 4 ? 0x2000_0000L : 0x0000_0007_2000_0000L;
    }

    /** A writer for {@code JAVA PROFILE <version>}, e.g. {@code create(8, "1.0.2")}; version may also be the full text. */
    public static HprofWriter create(int idSize, String version) {
        String full = version.startsWith("JAVA PROFILE") ? version : "JAVA PROFILE " + version;
        return new HprofWriter(idSize, full, 1_700_000_000_000L);
    }

    public int idSize() {
        return idSize;
    }

    // ---------------------------------------------------------------- options

    /** Writes the heap as one HEAP DUMP (0x0C) record instead of HEAP DUMP SEGMENTs, and no HEAP DUMP END. */
    public HprofWriter singleHeapDumpRecord() {
        singleRecord = true;
        if (!heapDumpEndSet) {
            writeHeapDumpEnd = false;
        }
        return this;
    }

    /** Like {@link #singleHeapDumpRecord()} but with 0 in the record's length, as some old writers did. */
    public HprofWriter singleHeapDumpRecordWithZeroLength() {
        singleHeapDumpRecord();
        singleRecordLengthZero = true;
        return this;
    }

    /**
     * Whether to finish with a HEAP DUMP END record (default: yes for segments when there are heap records, no for
     * one HEAP DUMP record); true writes it even without any heap record.
     */
    public HprofWriter heapDumpEnd(boolean write) {
        writeHeapDumpEnd = write;
        heapDumpEndSet = true;
        return this;
    }

    /** Starts a new segment whenever the current one holds at least this many bytes. */
    public HprofWriter maxSegmentBytes(int bytes) {
        maxSegmentBytes = bytes;
        return this;
    }

    /** Ends the current heap dump segment: the next sub-record starts a new one. */
    public HprofWriter endSegment() {
        checkOpen();
        if (!segments.isEmpty() && segments.get(segments.size() - 1).size() > 0) {
            newSegment();
        }
        return this;
    }

    // ---------------------------------------------------------------- ids

    /** A fresh id for a string or object, unique within this writer, 8-aligned. */
    public long newId() {
        long id = nextAutoId;
        nextAutoId += 0x10;
        return id;
    }

    /** The id of a STRING record with this text, writing the record the first time. */
    public long stringId(String text) {
        Long id = stringIds.get(text);
        if (id == null) {
            id = nextStringId;
            nextStringId += 8;
            string(id, text);
        }
        return id;
    }

    /** The LOAD CLASS serial given to a class by {@link #defineClass} or {@link #loadClass}. */
    public int classSerial(long classId) {
        Integer serial = classSerials.get(classId);
        if (serial == null) {
            throw new IllegalArgumentException("class 0x" + Long.toHexString(classId) + " was not loaded");
        }
        return serial;
    }

    // ---------------------------------------------------------------- top-level records

    /** STRING (0x01): id, then the UTF-8 text without terminator. */
    public HprofWriter string(long id, String text) {
        checkOpen();
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        Buf b = new Buf(idSize);
        b.id(id).bytes(utf8);
        stringIds.putIfAbsent(text, id);
        return record(TAG_STRING, b);
    }

    /** LOAD CLASS (0x02): u4 serial, class id, u4 stack trace serial, name string id. */
    public HprofWriter loadClass(int serial, long classId, long nameId) {
        return loadClass(serial, classId, 0, nameId);
    }

    public HprofWriter loadClass(int serial, long classId, int stackTraceSerial, long nameId) {
        checkOpen();
        classSerials.putIfAbsent(classId, serial);
        nextClassSerial = Math.max(nextClassSerial, serial + 1);
        Buf b = new Buf(idSize);
        b.u4(serial).id(classId).u4(stackTraceSerial).id(nameId);
        return record(TAG_LOAD_CLASS, b);
    }

    /** STACK FRAME (0x04): frame id, method name id, signature id, source file id, u4 class serial, u4 line. */
    public HprofWriter stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {
        checkOpen();
        Buf b = new Buf(idSize);
        b.id(frameId).id(methodNameId).id(signatureId).id(sourceFileId).u4(classSerial).u4(line);
        return record(TAG_STACK_FRAME, b);
    }

    /** STACK FRAME with its strings written as needed. */
    public HprofWriter stackFrame(long frameId, String methodName, String signature, String sourceFile, int classSerial, int line) {
        return stackFrame(frameId, stringId(methodName), stringId(signature), stringId(sourceFile), classSerial, line);
    }

    /** STACK TRACE (0x05): u4 serial, u4 thread serial, u4 frame count, frame ids. */
    public HprofWriter stackTrace(int serial, int threadSerial, long... frameIds) {
        checkOpen();
        Buf b = new Buf(idSize);
        b.u4(serial).u4(threadSerial).u4(frameIds.length);
        for (long f : frameIds) {
            b.id(f);
        }
        return record(TAG_STACK_TRACE, b);
    }

    /** Any top-level record, written with its real length. */
    public HprofWriter rawRecord(int tag, byte[] body) {
        checkOpen();
        Buf b = new Buf(idSize);
        b.bytes(body);
        return record(tag, b);
    }

    private HprofWriter record(int tag, Buf body) {
        top.u1(tag).u4(0).u4(body.size()).bytes(body.toByteArray());
        return this;
    }

    // ---------------------------------------------------------------- heap dump: roots

    public HprofWriter rootUnknown(long id) {
        return sub(SUB_ROOT_UNKNOWN, -1, heap().id(id));
    }

    public HprofWriter rootJniGlobal(long id, long jniGlobalRefId) {
        return sub(SUB_ROOT_JNI_GLOBAL, -1, heap().id(id).id(jniGlobalRefId));
    }

    public HprofWriter rootJniLocal(long id, int threadSerial, int frame) {
        return sub(SUB_ROOT_JNI_LOCAL, -1, heap().id(id).u4(threadSerial).u4(frame));
    }

    public HprofWriter rootJavaFrame(long id, int threadSerial, int frame) {
        return sub(SUB_ROOT_JAVA_FRAME, -1, heap().id(id).u4(threadSerial).u4(frame));
    }

    public HprofWriter rootNativeStack(long id, int threadSerial) {
        return sub(SUB_ROOT_NATIVE_STACK, -1, heap().id(id).u4(threadSerial));
    }

    public HprofWriter rootStickyClass(long id) {
        return sub(SUB_ROOT_STICKY_CLASS, -1, heap().id(id));
    }

    public HprofWriter rootThreadBlock(long id, int threadSerial) {
        return sub(SUB_ROOT_THREAD_BLOCK, -1, heap().id(id).u4(threadSerial));
    }

    public HprofWriter rootMonitorUsed(long id) {
        return sub(SUB_ROOT_MONITOR_USED, -1, heap().id(id));
    }

    public HprofWriter rootThreadObject(long id, int threadSerial, int stackTraceSerial) {
        return sub(SUB_ROOT_THREAD_OBJECT, -1, heap().id(id).u4(threadSerial).u4(stackTraceSerial));
    }

    // ---------------------------------------------------------------- heap dump: class dumps

    /** Starts a CLASS DUMP (0x20) sub-record; call {@link ClassDumpBuilder#write()} to emit it. */
    public ClassDumpBuilder classDump(long classId) {
        return new ClassDumpBuilder(classId);
    }

    /**
     * STRING + LOAD CLASS + CLASS DUMP for a class with a fresh id, loaded by the boot loader, with these instance
     * fields. Returns the class id.
     */
    public long defineClass(String internalName, long superId, String[] fieldNames, BasicType... types) {
        long id = newId();
        newClass(id, internalName).superClass(superId).fields(fieldNames, types).write();
        return id;
    }

    /** As {@link #defineClass(String, long, String[], BasicType...)} with HPROF type codes. */
    public long defineClass(String internalName, long superId, String[] fieldNames, int... typeCodes) {
        return defineClass(internalName, superId, fieldNames, types(typeCodes));
    }

    /** As {@link #defineClass(String, long, String[], BasicType...)} with a chosen class id. */
    public long defineClass(long classId, String internalName, long superId, String[] fieldNames, BasicType... types) {
        newClass(classId, internalName).superClass(superId).fields(fieldNames, types).write();
        return classId;
    }

    /** A class with its name: STRING + LOAD CLASS are written by {@link ClassDumpBuilder#write()} as well. */
    public ClassDumpBuilder newClass(long classId, String internalName) {
        ClassDumpBuilder b = new ClassDumpBuilder(classId);
        b.internalName = internalName;
        return b;
    }

    private static BasicType[] types(int... codes) {
        BasicType[] t = new BasicType[codes.length];
        for (int i = 0; i < codes.length; i++) {
            t[i] = BasicType.ofCode(codes[i]);
            if (t[i] == null) {
                throw new IllegalArgumentException("not a basic type code: " + codes[i]);
            }
        }
        return t;
    }

    /** Builds one CLASS DUMP sub-record. */
    public final class ClassDumpBuilder {
        private final long classId;
        private String internalName;
        private int stackTraceSerial;
        private long superId;
        private long loaderId;
        private long signersId;
        private long protectionDomainId;
        private Integer instanceSize;
        private final Buf constants = new Buf(idSize);
        private int constantCount;
        private final Buf statics = new Buf(idSize);
        private int staticCount;
        private final List<Long> fieldNameIds = new ArrayList<>();
        private final List<BasicType> fieldTypes = new ArrayList<>();

        private ClassDumpBuilder(long classId) {
            this.classId = classId;
        }

        public ClassDumpBuilder superClass(long id) {
            superId = id;
            return this;
        }

        public ClassDumpBuilder loader(long id) {
            loaderId = id;
            return this;
        }

        public ClassDumpBuilder signers(long id) {
            signersId = id;
            return this;
        }

        public ClassDumpBuilder protectionDomain(long id) {
            protectionDomainId = id;
            return this;
        }

        public ClassDumpBuilder stackTraceSerial(int serial) {
            stackTraceSerial = serial;
            return this;
        }

        /** The instance size written in the record; by default the sum of the own fields' sizes. */
        public ClassDumpBuilder instanceSize(int bytes) {
            instanceSize = bytes;
            return this;
        }

        /** A constant pool entry: u2 index, u1 type, value. */
        public ClassDumpBuilder constant(int index, BasicType type, long value) {
            constants.u2(index).u1(type.code);
            value(constants, type, value);
            constantCount++;
            return this;
        }

        public ClassDumpBuilder staticField(long nameId, BasicType type, long value) {
            statics.id(nameId).u1(type.code);
            value(statics, type, value);
            staticCount++;
            return this;
        }

        /** A static field whose name string is written as needed; value is an id or the raw bits. */
        public ClassDumpBuilder staticField(String name, BasicType type, long value) {
            return staticField(stringId(name), type, value);
        }

        public ClassDumpBuilder field(long nameId, BasicType type) {
            fieldNameIds.add(nameId);
            fieldTypes.add(type);
            return this;
        }

        public ClassDumpBuilder field(String name, BasicType type) {
            return field(stringId(name), type);
        }

        public ClassDumpBuilder fields(String[] names, BasicType... types) {
            if (names.length != types.length) {
                throw new IllegalArgumentException(names.length + " field names but " + types.length + " types");
            }
            for (int i = 0; i < names.length; i++) {
                field(names[i], types[i]);
            }
            return this;
        }

        /** Writes the name and LOAD CLASS (for {@link #newClass}) and the CLASS DUMP; returns the writer. */
        public HprofWriter write() {
            if (internalName != null) {
                long nameId = stringId(internalName);
                classNames.put(classId, internalName);
                loadClass(nextClassSerial, classId, stackTraceSerial, nameId);
            }
            int ownBytes = 0;
            for (BasicType t : fieldTypes) {
                ownBytes += size(t);
            }
            Buf b = heap();
            b.id(classId).u4(stackTraceSerial).id(superId).id(loaderId).id(signersId).id(protectionDomainId)
                    .id(0).id(0).u4(instanceSize != null ? instanceSize : ownBytes)
                    .u2(constantCount).bytes(constants.toByteArray())
                    .u2(staticCount).bytes(statics.toByteArray())
                    .u2(fieldTypes.size());
            for (int i = 0; i < fieldTypes.size(); i++) {
                b.id(fieldNameIds.get(i)).u1(fieldTypes.get(i).code);
            }
            layouts.put(classId, new Layout(superId, fieldTypes.toArray(new BasicType[0])));
            return sub(SUB_CLASS_DUMP, classId, b);
        }
    }

    // ---------------------------------------------------------------- heap dump: objects

    /**
     * INSTANCE DUMP (0x21) of a class defined through this writer: one value per field, own class first, then up
     * the super classes. References and primitives are numbers (ids for references); Boolean and Character work too.
     */
    public HprofWriter instance(long id, long classId, Object... values) {
        return instanceRaw(id, 0, classId, -1, fieldBytes(classId, values));
    }

    /** The field bytes an instance of the class would have with these values (see {@link #instance}). */
    public byte[] fieldBytes(long classId, Object... values) {
        List<BasicType> all = new ArrayList<>();
        for (long k = classId; k != 0; ) {
            Layout l = layouts.get(k);
            if (l == null) {
                throw new IllegalArgumentException("class 0x" + Long.toHexString(k) + " has no class dump in this writer");
            }
            Collections.addAll(all, l.ownFieldTypes);
            k = l.superId;
        }
        if (all.size() != values.length) {
            throw new IllegalArgumentException("class 0x" + Long.toHexString(classId) + " has " + all.size()
                    + " fields in its hierarchy, got " + values.length + " values");
        }
        Buf b = new Buf(idSize);
        for (int i = 0; i < values.length; i++) {
            value(b, all.get(i), toBits(all.get(i), values[i]));
        }
        return b.toByteArray();
    }

    /**
     * INSTANCE DUMP with raw field bytes; declaredLength is written as the length field (-1: the real length), so
     * a record can lie about its size.
     */
    public HprofWriter instanceRaw(long id, int stackTraceSerial, long classId, int declaredLength, byte[] fieldBytes) {
        Buf b = heap();
        b.id(id).u4(stackTraceSerial).id(classId).u4(declaredLength < 0 ? fieldBytes.length : declaredLength).bytes(fieldBytes);
        return sub(SUB_INSTANCE, id, b);
    }

    /** OBJECT ARRAY DUMP (0x22): id, u4 serial, u4 length, array class id, element ids (0 for null). */
    public HprofWriter objectArray(long id, long arrayClassId, long... elements) {
        Buf b = heap();
        b.id(id).u4(0).u4(elements.length).id(arrayClassId);
        for (long e : elements) {
            b.id(e);
        }
        return sub(SUB_OBJECT_ARRAY, id, b);
    }

    /** PRIMITIVE ARRAY DUMP (0x23) with raw big-endian element data; length is data bytes / element size. */
    public HprofWriter primitiveArray(long id, BasicType type, byte[] data) {
        int element = size(type);
        if (data.length % element != 0) {
            throw new IllegalArgumentException(data.length + " bytes is not a whole number of " + type.javaName + "s");
        }
        return primitiveArrayRaw(id, type.code, data.length / element, data);
    }

    /** PRIMITIVE ARRAY DUMP with any type code and declared length. */
    public HprofWriter primitiveArrayRaw(long id, int typeCode, int declaredLength, byte[] data) {
        Buf b = heap();
        b.id(id).u4(0).u4(declaredLength).u1(typeCode).bytes(data);
        return sub(SUB_PRIMITIVE_ARRAY, id, b);
    }

    public HprofWriter byteArray(long id, byte[] values) {
        return primitiveArray(id, BasicType.BYTE, values);
    }

    public HprofWriter charArray(long id, String text) {
        Buf b = new Buf(idSize);
        for (char c : text.toCharArray()) {
            b.u2(c);
        }
        return primitiveArray(id, BasicType.CHAR, b.toByteArray());
    }

    public HprofWriter intArray(long id, int... values) {
        Buf b = new Buf(idSize);
        for (int v : values) {
            b.u4(v);
        }
        return primitiveArray(id, BasicType.INT, b.toByteArray());
    }

    public HprofWriter longArray(long id, long... values) {
        Buf b = new Buf(idSize);
        for (long v : values) {
            b.u8(v);
        }
        return primitiveArray(id, BasicType.LONG, b.toByteArray());
    }

    /** Any bytes as one heap dump sub-record (tag included), for malformed input. */
    public HprofWriter rawSubRecord(byte[] tagAndBody) {
        Buf b = heap();
        b.bytes(Arrays.copyOfRange(tagAndBody, 1, tagAndBody.length));
        return sub(tagAndBody[0] & 0xFF, -1, b);
    }

    // ---------------------------------------------------------------- heap dump plumbing

    /** The current segment, with the sub-record's tag still to be filled in by {@link #sub}. */
    private Buf heap() {
        checkOpen();
        if (segments.isEmpty()) {
            newSegment();
        }
        Buf seg = segments.get(segments.size() - 1);
        if (seg.size() >= maxSegmentBytes && !singleRecord) {
            newSegment();
            seg = segments.get(segments.size() - 1);
        }
        seg.startMark = seg.size();
        seg.u1(0); // tag placeholder
        return seg;
    }

    private void newSegment() {
        segments.add(new Buf(idSize));
        segmentMarks.add(new ArrayList<>());
    }

    private HprofWriter sub(int tag, long id, Buf seg) {
        seg.bytesAt(seg.startMark, tag);
        segmentMarks.get(segmentMarks.size() - 1).add(new long[] {tag, id, seg.startMark, seg.size()});
        return this;
    }

    private void checkOpen() {
        if (finished != null) {
            throw new IllegalStateException("the stream is finished: toBytes() was called");
        }
    }

    private int size(BasicType t) {
        return t == BasicType.OBJECT ? idSize : t.size(idSize);
    }

    private void value(Buf b, BasicType type, long bits) {
        switch (type) {
            case OBJECT -> b.id(bits);
            case BOOLEAN, BYTE -> b.u1((int) bits);
            case CHAR, SHORT -> b.u2((int) bits);
            case FLOAT, INT -> b.u4((int) bits);
            case DOUBLE, LONG -> b.u8(bits);
        }
    }

    private static long toBits(BasicType type, Object v) {
        if (v instanceof Boolean bool) {
            return bool ? 1 : 0;
        }
        if (v instanceof Character c) {
            return c;
        }
        if (type == BasicType.FLOAT && v instanceof Number n) {
            return Float.floatToRawIntBits(n.floatValue());
        }
        if (type == BasicType.DOUBLE && v instanceof Number n) {
            return Double.doubleToRawLongBits(n.doubleValue());
        }
        if (v instanceof Number n) {
            return n.longValue();
        }
        throw new IllegalArgumentException("cannot encode " + v + " as " + type.javaName);
    }

    // ---------------------------------------------------------------- output

    /** Finishes the stream (heap records and HEAP DUMP END) and returns its bytes; later calls return the same. */
    public byte[] toBytes() {
        if (finished != null) {
            return finished.clone();
        }
        Buf out = new Buf(idSize);
        out.bytes(version.getBytes(StandardCharsets.US_ASCII)).u1(0).u4(idSize).u8(timestamp);
        out.bytes(top.toByteArray());
        List<Buf> records = new ArrayList<>();
        List<List<long[]>> marks = new ArrayList<>();
        if (singleRecord) {
            Buf all = new Buf(idSize);
            List<long[]> allMarks = new ArrayList<>();
            for (int s = 0; s < segments.size(); s++) {
                int base = all.size();
                all.bytes(segments.get(s).toByteArray());
                for (long[] m : segmentMarks.get(s)) {
                    allMarks.add(new long[] {m[0], m[1], m[2] + base, m[3] + base});
                }
            }
            if (all.size() > 0 || !segments.isEmpty()) {
                records.add(all);
                marks.add(allMarks);
            }
        } else {
            for (int s = 0; s < segments.size(); s++) {
                if (segments.get(s).size() > 0) {
                    records.add(segments.get(s));
                    marks.add(segmentMarks.get(s));
                }
            }
        }
        for (int r = 0; r < records.size(); r++) {
            long start = out.size();
            heapRecordStarts.add(start);
            int length = singleRecordLengthZero ? 0 : records.get(r).size();
            out.u1(singleRecord ? TAG_HEAP_DUMP : TAG_HEAP_DUMP_SEGMENT).u4(0).u4(length);
            long bodyStart = out.size();
            out.bytes(records.get(r).toByteArray());
            for (long[] m : marks.get(r)) {
                Span span = new Span((int) m[0], m[1], bodyStart + m[2], bodyStart + m[3]);
                spans.add(span);
                if (m[1] != -1) {
                    spanById.putIfAbsent(m[1], span);
                }
            }
        }
        if (writeHeapDumpEnd && (heapDumpEndSet || !records.isEmpty())) {
            heapDumpEndOffset = out.size();
            out.u1(TAG_HEAP_DUMP_END).u4(0).u4(0);
        }
        finished = out.toByteArray();
        return finished.clone();
    }

    /** Writes the plain stream to a file. */
    public Path writeTo(Path file) throws IOException {
        Files.write(file, toBytes());
        return file;
    }

    /** Writes the stream as one gzip member, through {@link GZIPOutputStream}. */
    public Path writeGzipTo(Path file) throws IOException {
        Files.write(file, gzip(toBytes()));
        return file;
    }

    /** Writes the stream as independent gzip members of blockSize input bytes each, as {@code jcmd GC.heap_dump -gz=1} does. */
    public Path writeChunkedGzipTo(Path file, int blockSize) throws IOException {
        Files.write(file, chunkedGzip(toBytes(), blockSize));
        return file;
    }

    /** How a stream is stored on disk. */
    public enum Container {
        PLAIN, GZIP, CHUNKED_GZIP;

        /** Block size used for {@link #CHUNKED_GZIP}: small, so that records straddle many members. */
        public static final int TEST_BLOCK_SIZE = 64;

        public byte[] encode(byte[] hprof) {
            return switch (this) {
                case PLAIN -> hprof;
                case GZIP -> gzip(hprof);
                case CHUNKED_GZIP -> chunkedGzip(hprof, TEST_BLOCK_SIZE);
            };
        }

        public Path write(HprofWriter w, Path file) throws IOException {
            Files.write(file, encode(w.toBytes()));
            return file;
        }
    }

    /** One gzip member made by {@link GZIPOutputStream}. */
    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Independent gzip members, each compressing blockSize bytes of data; the first carries the comment
     * {@code HPROF BLOCKSIZE=<blockSize>} (FCOMMENT), like HotSpot's compressed heap dumps.
     */
    public static byte[] chunkedGzip(byte[] data, int blockSize) {
        Buf out = new Buf(8);
        for (int from = 0; from < data.length || from == 0; from += blockSize) {
            int to = Math.min(data.length, from + blockSize);
            out.bytes(gzipMember(Arrays.copyOfRange(data, from, to), from == 0 ? "HPROF BLOCKSIZE=" + blockSize : null));
            if (data.length == 0) {
                break;
            }
        }
        return out.toByteArray();
    }

    /** Start offset of each member in {@link #chunkedGzip(byte[], int)}'s output, for cutting inside one. */
    public static long[] chunkedGzipMemberStarts(byte[] data, int blockSize) {
        List<Long> starts = new ArrayList<>();
        long at = 0;
        for (int from = 0; from < data.length; from += blockSize) {
            starts.add(at);
            int to = Math.min(data.length, from + blockSize);
            at += gzipMember(Arrays.copyOfRange(data, from, to), from == 0 ? "HPROF BLOCKSIZE=" + blockSize : null).length;
        }
        return starts.stream().mapToLong(Long::longValue).toArray();
    }

    /** One gzip member written by hand: header (with FCOMMENT when comment is not null), raw deflate, CRC32, ISIZE. */
    public static byte[] gzipMember(byte[] data, String comment) {
        return gzipMember(data, comment, null, null, false);
    }

    /**
     * One gzip member with any of the optional header fields: FEXTRA (extra, e.g. bgzip's "BC" field), FNAME (as the
     * gzip command writes), FCOMMENT and FHCRC (the low 16 bits of the CRC32 of the header before it).
     */
    public static byte[] gzipMember(byte[] data, String comment, String fileName, byte[] extra, boolean headerCrc) {
        Buf out = new Buf(8);
        int flags = (headerCrc ? 0x02 : 0) | (extra != null ? 0x04 : 0) | (fileName != null ? 0x08 : 0)
                | (comment != null ? 0x10 : 0);
        out.u1(0x1f).u1(0x8b).u1(8).u1(flags);
        out.bytes(new byte[] {0, 0, 0, 0}); // mtime
        out.u1(0).u1(255); // xfl, os unknown
        if (extra != null) {
            out.u1(extra.length).u1(extra.length >>> 8).bytes(extra);
        }
        if (fileName != null) {
            out.bytes(fileName.getBytes(StandardCharsets.ISO_8859_1)).u1(0);
        }
        if (comment != null) {
            out.bytes(comment.getBytes(StandardCharsets.ISO_8859_1)).u1(0);
        }
        if (headerCrc) {
            CRC32 headerCrc32 = new CRC32();
            headerCrc32.update(out.toByteArray());
            int crc16 = (int) headerCrc32.getValue() & 0xFFFF;
            out.u1(crc16).u1(crc16 >>> 8);
        }
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(data);
            deflater.finish();
            byte[] chunk = new byte[4096];
            while (!deflater.finished()) {
                int n = deflater.deflate(chunk);
                out.bytes(Arrays.copyOf(chunk, n));
            }
        } finally {
            deflater.end();
        }
        CRC32 crc = new CRC32();
        crc.update(data);
        out.le4((int) crc.getValue()).le4(data.length);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- where things landed (after toBytes)

    /** Every heap sub-record in stream order. */
    public List<Span> spans() {
        requireFinished();
        return List.copyOf(spans);
    }

    /** Span of the class dump, instance or array with this id. */
    public Span span(long id) {
        requireFinished();
        Span s = spanById.get(id);
        if (s == null) {
            throw new IllegalArgumentException("no class dump, instance or array 0x" + Long.toHexString(id));
        }
        return s;
    }

    /** Offset of the first byte (the tag) of the sub-record for this object or class. */
    public long startOf(long id) {
        return span(id).start();
    }

    /** Offset just past the sub-record for this object or class. */
    public long endOf(long id) {
        return span(id).end();
    }

    /** Offset of the HEAP DUMP END record, or -1 when none was written. */
    public long heapDumpEndOffset() {
        requireFinished();
        return heapDumpEndOffset;
    }

    /** Offsets of the HEAP DUMP / HEAP DUMP SEGMENT record headers. */
    public List<Long> heapRecordStarts() {
        requireFinished();
        return List.copyOf(heapRecordStarts);
    }

    /** Length of the header (version text, NUL, id size, timestamp). */
    public int headerLength() {
        return version.length() + 1 + 4 + 8;
    }

    /** Class ids and internal names defined through {@link #newClass} or {@link #defineClass}, in order. */
    public Map<Long, String> definedClasses() {
        return Collections.unmodifiableMap(classNames);
    }

    private void requireFinished() {
        if (finished == null) {
            throw new IllegalStateException("call toBytes() first: offsets are known once the stream is finished");
        }
    }

    /** A growable big-endian byte buffer that writes ids with idSize bytes. */
    private static final class Buf {
        private final int idSize;
        private byte[] a = new byte[256];
        private int n;
        int startMark;

        Buf(int idSize) {
            this.idSize = idSize;
        }

        int size() {
            return n;
        }

        private void grow(int extra) {
            if (n + extra > a.length) {
                a = Arrays.copyOf(a, Math.max(a.length * 2, n + extra));
            }
        }

        Buf u1(int v) {
            grow(1);
            a[n++] = (byte) v;
            return this;
        }

        Buf u2(int v) {
            return u1(v >>> 8).u1(v);
        }

        Buf u4(int v) {
            return u1(v >>> 24).u1(v >>> 16).u1(v >>> 8).u1(v);
        }

        Buf u4(long v) {
            return u4((int) v);
        }

        Buf u8(long v) {
            return u4((int) (v >>> 32)).u4((int) v);
        }

        Buf le4(int v) {
            return u1(v).u1(v >>> 8).u1(v >>> 16).u1(v >>> 24);
        }

        Buf id(long v) {
            for (int shift = 8 * (idSize - 1); shift >= 0; shift -= 8) {
                u1(shift >= 64 ? 0 : (int) (v >>> shift));
            }
            return this;
        }

        Buf bytes(byte[] b) {
            grow(b.length);
            System.arraycopy(b, 0, a, n, b.length);
            n += b.length;
            return this;
        }

        void bytesAt(int at, int v) {
            a[at] = (byte) v;
        }

        byte[] toByteArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
