package heaptriage.analysis;

import heaptriage.graph.RetainedHeap;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.hprof.BasicType;
import heaptriage.hprof.RootKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The biggest holders of memory in terms an on-call engineer recognises: static fields (what the field's target
 * keeps alive when the class object dominates it), thread stacks, and other GC roots. MAT's top-level view puts
 * most application memory under the application class loader, which says little; this names the field.
 */
public final class LargestHolders {
    /** What kind of thing holds the memory. */
    public enum Kind { STATIC_FIELD, THREAD, GC_ROOT }

    /**
     * One holder, as data: a static field ({@code className}, {@code field}), a thread ({@code threadName}) or another
     * GC root ({@code rootKind} and the root object's {@code className}); the fields that do not apply are null. The
     * report layer names it.
     */
    public record Row(Kind kind, String className, String field, String threadName, RootKind rootKind,
                         String heldClassName, long heldAddress, long retainedBytes, double percentOfHeap) {
    }

    private LargestHolders() {
    }

    /** Every holder that dominates what it holds, largest first (ties in no particular order). */
    public static List<Row> find(RetainedHeap r) throws IOException {
        HeapSnapshot s = r.snapshot();
        List<Row> holders = new ArrayList<>();
        for (HeapClass c : s.classes()) {
            int k = c.objectIndex();
            if (k < 0 || !r.inTree(k)) {
                continue;
            }
            for (int i = 0; i < c.statics().size(); i++) {
                if (c.statics().get(i).type() != BasicType.OBJECT) {
                    continue;
                }
                int target = s.indexOf(c.staticValue(i));
                if (target >= 0 && r.tree().idom(target) == k) {
                    holders.add(row(r, Kind.STATIC_FIELD, c.name(), c.statics().get(i).name(), null, null, target));
                }
            }
        }
        Set<Integer> threads = new HashSet<>(s.threadObjectsBySerial().values());
        for (int t : threads) {
            if (r.inTree(t)) {
                holders.add(row(r, Kind.THREAD, null, null, Threads.nameOf(s, t), null, t));
            }
        }
        Set<Integer> seen = new HashSet<>(threads);
        for (GcRoot root : s.rootRecords()) {
            int o = root.object();
            boolean interesting = root.kind() != RootKind.STICKY_CLASS && root.kind() != RootKind.THREAD_OBJECT;
            if (interesting && seen.add(o) && r.inTree(o) && r.tree().idom(o) < 0 && s.describedClass(o) == null) {
                holders.add(row(r, Kind.GC_ROOT, s.classOf(o).name(), null, null, root.kind(), o));
            }
        }
        holders.sort(Comparator.comparingLong(Row::retainedBytes).reversed());
        return List.copyOf(holders);
    }

    private static Row row(RetainedHeap r, Kind kind, String className, String field, String threadName,
                                 RootKind rootKind, int held) {
        HeapSnapshot s = r.snapshot();
        double pct = r.usedHeap() == 0 ? 0 : 100.0 * r.retained(held) / r.usedHeap();
        return new Row(kind, className, field, threadName, rootKind, GcRootPaths.displayName(s, held), s.address(held),
                r.retained(held), pct);
    }
}
