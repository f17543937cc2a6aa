package heaptriage.analysis;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Instances and shallow bytes per class, over all objects of a snapshot or over a chosen subset. */
public final class ClassHistogram {
    /** One class's row. */
    public record Row(String className, long classAddress, long instances, long shallowBytes) {
    }

    private final List<Row> rows;
    private final long totalInstances;
    private final long totalShallowBytes;

    private ClassHistogram(List<Row> rows) {
        this.rows = rows;
        this.totalInstances = rows.stream().mapToLong(Row::instances).sum();
        this.totalShallowBytes = rows.stream().mapToLong(Row::shallowBytes).sum();
    }

    /** Every object of the snapshot. */
    public static ClassHistogram of(HeapSnapshot snapshot) {
        return of(snapshot, null);
    }

    /** The objects whose bit is set in {@code include} (all objects when it is null). */
    public static ClassHistogram of(HeapSnapshot snapshot, java.util.BitSet include) {
        int classes = snapshot.classes().size();
        long[] count = new long[classes];
        long[] bytes = new long[classes];
        IntArray slots = snapshot.classSlots();
        int n = snapshot.objectCount();
        for (int i = 0; i < n; i++) {
            if (include == null || include.get(i)) {
                int slot = slots.get(i);
                count[slot]++;
                bytes[slot] += snapshot.shallowSize(i);
            }
        }
        List<Row> rows = new ArrayList<>();
        for (HeapClass c : snapshot.classes()) {
            if (count[c.slot()] > 0) {
                rows.add(new Row(c.name(), c.address(), count[c.slot()], bytes[c.slot()]));
            }
        }
        rows.sort(Comparator.comparingLong(Row::shallowBytes).reversed().thenComparing(Row::className));
        return new ClassHistogram(List.copyOf(rows));
    }

    /** Rows by shallow bytes, largest first. */
    public List<Row> rows() {
        return rows;
    }

    public long totalInstances() {
        return totalInstances;
    }

    public long totalShallowBytes() {
        return totalShallowBytes;
    }

    /** Instances of all classes with this exact name (several loaders may define one name). */
    public long instancesOf(String className) {
        return rows.stream().filter(r -> r.className().equals(className)).mapToLong(Row::instances).sum();
    }
}
