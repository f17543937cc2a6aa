package heaptriage.analysis;

import heaptriage.graph.Retention;
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
public final class Holders {
    /** What kind of thing holds the memory. */
    public enum Kind { STATIC_FIELD, THREAD, GC_ROOT }

    /** One holder: e.g. {@code com.acme.Foo.cache (static)}, with the class of what it holds. */
    public record Holder(Kind kind, String name, String heldClassName, long heldAddress, long retainedBytes,
                         double percentOfHeap) {
    }

    private Holders() {
    }

    public static List<Holder> find(Retention r, int top) throws IOException {
        HeapSnapshot s = r.snapshot();
        List<Holder> holders = new ArrayList<>();
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
                    holders.add(holder(r, Kind.STATIC_FIELD, c.name() + "." + c.statics().get(i).name() + " (static)", target));
                }
            }
        }
        Set<Integer> threads = new HashSet<>(s.threadObjectsBySerial().values());
        for (int t : threads) {
            if (r.inTree(t)) {
                holders.add(holder(r, Kind.THREAD, "thread " + Threads.nameOf(s, t), t));
            }
        }
        Set<Integer> seen = new HashSet<>(threads);
        for (GcRoot root : s.rootRecords()) {
            int o = root.object();
            boolean interesting = root.kind() != RootKind.STICKY_CLASS && root.kind() != RootKind.THREAD_OBJECT;
            if (interesting && seen.add(o) && r.inTree(o) && r.tree().idom(o) < 0 && s.describedClass(o) == null) {
                holders.add(holder(r, Kind.GC_ROOT, root.kind().displayName + " " + s.classOf(o).name(), o));
            }
        }
        holders.sort(Comparator.comparingLong(Holder::retainedBytes).reversed().thenComparing(Holder::name));
        return List.copyOf(holders.subList(0, Math.min(top, holders.size())));
    }

    private static Holder holder(Retention r, Kind kind, String name, int held) {
        HeapSnapshot s = r.snapshot();
        double pct = r.usedHeap() == 0 ? 0 : 100.0 * r.retained(held) / r.usedHeap();
        return new Holder(kind, name, GcRootPaths.displayName(s, held), s.address(held), r.retained(held), pct);
    }
}
