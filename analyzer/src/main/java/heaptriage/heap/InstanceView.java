package heaptriage.heap;

import heaptriage.hprof.BasicType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The field values of one instance, read from the dump on demand. Fields are found by name from the object's own
 * class upwards, so a subclass field hides a super class field of the same name.
 */
public final class InstanceView {
    /** A reference's value when its target is not in the dump (lost in a cut, or never written): not null, unknown. */
    public static final int MISSING = -2;

    /**
     * One field with its value: for references an object index, -1 for null, or {@link #MISSING} for an object the
     * dump does not hold; raw bits for primitives.
     */
    public record FieldValue(String declaringClass, String name, BasicType type, long value) {
        /** True for a reference whose target is not in the dump: its value is unknown, not null. */
        public boolean isMissing() {
            return type == BasicType.OBJECT && value == MISSING;
        }
    }

    private final HeapSnapshot snapshot;
    private final int object;
    private final List<FieldValue> values;

    InstanceView(HeapSnapshot snapshot, int object, List<FieldValue> values) {
        this.snapshot = snapshot;
        this.object = object;
        this.values = values;
    }

    public int object() {
        return object;
    }

    public HeapClass heapClass() {
        return snapshot.classOf(object);
    }

    /** All fields, own class first. */
    public List<FieldValue> fields() {
        return values;
    }

    public boolean has(String name) {
        return find(name) != null;
    }

    private FieldValue find(String name) {
        for (FieldValue v : values) {
            if (v.name().equals(name)) {
                return v;
            }
        }
        return null;
    }

    private FieldValue require(String name, BasicType... types) {
        FieldValue v = find(name);
        if (v == null) {
            throw new IllegalArgumentException(heapClass().name() + " has no field '" + name + "'");
        }
        for (BasicType t : types) {
            if (v.type() == t) {
                return v;
            }
        }
        throw new IllegalArgumentException(heapClass().name() + "." + name + " is a " + v.type().javaName);
    }

    /** The object a reference field points at: -1 for null, {@link #MISSING} for an object missing from the dump. */
    public int ref(String name) {
        return (int) require(name, BasicType.OBJECT).value();
    }

    public boolean booleanValue(String name) {
        return require(name, BasicType.BOOLEAN).value() != 0;
    }

    /** An int, short, char or byte field, widened. */
    public int intValue(String name) {
        FieldValue v = require(name, BasicType.INT, BasicType.SHORT, BasicType.CHAR, BasicType.BYTE);
        return switch (v.type()) {
            case SHORT -> (short) v.value();
            case BYTE -> (byte) v.value();
            default -> (int) v.value();
        };
    }

    public long longValue(String name) {
        FieldValue v = require(name, BasicType.LONG, BasicType.INT, BasicType.SHORT, BasicType.CHAR, BasicType.BYTE);
        return v.type() == BasicType.LONG ? v.value() : intValue(name);
    }

    /** The text of a String field, or null when the field is null or not a string. */
    public String string(String name) throws IOException {
        int target = ref(name);
        return target < 0 ? null : snapshot.stringValue(target);
    }

    static List<FieldValue> decode(HeapSnapshot snapshot, HeapClass c, byte[] payload, int idSize) {
        List<FieldValue> out = new ArrayList<>();
        int offset = 0;
        for (HeapClass k : snapshot.hierarchy(c)) {
            for (HeapClass.Field f : k.fields()) {
                int size = f.type().size(idSize);
                if (offset + size > payload.length) {
                    return out;
                }
                long raw = readBigEndian(payload, offset, size);
                long value = raw;
                if (f.type() == BasicType.OBJECT) {
                    value = raw == 0 ? -1 : missingIfAbsent(snapshot.indexOf(raw));
                }
                out.add(new FieldValue(k.name(), f.name(), f.type(), value));
                offset += size;
            }
        }
        return out;
    }

    private static int missingIfAbsent(int index) {
        return index < 0 ? MISSING : index;
    }

    static long readBigEndian(byte[] b, int offset, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v = (v << 8) | (b[offset + i] & 0xFF);
        }
        return v;
    }
}
