package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.HprofVisitor;
import heaptriage.hprof.RootKind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Pass 1: collects names, classes, roots and stack traces, and for every object (in file order) its address,
 * record offset, class and length. Object bodies are skipped, so this pass touches every byte only once.
 */
final class RecordScan implements HprofVisitor {
    /** Marks objects whose class is java.lang.Class (class dumps); resolved once all classes are known. */
    static final int CLASS_OBJECT = -2;

    final Map<Long, String> strings = new HashMap<>();
    final Map<Long, Long> classNameIds = new HashMap<>();
    final Map<Integer, Long> classIdBySerial = new HashMap<>();
    final Map<Long, long[]> frames = new HashMap<>();
    final Map<Integer, long[]> traceFrames = new HashMap<>();
    final Map<Integer, Integer> traceThread = new HashMap<>();
    final List<ClassDump> classDumps = new ArrayList<>();

    final LongList rootIds = new LongList(1024);
    final IntList rootKinds = new IntList(1024);
    final IntList rootThreads = new IntList(1024);
    final IntList rootFrames = new IntList(1024);

    // per object, in file order; ordinal 0 is MAT's pseudo object for the boot class loader at address 0
    final LongList addresses;
    final LongList offsets;
    final IntList classKeys; // key into classIds, or CLASS_OBJECT, or -(type code + 10) for primitive arrays
    final IntList lengths;   // field bytes, array length, or for class objects the key of the class described

    /** Class ids met in instances, arrays and class dumps, numbered in order of first sight. */
    final LongIntMap classKeyById = new LongIntMap(4096);
    final LongList classIds = new LongList(4096);

    long gcdOfGaps;
    private long firstAddress = Long.MIN_VALUE;
    boolean compressedReferences;
    private long previousArrayStart;
    private long previousArrayUncompressedEnd;
    private final int idSize;
    private final IndexListener listener;

    RecordScan(int idSize, long expectedObjects, IndexListener listener) {
        this.idSize = idSize;
        this.listener = listener;
        int capacity = (int) Math.min(Integer.MAX_VALUE - 64, Math.max(1024, expectedObjects));
        addresses = new LongList(capacity);
        offsets = new LongList(capacity);
        classKeys = new IntList(capacity);
        lengths = new IntList(capacity);
        addObject(0, -1, -1, 0); // the boot loader's pseudo object: classes with loader 0 refer to it
    }

    int keyOf(long classId) {
        int key = classKeyById.get(classId);
        if (key < 0) {
            key = classIds.size();
            classIds.add(classId);
            classKeyById.put(classId, key);
        }
        return key;
    }

    private void addObject(long address, long offset, int classKey, int length) {
        if (addresses.size() == Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("more than 2^31 objects");
        }
        addresses.add(address);
        offsets.add(offset);
        classKeys.add(classKey);
        lengths.add(length);
        if (address != 0) {
            if (firstAddress == Long.MIN_VALUE) {
                firstAddress = address;
            } else {
                gcdOfGaps = gcd(gcdOfGaps, Math.abs(address - firstAddress));
            }
        }
    }

    private static long gcd(long a, long b) {
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return a;
    }

    @Override
    public void string(long id, String text) {
        strings.put(id, text);
    }

    @Override
    public void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
        classNameIds.put(classId, nameId);
        classIdBySerial.put(classSerial, classId);
    }

    @Override
    public void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {
        frames.put(frameId, new long[] {methodNameId, signatureId, sourceFileId, classSerial, line});
    }

    @Override
    public void stackTrace(int serial, int threadSerial, long[] frameIds) {
        traceFrames.put(serial, frameIds);
        traceThread.put(serial, threadSerial);
    }

    @Override
    public void gcRoot(RootKind kind, long objectId, int threadSerial, int frameNumber) {
        rootIds.add(objectId);
        rootKinds.add(kind.ordinal());
        rootThreads.add(threadSerial);
        rootFrames.add(frameNumber);
    }

    @Override
    public void classDump(ClassDump dump) {
        classDumps.add(dump);
        addObject(dump.classId(), dump.recordOffset(), CLASS_OBJECT, keyOf(dump.classId()));
    }

    @Override
    public void instance(long id, long classId, long recordOffset, int payloadLength) {
        addObject(id, recordOffset, keyOf(classId), payloadLength);
    }

    @Override
    public void objectArray(long id, long arrayClassId, long recordOffset, int length) {
        // MAT's test: on a 64-bit dump an array starting inside the space the previous array would need with
        // 8-byte references proves that references are 4 bytes
        if (idSize == 8 && !compressedReferences && id > previousArrayStart && id < previousArrayUncompressedEnd) {
            compressedReferences = true;
        }
        previousArrayStart = id;
        previousArrayUncompressedEnd = id + 16 + (long) length * 8;
        addObject(id, recordOffset, keyOf(arrayClassId), length);
    }

    @Override
    public void primitiveArray(long id, BasicType elementType, long recordOffset, int length) {
        addObject(id, recordOffset, primitiveKey(elementType), length);
    }

    static int primitiveKey(BasicType type) {
        return -(type.code + 10);
    }

    static BasicType primitiveOfKey(int key) {
        return BasicType.ofCode(-key - 10);
    }

    @Override
    public void progress(long position) {
        listener.bytesRead(position);
    }

    int objectCount() {
        return addresses.size();
    }
}
