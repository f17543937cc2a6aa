package heaptriage.heap;

import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.ReadSummary;
import heaptriage.hprof.Truncation;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The indexed heap: objects numbered 0..n-1 in address order, each with its class, shallow size, record offset
 * and outbound references (CSR arrays), plus classes, GC roots and stack traces. Immutable once built. Arrays
 * returned by accessors are shared for speed: callers must not change them. The arrays live in a {@link Storage}
 * (the heap or mapped files), which the graph phases use for theirs too; closing the snapshot removes its files.
 */
public final class HeapSnapshot implements AutoCloseable {
    private final DumpFile dump;
    private final HprofHeader header;
    private final ReadSummary readSummary;
    private final SizeModel sizeModel;
    private final ClassTable classTable;
    private final List<HeapClass> classes;
    private final LongArray addresses;
    private final AddressIndex addressIndex;
    private final LongArray recordOffsets;
    private final IntArray classSlotOf;
    private final IntArray shallow;
    private final HugeSizes hugeSizes;
    private final IntArray outboundOffsets;
    private final IntArray outboundTargets;
    private final RootTable roots;
    private final long danglingReferences;
    private final Map<Integer, List<StackFrameInfo>> stackTraces;
    private final Storage storage;
    private final Path reusedIndex;
    /** The kept index folder: the one read, or the one just written (set once, by IndexStore, right after). */
    private volatile Path keptIndex;
    private ObjectReader reader;

    HeapSnapshot(DumpFile dump, HprofHeader header, ReadSummary readSummary, SizeModel sizeModel,
                 ClassTable classTable, LongArray addresses, AddressIndex addressIndex, LongArray recordOffsets,
                 IntArray classSlotOf, IntArray shallow, HugeSizes hugeSizes, IntArray outboundOffsets,
                 IntArray outboundTargets, RootTable roots, long danglingReferences,
                 Map<Integer, List<StackFrameInfo>> stackTraces, Storage storage) {
        this(dump, header, readSummary, sizeModel, classTable, addresses, addressIndex, recordOffsets, classSlotOf,
                shallow, hugeSizes, outboundOffsets, outboundTargets, roots, danglingReferences, stackTraces, storage, null);
    }

    /** A snapshot whose index was read from the kept index in {@code reusedIndex} (null: parsed from the dump). */
    HeapSnapshot(DumpFile dump, HprofHeader header, ReadSummary readSummary, SizeModel sizeModel,
                 ClassTable classTable, LongArray addresses, AddressIndex addressIndex, LongArray recordOffsets,
                 IntArray classSlotOf, IntArray shallow, HugeSizes hugeSizes, IntArray outboundOffsets,
                 IntArray outboundTargets, RootTable roots, long danglingReferences,
                 Map<Integer, List<StackFrameInfo>> stackTraces, Storage storage, Path reusedIndex) {
        this.dump = dump;
        this.header = header;
        this.readSummary = readSummary;
        this.sizeModel = sizeModel;
        this.classTable = classTable;
        this.classes = classTable.classList();
        this.addresses = addresses;
        this.addressIndex = addressIndex;
        this.recordOffsets = recordOffsets;
        this.classSlotOf = classSlotOf;
        this.shallow = shallow;
        this.hugeSizes = hugeSizes;
        this.outboundOffsets = outboundOffsets;
        this.outboundTargets = outboundTargets;
        this.roots = roots;
        this.danglingReferences = danglingReferences;
        this.stackTraces = stackTraces;
        this.storage = storage;
        this.reusedIndex = reusedIndex;
        this.keptIndex = reusedIndex;
    }

    /** Whether the index was read from a kept index folder instead of parsing the dump. */
    public boolean indexReused() {
        return reusedIndex != null;
    }

    /** The kept index folder this snapshot was read from, when it was. */
    public Optional<Path> reusedIndex() {
        return Optional.ofNullable(reusedIndex);
    }

    /**
     * The kept index folder of this snapshot's dump, when there is one: the one it was read from, or the one it was
     * just saved to. What is computed from the index and is costly (the dominator tree) may be kept there too.
     */
    public Optional<Path> keptIndex() {
        return Optional.ofNullable(keptIndex);
    }

    void keptIn(Path folder) {
        this.keptIndex = folder;
    }

    // the parts a kept index saves (IndexStore)

    ClassTable classTable() {
        return classTable;
    }

    RootTable roots() {
        return roots;
    }

    HugeSizes hugeSizes() {
        return hugeSizes;
    }

    Map<Integer, List<StackFrameInfo>> stackTraces() {
        return stackTraces;
    }

    LongArray addresses() {
        return addresses;
    }

    LongArray recordOffsets() {
        return recordOffsets;
    }

    /** Shallow sizes as stored: the huge ones marked (see {@link HugeSizes}). */
    IntArray storedShallowSizes() {
        return shallow;
    }

    /** Where the snapshot's arrays live; the graph phases take theirs from it too. */
    public Storage storage() {
        return storage;
    }

    public DumpFile dump() {
        return dump;
    }

    public HprofHeader header() {
        return header;
    }

    public ReadSummary readSummary() {
        return readSummary;
    }

    /** How the dump was cut short, when it was. */
    public Optional<Truncation> truncation() {
        return Optional.ofNullable(readSummary.truncation());
    }

    public SizeModel sizeModel() {
        return sizeModel;
    }

    public int objectCount() {
        return (int) addresses.length();
    }

    public long address(int object) {
        return addresses.get(object);
    }

    /** The object at this address, or -1. */
    public int indexOf(long address) {
        return addressIndex.indexOf(address);
    }

    public List<HeapClass> classes() {
        return classes;
    }

    /** The class and its superclasses, from the class itself up to java.lang.Object: the one walk up the hierarchy. */
    public List<HeapClass> hierarchy(HeapClass c) {
        return classTable.hierarchy(c);
    }

    /** True when the class or one of its superclasses has this name. */
    public boolean isSubclassOf(HeapClass c, String name) {
        for (HeapClass k : hierarchy(c)) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public int classSlotOf(int object) {
        return classSlotOf.get(object);
    }

    public HeapClass classOf(int object) {
        return classes.get(classSlotOf.get(object));
    }

    /** Class slot per object: shared, do not modify. */
    public IntArray classSlots() {
        return classSlotOf;
    }

    public long shallowSize(int object) {
        return hugeSizes.sizeOf(object, shallow.get(object));
    }

    /** Shallow sizes of all objects when every one fits an int (arrays under 2 GiB); null otherwise. Shared. */
    public IntArray shallowSizesIfAllFit() {
        return hugeSizes.isEmpty() ? shallow : null;
    }

    /** The class a class object stands for, or null when the object is not a class object. */
    public HeapClass describedClass(int object) {
        int described = classSlotOf.get(object) == classTable.javaLangClassSlot() ? classTable.describedSlot(object) : -1;
        return described >= 0 ? classes.get(described) : null;
    }

    /** CSR offsets of outbound references: those of object i are targets[offsets[i] .. offsets[i+1]). */
    public IntArray outboundOffsets() {
        return outboundOffsets;
    }

    public IntArray outboundTargets() {
        return outboundTargets;
    }

    public long referenceCount() {
        return outboundOffsets.get(outboundOffsets.length() - 1);
    }

    /** Distinct GC root objects, ascending, as MAT counts them. */
    public int[] gcRoots() {
        return roots.rootObjects();
    }

    /** Every root record, including stack locals that became references from their thread. */
    public List<GcRoot> rootRecords() {
        return roots.records();
    }

    /** The thread object with this serial number, or -1. */
    public int threadObject(int threadSerial) {
        return roots.threadObjectBySerial().getOrDefault(threadSerial, -1);
    }

    public Map<Integer, Integer> threadObjectsBySerial() {
        return roots.threadObjectBySerial();
    }

    public List<StackFrameInfo> stackTrace(int threadSerial) {
        return stackTraces.getOrDefault(threadSerial, List.of());
    }

    /** References to addresses with no object in the dump (many in a truncated dump). */
    public long danglingReferences() {
        return danglingReferences;
    }

    long recordOffset(int object) {
        return recordOffsets.get(object);
    }

    /** Bytes held by the per-object index arrays (addresses, offsets, classes, sizes, references). */
    public long indexBytes() {
        return addresses.bytes() + recordOffsets.bytes() + classSlotOf.bytes() + shallow.bytes()
                + outboundOffsets.bytes() + outboundTargets.bytes();
    }

    /** Reads the fields of an instance from the dump. */
    public InstanceView instance(int object) throws IOException {
        return reader().instance(object);
    }

    /** The text of a java.lang.String object, or null when the object is not a readable string. */
    public String stringValue(int object) throws IOException {
        return reader().string(object);
    }

    /**
     * The text of a java.lang.String or of a char[] (JDK 8 and older keep a Thread's name as a char[]), or null for
     * any other object.
     */
    public String textValue(int object) throws IOException {
        String text = reader().string(object);
        return text != null ? text : reader().chars(object);
    }

    /** The elements of an object array as object indexes (-1 for null or missing). */
    public int[] objectArrayElements(int object) throws IOException {
        return reader().objectArray(object);
    }

    private synchronized ObjectReader reader() throws IOException {
        if (reader == null) {
            reader = new ObjectReader(this, dump.randomAccess());
        }
        return reader;
    }

    @Override
    public void close() throws IOException {
        try {
            dump.close();
        } finally {
            storage.close();
        }
    }
}
