package heaptriage.analysis;

import heaptriage.graph.EdgeFilter;
import heaptriage.graph.Retention;
import heaptriage.graph.ShortestPaths;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.InstanceView;
import heaptriage.hprof.BasicType;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortest paths from GC roots, as MAT's leak paths: one breadth-first search from all roots that does not follow
 * {@code java.lang.ref.Reference.referent} nor the finalizer queue, so a path shows what really keeps an object
 * alive; objects reachable only through those are looked up again in a search that follows them.
 */
public final class GcRootPaths {
    private final Retention retention;
    private final ShortestPaths strong;
    private ShortestPaths all;
    private final Map<Integer, String> rootKinds = new HashMap<>();

    private GcRootPaths(Retention retention, ShortestPaths strong) {
        this.retention = retention;
        this.strong = strong;
        for (GcRoot r : retention.snapshot().rootRecords()) {
            rootKinds.merge(r.object(), r.kind().displayName, (a, b) -> a.contains(b) ? a : a + ", " + b);
        }
    }

    public static GcRootPaths of(Retention retention) {
        EdgeFilter weak = weakEdges(retention.snapshot());
        return new GcRootPaths(retention, ShortestPaths.compute(retention.heapGraph().graph(), retention.heapGraph().roots(), weak));
    }

    /** Edges from a Reference to its referent, and from the Finalizer class to its queue of unfinalized objects. */
    private static EdgeFilter weakEdges(HeapSnapshot s) {
        Map<Integer, Integer> skip = new HashMap<>();
        try {
            for (HeapClass c : s.classes()) {
                if (isSubclassOf(s, c, "java.lang.ref.Reference")) {
                    markReferents(s, c, skip);
                }
                if (c.name().equals("java.lang.ref.Finalizer") && c.objectIndex() >= 0) {
                    for (int i = 0; i < c.statics().size(); i++) {
                        if (c.statics().get(i).name().equals("unfinalized") && c.statics().get(i).type() == BasicType.OBJECT) {
                            int target = s.indexOf(c.staticValue(i));
                            if (target >= 0) {
                                skip.put(c.objectIndex(), target);
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (skip.isEmpty()) {
            return EdgeFilter.NONE;
        }
        return (from, edgeIndex, to) -> {
            Integer t = skip.get(from);
            return t != null && t == to;
        };
    }

    private static void markReferents(HeapSnapshot s, HeapClass c, Map<Integer, Integer> skip) throws IOException {
        int[] slots = s.classSlots();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == c.slot()) {
                int referent = s.instance(i).ref("referent");
                if (referent >= 0) {
                    skip.put(i, referent);
                }
            }
        }
    }

    static boolean isSubclassOf(HeapSnapshot s, HeapClass c, String name) {
        for (HeapClass k = c; k != null; k = k.superSlot() >= 0 ? s.classes().get(k.superSlot()) : null) {
            if (k.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The search that skips weak references and the finalizer queue. */
    ShortestPaths strongTree() {
        return strong;
    }

    /** The path from a GC root to the object, root first; empty when nothing reaches it. */
    public List<PathStep> pathTo(int object) {
        int[] nodes = strong.isReached(object) ? strong.pathTo(object) : allEdges().isReached(object) ? all.pathTo(object) : new int[0];
        return describe(nodes);
    }

    private ShortestPaths allEdges() {
        if (all == null) {
            all = ShortestPaths.compute(retention.heapGraph().graph(), retention.heapGraph().roots());
        }
        return all;
    }

    private List<PathStep> describe(int[] nodes) {
        HeapSnapshot s = retention.snapshot();
        List<PathStep> steps = new ArrayList<>(nodes.length);
        for (int i = 0; i < nodes.length; i++) {
            int node = nodes[i];
            String via = i == 0 ? rootKinds.getOrDefault(node, "reachability unknown (dump truncated)") : referenceName(s, nodes[i - 1], node);
            steps.add(new PathStep(displayName(s, node), s.address(node), via, retention.retained(node)));
        }
        return List.copyOf(steps);
    }

    /** The class name, or for a class object {@code class com.acme.Foo}. */
    static String displayName(HeapSnapshot s, int object) {
        HeapClass described = s.describedClass(object);
        return described != null ? "class " + described.name() : s.classOf(object).name();
    }

    /** How {@code from} refers to {@code to}: field name, array index, static field, or a pseudo reference. */
    static String referenceName(HeapSnapshot s, int from, int to) {
        try {
            HeapClass described = s.describedClass(from);
            if (described != null) {
                for (int i = 0; i < described.statics().size(); i++) {
                    if (described.statics().get(i).type() == BasicType.OBJECT && s.indexOf(described.staticValue(i)) == to) {
                        return described.statics().get(i).name() + " (static)";
                    }
                }
                return to == s.classes().get(s.classSlotOf(to)).objectIndex() ? "<class>" : "<super or loader>";
            }
            HeapClass c = s.classOf(from);
            if (c.isObjectArray()) {
                int[] elements = s.objectArrayElements(from);
                for (int i = 0; i < elements.length; i++) {
                    if (elements[i] == to) {
                        return "[" + i + "]";
                    }
                }
            } else if (!c.isPrimitiveArray()) {
                for (InstanceView.FieldValue f : s.instance(from).fields()) {
                    if (f.type() == BasicType.OBJECT && f.value() == to) {
                        return f.name();
                    }
                }
                return to == c.objectIndex() ? "<class>" : "<Java Local>";
            }
            return "<class>";
        } catch (IOException e) {
            return "?";
        }
    }
}
