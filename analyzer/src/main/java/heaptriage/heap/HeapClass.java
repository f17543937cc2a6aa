package heaptriage.heap;

import heaptriage.hprof.BasicType;

import java.util.List;

/**
 * A class in the dump: its name, place in the hierarchy, loader, declared fields and static values, and the
 * derived facts the index needs (instance size in MAT's model, where an instance's reference fields lie).
 */
public final class HeapClass {
    /** One declared instance or static field. */
    public record Field(String name, BasicType type) {
    }

    private final int slot;
    private final long address;
    private final String name;
    private final long superAddress;
    private final long loaderAddress;
    private final int hprofInstanceSize;
    private final List<Field> fields;
    private final List<Field> statics;
    private final long[] staticValues;
    private final BasicType primitiveElement; // for byte[] and friends
    private final boolean objectArray;
    int superSlot = -1;
    int objectIndex = -1;
    int instanceSize;      // MAT's model, aligned
    int classObjectSize;   // MAT's model: static fields, aligned
    int[] refFieldOffsets; // offsets of reference fields in an instance's field bytes, whole hierarchy

    HeapClass(int slot, long address, String name, long superAddress, long loaderAddress, int hprofInstanceSize,
              List<Field> fields, List<Field> statics, long[] staticValues) {
        this.slot = slot;
        this.address = address;
        this.name = name;
        this.superAddress = superAddress;
        this.loaderAddress = loaderAddress;
        this.hprofInstanceSize = hprofInstanceSize;
        this.fields = fields;
        this.statics = statics;
        this.staticValues = staticValues;
        this.objectArray = name.endsWith("[]") && primitiveOf(name) == null;
        this.primitiveElement = primitiveOf(name);
    }

    private static BasicType primitiveOf(String name) {
        for (BasicType t : BasicType.values()) {
            if (t != BasicType.OBJECT && name.equals(t.javaName + "[]")) {
                return t;
            }
        }
        return null;
    }

    /** Dense number of this class in the snapshot's class table. */
    public int slot() {
        return slot;
    }

    public long address() {
        return address;
    }

    public String name() {
        return name;
    }

    /** Class table slot of the super class, or -1 for java.lang.Object and interfaces' roots. */
    public int superSlot() {
        return superSlot;
    }

    public long superAddress() {
        return superAddress;
    }

    public long loaderAddress() {
        return loaderAddress;
    }

    /** Object index of the class object itself, or -1 for a class the dump only implies. */
    public int objectIndex() {
        return objectIndex;
    }

    /** Shallow size of one instance in MAT's model. */
    public int instanceSize() {
        return instanceSize;
    }

    /** The instance size the JVM wrote into the class dump (HotSpot: bytes of field data, without header). */
    public int hprofInstanceSize() {
        return hprofInstanceSize;
    }

    /** Shallow size of the class object in MAT's model. */
    public int classObjectSize() {
        return classObjectSize;
    }

    /** This class's own instance fields, in dump order. */
    public List<Field> fields() {
        return fields;
    }

    public List<Field> statics() {
        return statics;
    }

    /** A static field's value: an object address for references, raw bits for primitives. */
    public long staticValue(int i) {
        return staticValues[i];
    }

    /** How many static fields hold references (each may point at an object). */
    public int staticReferenceCount() {
        int n = 0;
        for (Field f : statics) {
            if (f.type() == BasicType.OBJECT) {
                n++;
            }
        }
        return n;
    }

    public boolean isArray() {
        return objectArray || primitiveElement != null;
    }

    public boolean isObjectArray() {
        return objectArray;
    }

    public boolean isPrimitiveArray() {
        return primitiveElement != null;
    }

    /** The element type of a primitive array class, else null. */
    public BasicType primitiveElement() {
        return primitiveElement;
    }

    @Override
    public String toString() {
        return name;
    }
}
