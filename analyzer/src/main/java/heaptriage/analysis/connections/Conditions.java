package heaptriage.analysis.connections;

import heaptriage.hprof.BasicType;

import java.io.IOException;

/** Evaluates catalogue {@link Condition}s on values read from the heap. */
final class Conditions {
    private Conditions() {
    }

    static boolean matches(Condition c, HeapValue v, HeapValues values) throws IOException {
        if (c instanceof Condition.AnyOf any) {
            for (Condition each : any.conditions()) {
                if (matches(each, v, values)) {
                    return true;
                }
            }
            return false;
        }
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
