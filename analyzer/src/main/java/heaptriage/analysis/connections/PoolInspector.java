package heaptriage.analysis.connections;

import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds connection pool objects by the catalogue's pool entries and reads name, max size, active, idle and total.
 * Not safe for use by several threads at once.
 */
public final class PoolInspector {
    private final HeapSnapshot snapshot;
    private final List<PoolKind> kinds;
    private final int[] kindOfSlot;
    private final HeapValues values;
    private final boolean showSecrets;

    public PoolInspector(HeapSnapshot snapshot, ConnectionCatalog catalog, boolean showSecrets) {
        this.snapshot = snapshot;
        this.kinds = catalog.pools();
        List<ClassMatcher.Rule> rules = new ArrayList<>();
        for (PoolKind k : kinds) {
            rules.add(new ClassMatcher.Rule(k.classNames(), k.superclasses()));
        }
        this.kindOfSlot = ClassMatcher.entryPerClass(snapshot, rules);
        this.values = new HeapValues(snapshot);
        this.showSecrets = showSecrets;
    }

    /** An inspector over the built-in catalogue that keeps secrets masked. */
    public static PoolInspector of(HeapSnapshot snapshot) {
        return new PoolInspector(snapshot, ConnectionCatalog.builtIn(), false);
    }

    /** The pool kind of an object, or null. */
    public PoolKind kindOf(int object) {
        int k = kindOfSlot[snapshot.classSlotOf(object)];
        return k < 0 ? null : kinds.get(k);
    }

    /** Every pool object in the snapshot, in object order. */
    public List<PoolInfo> findPools() throws IOException {
        return findPools(null);
    }

    /** Pool objects set in {@code live} (all when null). */
    public List<PoolInfo> findPools(BitSet live) throws IOException {
        List<PoolInfo> out = new ArrayList<>();
        IntArray slots = snapshot.classSlots();
        for (int i = 0; i < snapshot.objectCount(); i++) {
            if (kindOfSlot[slots.get(i)] >= 0 && (live == null || live.get(i))) {
                out.add(inspect(i));
            }
        }
        return out;
    }

    /** Reads one pool object; IllegalArgumentException when it is not a catalogued pool. */
    public PoolInfo inspect(int object) throws IOException {
        PoolKind kind = kindOf(object);
        if (kind == null) {
            throw new IllegalArgumentException("object " + object + " (" + snapshot.classOf(object).name()
                    + ") is not a catalogued pool");
        }
        String name = kind.name() == null ? null
                : ConnectionInspector.fact(object, "name", kind.name(), values, showSecrets);
        Integer max = number(object, kind.maxSize());
        Integer active = number(object, kind.active());
        Integer idle = number(object, kind.idle());
        Integer total = number(object, kind.total());
        if (active == null && idle != null && total != null) {
            active = total - idle;
        } else if (idle == null && active != null && total != null) {
            idle = total - active;
        } else if (total == null && active != null && idle != null) {
            total = active + idle;
        }
        Map<String, String> facts = new LinkedHashMap<>();
        for (Map.Entry<String, FactSpec> e : kind.facts().entrySet()) {
            String v = ConnectionInspector.fact(object, e.getKey(), e.getValue(), values, showSecrets);
            if (v != null) {
                facts.put(e.getKey(), v);
            }
        }
        return new PoolInfo(object, snapshot.classOf(object).name(), kind, name, max, active, idle, total, facts);
    }

    private Integer number(int object, CountSpec spec) throws IOException {
        if (spec == null) {
            return null;
        }
        if (spec instanceof CountSpec.Read read) {
            HeapValue v = values.first(object, read.paths()).value();
            return v.isIntegral() ? (int) v.asLong() : null;
        }
        if (spec instanceof CountSpec.Difference d) {
            Integer a = number(object, d.minuend());
            Integer b = number(object, d.subtrahend());
            return a == null || b == null ? null : a - b;
        }
        CountSpec.Count count = (CountSpec.Count) spec;
        for (FieldPath p : count.paths()) {
            List<HeapValue> found = values.resolve(object, p, false);
            if (found.stream().allMatch(HeapValue::isAbsent)) {
                continue;
            }
            int n = 0;
            for (HeapValue collection : found) {
                if (!collection.isObject()) {
                    continue;
                }
                if (!values.isReadableCollection(collection.object())) {
                    return null;  // a collection class we cannot walk: unknown rather than a wrong 0
                }
                for (int element : values.elements(collection.object())) {
                    if (count.where() == null || whereHolds(element, count)) {
                        n++;
                    }
                }
            }
            return n;
        }
        return null;
    }

    private boolean whereHolds(int element, CountSpec.Count count) throws IOException {
        List<HeapValue> v = values.resolve(element, count.whereField(), true);
        return !v.isEmpty() && Conditions.evaluate(count.where(), v.get(0), values) == Conditions.Truth.TRUE;
    }
}
