package heaptriage.analysis.connections;

import heaptriage.hprof.BasicType;

import java.io.IOException;

/**
 * Evaluates catalogue {@link Condition}s on values read from the heap. A value read through a reference whose object
 * is missing from the dump (lost in a cut) makes a condition {@link Truth#UNKNOWN}: it is never taken as null.
 */
final class Conditions {
    /** Whether a condition holds; UNKNOWN when the value it tests is missing from the dump. */
    enum Truth { TRUE, FALSE, UNKNOWN }

    private Conditions() {
    }

    static Truth evaluate(Condition c, HeapValue v, HeapValues values) throws IOException {
        if (c instanceof Condition.AnyOf any) {
            Truth result = Truth.FALSE;
            for (Condition each : any.conditions()) {
                Truth t = evaluate(each, v, values);
                if (t == Truth.TRUE) {
                    return Truth.TRUE;
                }
                if (t == Truth.UNKNOWN) {
                    result = Truth.UNKNOWN;
                }
            }
            return result;
        }
        if (v.isMissing()) {
            return Truth.UNKNOWN;
        }
        return matches(c, v, values) ? Truth.TRUE : Truth.FALSE;
    }

    private static boolean matches(Condition c, HeapValue v, HeapValues values) throws IOException {
        if (c instanceof Condition.IsNull) {
            return v.isNull();
        }
        if (c instanceof Condition.NotNull) {
            return v.isObject();
        }
        if (c instanceof Condition.BooleanIs b) {
            return v.isPrimitive() && v.type() == BasicType.BOOLEAN && (v.bits() != 0) == b.value();
        }
        if (c instanceof Condition.NumberIs n) {
            return v.isIntegral() && v.asLong() == n.value();
        }
        if (c instanceof Condition.BitsSet b) {
            return v.isIntegral() && (v.asLong() & b.mask()) == b.mask();
        }
        if (c instanceof Condition.BitsClear b) {
            return v.isIntegral() && (v.asLong() & b.mask()) == 0;
        }
        if (c instanceof Condition.ClassIs k) {
            return v.isObject() && k.matches(values.className(v.object()));
        }
        if (c instanceof Condition.TextIs t) {
            return v.isObject() && t.value().equals(values.text(v, true));
        }
        throw new IllegalStateException("unhandled condition " + c);
    }
}
