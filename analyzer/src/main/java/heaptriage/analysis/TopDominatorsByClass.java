package heaptriage.analysis;

import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapSnapshot;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Dominator retention by class: the top-level dominators (children of the virtual root) grouped by class, with
 * their count and retained bytes. MAT's dominator tree grouped by class; the headline table of "what filled the heap".
 */
public final class TopDominatorsByClass {
    /** One class's top-level dominators. */
    public record Row(String className, long objects, long shallowBytes, long retainedBytes, double percentOfHeap) {
    }

    private TopDominatorsByClass() {
    }

    /** Rows by retained bytes, largest first. */
    public static List<Row> of(RetainedHeap retention) {
        HeapSnapshot s = retention.snapshot();
        Map<String, long[]> byName = new LinkedHashMap<>();
        for (int v : retention.topLevel()) {
            long[] sums = byName.computeIfAbsent(s.classOf(v).name(), k -> new long[3]);
            sums[0]++;
            sums[1] += s.shallowSize(v);
            sums[2] += retention.retained(v);
        }
        double used = Math.max(1, retention.usedHeap());
        List<Row> rows = new ArrayList<>(byName.size());
        byName.forEach((name, sums) -> rows.add(new Row(name, sums[0], sums[1], sums[2], 100.0 * sums[2] / used)));
        rows.sort(Comparator.comparingLong(Row::retainedBytes).reversed().thenComparing(Row::className));
        return List.copyOf(rows);
    }
}
