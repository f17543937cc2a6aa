package heaptriage.analysis.connections;

import heaptriage.heap.InstanceView;
import heaptriage.hprof.BasicType;

/**
 * One value read through a field path: absent (no such field), null, a primitive, an object index, or missing: a
 * reference to an object the dump does not hold (lost in a cut), whose value is unknown, never null.
 */
record HeapValue(Kind kind, BasicType type, long bits) {
    enum Kind { ABSENT, NULL, PRIMITIVE, OBJECT, MISSING }

    static final HeapValue ABSENT = new HeapValue(Kind.ABSENT, null, 0);
    static final HeapValue NULL = new HeapValue(Kind.NULL, BasicType.OBJECT, 0);
    static final HeapValue MISSING = new HeapValue(Kind.MISSING, BasicType.OBJECT, 0);

    /** An object index as InstanceView gives it: -1 is null, {@link InstanceView#MISSING} an object not in the dump. */
    static HeapValue object(int index) {
        if (index == InstanceView.MISSING) {
            return MISSING;
        }
        return index < 0 ? NULL : new HeapValue(Kind.OBJECT, BasicType.OBJECT, index);
    }

    static HeapValue primitive(BasicType type, long bits) {
        return new HeapValue(Kind.PRIMITIVE, type, bits);
    }

    boolean isAbsent() {
        return kind == Kind.ABSENT;
    }

    /** A reference to an object the dump does not hold: not null, but nothing can be read through it. */
    boolean isMissing() {
        return kind == Kind.MISSING;
    }

    boolean isNull() {
        return kind == Kind.NULL;
    }

    boolean isObject() {
        return kind == Kind.OBJECT;
    }

    boolean isPrimitive() {
        return kind == Kind.PRIMITIVE;
    }

    int object() {
        return (int) bits;
    }

    boolean isIntegral() {
        return isPrimitive() && switch (type) {
            case INT, LONG, SHORT, BYTE, CHAR -> true;
            default -> false;
        };
    }

    /** The integral value, sign-extended as Java would. */
    long asLong() {
        return switch (type) {
            case BYTE -> (byte) bits;
            case SHORT -> (short) bits;
            case CHAR -> (char) bits;
            case INT -> (int) bits;
            case BOOLEAN -> bits != 0 ? 1 : 0;
            default -> bits;
        };
    }
}
