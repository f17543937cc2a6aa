package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HprofVisitor;
import heaptriage.hprof.RootKind;
import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * Pass 1: collects names, classes, roots and stack traces, and for every object (in file order) its address,
 * record offset, class, length and exact number of outbound references (non-null fields and elements, plus the
 * class edge), so that pass 2 can write references into an array of exactly the right size.
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

    /** The selected heap dump's HEAP DUMP (SEGMENT) records, in file order: where their sub-records start and end. */
    final LongList heapRecordBodyStarts = new LongList();
    final LongList heapRecordEnds = new LongList();

    final LongList rootIds = new LongList();
    final IntList rootKinds = new IntList();
    final IntList rootThreads = new IntList();
    final IntList rootFrames = new IntList();

    // per object, in file order; ordinal 0 is MAT's pseudo object for the boot class loader at address 0
    final LongList addresses;
    final LongList offsets;
    final IntList classKeys; // key into classIds, or CLASS_OBJECT, or -(type code + 10) for primitive arrays
    final IntList lengths;   // field bytes, array length, or for class objects the key of the class described
    final IntList edgeCounts; // outbound references to reserve

    /** Class ids met in instances, arrays and class dumps, numbered in order of first sight. */
    final LongIntMap classKeyById = new LongIntMap(4096);
    final LongList classIds = new LongList();
    private final LongIntMap classDumpById = new LongIntMap(4096);
    private final List<int[]> layoutByKey = new ArrayList<>();

    long gcdOfGaps;
    private long firstAddress = Long.MIN_VALUE;
    boolean compressedReferences;
    private long previousArrayStart;
    private long previousArrayUncompressedEnd;
    private final int idSize;
    private final IndexListener listener;

    /** The references pass 1 reserves in all: every object's edge count summed. */
    long reservedEdges;

    // a pass split between threads: the scan of the later share reads the class dumps the earlier one publishes
    private final RecordScan earlier;
    private ConcurrentHashMap<Long, ClassDump> published;
    private volatile boolean headDone;
    private long firstArrayStart = Long.MIN_VALUE;
    private RecordScan appended; // the later share's scan, once appended

    RecordScan(int idSize, IndexListener listener, Storage storage) {
        this(idSize, listener, storage, null);
        addObject(0, -1, -1, 0, 1); // the boot loader's pseudo object: classes with loader 0 refer to it
    }

    private RecordScan(int idSize, IndexListener listener, Storage storage, RecordScan earlier) {
        this.idSize = idSize;
        this.listener = listener;
        this.earlier = earlier;
        addresses = new LongList(storage);
        offsets = new LongList(storage);
        classKeys = new IntList(storage);
        lengths = new IntList(storage);
        edgeCounts = new IntList(storage);
    }

    /**
     * A scan for the records after this one's, read at the same time on another thread and {@linkplain #append
     * appended} afterwards. Its instances need the layouts of classes dumped before them: those it has not read
     * itself it takes from this scan, waiting until this one has read them or is done with its share, so each
     * object's count is the one a single scan would make.
     */
    RecordScan laterShare(IndexListener listener, Storage storage) {
        published = new ConcurrentHashMap<>();
        return new RecordScan(idSize, listener, storage, this);
    }

    /** This scan's share is read (or failed): a later share waits no more for class dumps from it. */
    void shareDone() {
        headDone = true;
    }

    /** A class dump this scan read, once read; null when its share is done without it. Called by a later share. */
    private ClassDump awaitClassDump(long classId) {
        while (true) {
            boolean done = headDone;
            ClassDump dump = published.get(classId);
            if (dump != null || done) {
                return dump;
            }
            LockSupport.parkNanos(20_000); // HotSpot writes every class dump first: a wait happens at the start only
        }
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

    private void addObject(long address, long offset, int classKey, int length, int edges) {
        if (addresses.size() == Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("more than 2^31 objects");
        }
        addresses.add(address);
        offsets.add(offset);
        classKeys.add(classKey);
        lengths.add(length);
        edgeCounts.add(edges);
        reservedEdges += edges;
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
    public void heapDumpRecord(long bodyStart, long end) {
        heapRecordBodyStarts.add(bodyStart);
        heapRecordEnds.add(end);
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
        classDumpById.put(dump.classId(), classDumps.size() - 1);
        if (published != null) {
            published.put(dump.classId(), dump);
        }
        int edges = 2; // java.lang.Class and the loader (0 stands for the boot loader's pseudo object)
        if (dump.superClassId() != 0) {
            edges++;
        }
        for (int i = 0; i < dump.staticTypes().length; i++) {
            if (dump.staticTypes()[i] == BasicType.OBJECT && dump.staticValues()[i] != 0) {
                edges++;
            }
        }
        addObject(dump.classId(), dump.recordOffset(), CLASS_OBJECT, keyOf(dump.classId()), edges);
    }

    @Override
    public boolean wantsBodies() {
        return true;
    }

    @Override
    public void instanceBody(long id, long classId, long recordOffset, int payloadLength, HprofInput in) throws IOException {
        int key = keyOf(classId);
        int[] refOffsets = refOffsets(key, classId);
        int edges = 1;
        in.ensure(payloadLength); // a record cut by the end of the data throws here, before it is counted
        if (refOffsets == null) {
            edges += payloadLength / idSize; // layout unknown yet: reserve for every slot that could be a reference
        } else {
            int base = in.bufferPosition();
            for (int off : refOffsets) {
                if (off + idSize <= payloadLength && in.idAt(base + off) != 0) {
                    edges++;
                }
            }
        }
        addObject(id, recordOffset, key, payloadLength, edges);
    }

    @Override
    public void objectArrayBody(long id, long arrayClassId, long recordOffset, int length, HprofInput in) throws IOException {
        // MAT's test: on a 64-bit dump an array starting inside the space the previous array would need with
        // 8-byte references proves that references are 4 bytes
        if (idSize == 8 && !compressedReferences && id > previousArrayStart && id < previousArrayUncompressedEnd) {
            compressedReferences = true;
        }
        if (firstArrayStart == Long.MIN_VALUE) {
            firstArrayStart = id;
        }
        previousArrayStart = id;
        previousArrayUncompressedEnd = id + 16 + (long) length * 8;
        int edges = 1;
        for (int left = length; left > 0; ) {
            // a plain loop over the buffered window of elements: arrays hold most of a heap's references
            int n = in.bufferedIds(left);
            int p = in.bufferPosition();
            for (int i = 0; i < n; i++) {
                if (in.idAt(p + i * idSize) != 0) {
                    edges++;
                }
            }
            in.advance(n * idSize);
            left -= n;
        }
        addObject(id, recordOffset, keyOf(arrayClassId), length, edges);
    }

    /** Offsets of an instance's reference fields, class by class up the hierarchy; null while a class is missing. */
    private int[] refOffsets(int key, long classId) {
        while (layoutByKey.size() <= key) {
            layoutByKey.add(null);
        }
        int[] layout = layoutByKey.get(key);
        if (layout == null) {
            layout = computeLayout(classId);
            layoutByKey.set(key, layout);
        }
        return layout;
    }

    private int[] computeLayout(long classId) {
        IntList offsets = new IntList();
        int offset = 0;
        int steps = 0;
        for (long c = classId; c != 0; ) {
            ClassDump d = classDumpOf(c);
            if (d == null) {
                return null;
            }
            if (++steps > classDumps.size() + (earlier == null ? 0 : earlier.published.size())) {
                return new int[0]; // a superclass loop (damage): the class table reports it once pass 1 is done
            }
            for (BasicType t : d.fieldTypes()) {
                if (t == BasicType.OBJECT) {
                    offsets.add(offset);
                }
                offset += t.size(idSize);
            }
            c = d.superClassId();
        }
        return offsets.toArray();
    }

    /** The latest dump of a class read before this point of the file, by this scan or an earlier share's. */
    private ClassDump classDumpOf(long classId) {
        int at = classDumpById.get(classId);
        if (at >= 0) {
            return classDumps.get(at);
        }
        return earlier == null ? null : earlier.awaitClassDump(classId);
    }

    /**
     * Appends what the scan of the later share read, as if this scan had gone on reading it: its class ids get
     * this scan's keys (numbered in order of first sight, as one scan numbers them), its objects follow this scan's,
     * and the address alignment and the compressed-references test take in both sides and the pair across the
     * boundary. The later scan must not be used afterwards.
     */
    void append(RecordScan later) {
        strings.putAll(later.strings);
        classNameIds.putAll(later.classNameIds);
        classIdBySerial.putAll(later.classIdBySerial);
        frames.putAll(later.frames);
        traceFrames.putAll(later.traceFrames);
        traceThread.putAll(later.traceThread);
        for (ClassDump dump : later.classDumps) {
            classDumps.add(dump);
            classDumpById.put(dump.classId(), classDumps.size() - 1);
        }
        heapRecordBodyStarts.addAll(later.heapRecordBodyStarts);
        heapRecordEnds.addAll(later.heapRecordEnds);
        rootIds.addAll(later.rootIds);
        rootKinds.addAll(later.rootKinds);
        rootThreads.addAll(later.rootThreads);
        rootFrames.addAll(later.rootFrames);

        int[] keys = new int[later.classIds.size()];
        for (int k = 0; k < keys.length; k++) {
            keys[k] = keyOf(later.classIds.get(k));
        }
        // a plain loop over the later share's objects: millions of them
        for (int i = 0, n = later.classKeys.size(); i < n; i++) {
            int key = later.classKeys.get(i);
            if (key >= 0) {
                later.classKeys.set(i, keys[key]);
            } else if (key == CLASS_OBJECT) {
                later.lengths.set(i, keys[later.lengths.get(i)]); // the key of the class it describes
            }
        }
        if ((long) objectCount() + later.objectCount() >= Integer.MAX_VALUE - 64) {
            throw new IllegalStateException("more than 2^31 objects");
        }
        appended = later; // its per-object lists are copied once, after this scan's, into the arrays
        reservedEdges += later.reservedEdges;

        if (later.firstAddress != Long.MIN_VALUE) {
            if (firstAddress == Long.MIN_VALUE) {
                firstAddress = later.firstAddress;
                gcdOfGaps = later.gcdOfGaps;
            } else {
                // the gaps to this scan's first address are the gap between the first addresses plus the later's gaps
                gcdOfGaps = gcd(gcd(gcdOfGaps, Math.abs(later.firstAddress - firstAddress)), later.gcdOfGaps);
            }
        }
        if (later.firstArrayStart != Long.MIN_VALUE) {
            long id = later.firstArrayStart;
            compressedReferences |= later.compressedReferences
                    || idSize == 8 && id > previousArrayStart && id < previousArrayUncompressedEnd;
            previousArrayStart = later.previousArrayStart;
            previousArrayUncompressedEnd = later.previousArrayUncompressedEnd;
        }
    }

    @Override
    public void primitiveArray(long id, BasicType elementType, long recordOffset, int length) {
        addObject(id, recordOffset, primitiveKey(elementType), length, 1);
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
        return addresses.size() + (appended == null ? 0 : appended.objectCount());
    }

    // each object's values as arrays from the storage, in file order or moved straight into address order; each list
    // may be used once

    LongArray addressesArray(Storage storage) {
        return appended == null ? addresses.toArray(storage) : LongList.concatenated(addresses, appended.addresses, storage);
    }

    LongArray offsetsArray(Storage storage) {
        return appended == null ? offsets.toArray(storage) : LongList.concatenated(offsets, appended.offsets, storage);
    }

    IntArray classKeysArray(Storage storage) {
        return appended == null ? classKeys.toArray(storage) : IntList.concatenated(classKeys, appended.classKeys, storage);
    }

    IntArray lengthsArray(Storage storage) {
        return appended == null ? lengths.toArray(storage) : IntList.concatenated(lengths, appended.lengths, storage);
    }

    /** The record offsets in file order, read from the lists in place (for planning pass 2's shares). */
    PassShares.FileOrderOffsets fileOrderOffsets() {
        return new PassShares.FileOrderOffsets() {
            @Override
            public long count() {
                return objectCount();
            }

            @Override
            public long offsetOf(long ordinal) {
                int first = offsets.size();
                return ordinal < first ? offsets.get((int) ordinal) : appended.offsets.get((int) (ordinal - first));
            }
        };
    }

    /** Each object's record offset at its index in address order ({@code perm}: file ordinal to index). */
    LongArray offsetsPermuted(IntArray perm, Storage storage) {
        LongArray out = storage.longs(objectCount());
        int firstSize = offsets.size();
        offsets.moveScattered(out, perm, 0);
        if (appended != null) {
            appended.offsets.moveScattered(out, perm, firstSize);
        }
        return out;
    }

    /** Each object's class key at its index in address order ({@code perm}: file ordinal to index). */
    IntArray classKeysPermuted(IntArray perm, Storage storage) {
        return permuted(classKeys, appended == null ? null : appended.classKeys, perm, storage);
    }

    IntArray lengthsPermuted(IntArray perm, Storage storage) {
        return permuted(lengths, appended == null ? null : appended.lengths, perm, storage);
    }

    IntArray edgeCountsPermuted(IntArray perm, Storage storage) {
        return permuted(edgeCounts, appended == null ? null : appended.edgeCounts, perm, storage);
    }

    /** The values of {@code first} then {@code second} (file order) moved straight to their places in address order. */
    private static IntArray permuted(IntList first, IntList second, IntArray perm, Storage storage) {
        IntArray out = storage.ints((long) first.size() + (second == null ? 0 : second.size()));
        int firstSize = first.size();
        first.moveScattered(out, perm, 0);
        if (second != null) {
            second.moveScattered(out, perm, firstSize);
        }
        return out;
    }

    IntArray edgeCountsArray(Storage storage) {
        return appended == null ? edgeCounts.toArray(storage)
                : IntList.concatenated(edgeCounts, appended.edgeCounts, storage);
    }
}
