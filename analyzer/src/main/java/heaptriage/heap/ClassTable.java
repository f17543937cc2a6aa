package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.CorruptHprofException;
import heaptriage.memory.IntArray;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** All classes of a dump, numbered densely, with their layouts and MAT-model sizes. */
final class ClassTable {
    private final List<HeapClass> classes = new ArrayList<>();
    private HeapClass[] array;
    private List<List<HeapClass>> hierarchies;
    private final LongIntMap slotByAddress = new LongIntMap(4096);
    private int[] slotByKey;
    private int javaLangClassSlot = -1;
    private int classLoaderSlot = -1;
    private final LongIntMap describedSlotByObject = new LongIntMap(4096);

    static ClassTable build(RecordScan scan, int idSize) throws CorruptHprofException {
        ClassTable t = new ClassTable();
        for (ClassDump d : scan.classDumps) {
            t.addFromDump(scan, d);
        }
        t.javaLangClassSlot = t.slotNamed("java.lang.Class");
        t.classLoaderSlot = t.slotNamed("java.lang.ClassLoader");
        t.resolveKeys(scan);
        t.array = t.classes.toArray(new HeapClass[0]);
        t.linkAndLayout(idSize);
        return t;
    }

    /**
     * The table of a kept index: the classes as {@link #build} made them (dump order, then the implied ones), with
     * whether the dump defines each and where each class object is; the layouts and sizes are derived again.
     */
    static ClassTable restore(List<HeapClass> classes, boolean[] defined, int[] objectIndexes, int javaLangClassSlot,
                              int classLoaderSlot, int idSize, SizeModel sizes) throws CorruptHprofException {
        ClassTable t = new ClassTable();
        for (HeapClass c : classes) {
            t.classes.add(c);
            if (defined[c.slot()]) {
                t.slotByAddress.put(c.address(), c.slot());
            }
            c.objectIndex = objectIndexes[c.slot()];
            if (c.objectIndex >= 0) {
                t.describedSlotByObject.put(c.objectIndex, c.slot());
            }
        }
        t.javaLangClassSlot = javaLangClassSlot;
        t.classLoaderSlot = classLoaderSlot;
        t.array = t.classes.toArray(new HeapClass[0]);
        t.linkAndLayout(idSize);
        t.applySizes(sizes);
        return t;
    }

    /** Whether the dump defines the class (a CLASS DUMP record), rather than only implying it. */
    boolean defines(HeapClass c) {
        return slotByAddress.get(c.address()) == c.slot();
    }

    int classLoaderSlot() {
        return classLoaderSlot;
    }

    private void addFromDump(RecordScan scan, ClassDump d) {
        Long nameId = scan.classNameIds.get(d.classId());
        String internal = nameId == null ? null : scan.strings.get(nameId);
        String name = internal == null ? "unknown-name@0x" + Long.toHexString(d.classId()) : ClassNames.toJava(internal);
        List<HeapClass.Field> fields = new ArrayList<>(d.fieldTypes().length);
        for (int i = 0; i < d.fieldTypes().length; i++) {
            fields.add(new HeapClass.Field(nameOf(scan, d.fieldNameIds()[i], i), d.fieldTypes()[i]));
        }
        List<HeapClass.Field> statics = new ArrayList<>(d.staticTypes().length);
        for (int i = 0; i < d.staticTypes().length; i++) {
            statics.add(new HeapClass.Field(nameOf(scan, d.staticNameIds()[i], i), d.staticTypes()[i]));
        }
        int slot = classes.size();
        classes.add(new HeapClass(slot, d.classId(), name, d.superClassId(), d.classLoaderId(), d.instanceSize(),
                List.copyOf(fields), List.copyOf(statics), d.staticValues()));
        slotByAddress.put(d.classId(), slot);
    }

    private static String nameOf(RecordScan scan, long id, int i) {
        String s = scan.strings.get(id);
        return s == null ? "unknown-field-" + i : s;
    }

    private int slotNamed(String name) {
        for (HeapClass c : classes) {
            if (c.name().equals(name)) {
                return c.slot();
            }
        }
        return -1;
    }

    /** Gives every class key met in pass 1 its slot; a key without a class dump is a damaged dump. */
    private void resolveKeys(RecordScan scan) throws CorruptHprofException {
        int keys = scan.classIds.size();
        slotByKey = new int[keys];
        for (int k = 0; k < keys; k++) {
            long id = scan.classIds.get(k);
            int slot = slotByAddress.get(id);
            if (slot < 0) {
                throw new CorruptHprofException("objects refer to class 0x" + Long.toHexString(id)
                        + ", which the dump never defines (no CLASS DUMP record); the dump is damaged", -1);
            }
            slotByKey[k] = slot;
        }
        if (javaLangClassSlot < 0) {
            javaLangClassSlot = synthetic("java.lang.Class");
        }
        if (classLoaderSlot < 0) {
            classLoaderSlot = synthetic("java.lang.ClassLoader");
        }
    }

    /** A class the dump implies but does not define, as MAT makes for missing basics. */
    private int synthetic(String name) {
        int slot = classes.size();
        classes.add(new HeapClass(slot, 0, name, 0, 0, 0, List.of(), List.of(), new long[0]));
        return slot;
    }

    private int slotOfPrimitiveArray(BasicType type) {
        int slot = slotNamed(type.javaName + "[]");
        if (slot < 0) {
            slot = synthetic(type.javaName + "[]");
            array = classes.toArray(new HeapClass[0]);
        }
        return slot;
    }

    private void linkAndLayout(int idSize) throws CorruptHprofException {
        for (HeapClass c : array) {
            c.superSlot = c.superAddress() == 0 ? -1 : slotByAddress.get(c.superAddress());
        }
        checkNoSuperclassLoop();
        hierarchies = hierarchies();
        for (HeapClass c : array) {
            List<Integer> offsets = new ArrayList<>();
            int offset = 0;
            // an instance's field bytes run class by class, from its own class up to java.lang.Object
            for (HeapClass k : hierarchy(c)) {
                for (HeapClass.Field f : k.fields()) {
                    if (f.type() == BasicType.OBJECT) {
                        offsets.add(offset);
                    }
                    offset += f.type().size(idSize);
                }
            }
            c.refFieldOffsets = offsets.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /**
     * A superclass chain that comes back to a class it passed (a damaged super class id) would send every walk up
     * the hierarchy round forever: it is damage. Each class is walked once, with its chain marked as it goes.
     */
    private void checkNoSuperclassLoop() throws CorruptHprofException {
        int[] walkedBy = new int[array.length];
        Arrays.fill(walkedBy, -1);
        for (HeapClass c : array) {
            for (int k = c.slot(); k >= 0; k = array[k].superSlot) {
                if (walkedBy[k] == c.slot()) {
                    throw new CorruptHprofException("the superclass chain of class " + c.name() + " (0x"
                            + Long.toHexString(c.address()) + ") loops back through " + array[k].name()
                            + "; a super class id in a CLASS DUMP sub-record is damaged", -1);
                }
                if (walkedBy[k] >= 0) {
                    break; // joins a chain already walked, which ends
                }
                walkedBy[k] = c.slot();
            }
        }
    }

    /** Sets instance and class-object sizes by MAT's model, once alignment and reference size are known. */
    void applySizes(SizeModel sizes) {
        int[] sizeRec = new int[array.length];
        Arrays.fill(sizeRec, -1);
        for (HeapClass c : array) {
            c.instanceSize = c.isArray() ? sizes.refSize() : (int) SizeModel.alignUp(unalignedSize(c, sizes, sizeRec), sizes.objectAlign());
            int statics = 0;
            for (HeapClass.Field f : c.statics()) {
                statics += sizes.fieldSize(f.type());
            }
            c.classObjectSize = (int) SizeModel.alignUp(statics, sizes.objectAlign());
        }
    }

    /** MAT's recursive size: header for a root class, else own fields plus the super's size, aligned to references. */
    private int unalignedSize(HeapClass c, SizeModel sizes, int[] memo) {
        List<HeapClass> chain = new ArrayList<>();
        HeapClass k = c;
        while (k != null && memo[k.slot()] < 0) {
            chain.add(k);
            k = k.superAddress() != 0 && k.superSlot >= 0 ? array[k.superSlot] : null;
        }
        int size = k == null ? -1 : memo[k.slot()];
        for (int i = chain.size() - 1; i >= 0; i--) {
            HeapClass x = chain.get(i);
            if (size < 0) {
                size = sizes.pointerSize() + sizes.refSize();
            } else {
                int own = 0;
                for (HeapClass.Field f : x.fields()) {
                    own += sizes.fieldSize(f.type());
                }
                size = (int) SizeModel.alignUp(own + size, sizes.refSize());
            }
            memo[x.slot()] = size;
        }
        return memo[c.slot()];
    }

    /** Turns pass-1 class keys into class slots, in place, and notes which objects are class objects. */
    IntArray slotsOf(IntArray keys, IntArray lengths) {
        IntArray slots = keys;
        int[] primitiveSlot = new int[12];
        Arrays.fill(primitiveSlot, -1);
        for (int i = 0; i < keys.length(); i++) {
            int key = keys.get(i);
            if (key >= 0) {
                slots.set(i, slotByKey[key]);
            } else if (key == RecordScan.CLASS_OBJECT) {
                slots.set(i, javaLangClassSlot);
                HeapClass described = array[slotByKey[lengths.get(i)]];
                described.objectIndex = i;
                describedSlotByObject.put(i, described.slot());
            } else if (key == -1) {
                slots.set(i, classLoaderSlot); // the boot loader's pseudo object
            } else {
                BasicType type = RecordScan.primitiveOfKey(key);
                if (primitiveSlot[type.code] < 0) {
                    primitiveSlot[type.code] = slotOfPrimitiveArray(type);
                }
                slots.set(i, primitiveSlot[type.code]);
            }
        }
        return slots;
    }

    /** The class that a class object describes, or -1 when the object is not a class object. */
    int describedSlot(int objectIndex) {
        return describedSlotByObject.get(objectIndex);
    }

    int javaLangClassSlot() {
        return javaLangClassSlot;
    }

    int javaLangClassObject() {
        return array[javaLangClassSlot].objectIndex;
    }

    int slotOfAddress(long address) {
        return slotByAddress.get(address);
    }

    HeapClass[] classes() {
        return array;
    }

    /** The class and its superclasses, from the class itself up to java.lang.Object (or the first one missing). */
    List<HeapClass> hierarchy(HeapClass c) {
        return hierarchies.get(c.slot());
    }

    /** Each class's hierarchy, built on its superclass's: every chain is walked once (none loops, as checked). */
    private List<List<HeapClass>> hierarchies() {
        List<List<HeapClass>> all = new ArrayList<>(java.util.Collections.nCopies(array.length, null));
        List<HeapClass> pending = new ArrayList<>();
        for (HeapClass c : array) {
            for (HeapClass k = c; k != null && all.get(k.slot()) == null; k = k.superSlot >= 0 ? array[k.superSlot] : null) {
                pending.add(k);
            }
            for (int i = pending.size() - 1; i >= 0; i--) {
                HeapClass k = pending.get(i);
                List<HeapClass> chain = new ArrayList<>();
                chain.add(k);
                if (k.superSlot >= 0) {
                    chain.addAll(all.get(k.superSlot));
                }
                all.set(k.slot(), List.copyOf(chain));
            }
            pending.clear();
        }
        return all;
    }

    List<HeapClass> classList() {
        return List.of(array);
    }
}
