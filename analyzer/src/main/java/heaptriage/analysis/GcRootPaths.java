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

    /** Who holds the object: see {@link Holding}. Null when nothing reaches it. */
    public Holding holderOf(int object) {
        List<PathStep> path = pathTo(object);
        if (path.isEmpty()) {
            return null;
        }
        boolean unknown = !retention.heapGraph().reachabilityUnknown().isEmpty()
                && retention.heapGraph().reachabilityUnknown().get(retention.snapshot().indexOf(path.get(0).address()));
        String rootKind = path.get(0).via();
        for (int i = path.size() - 2; i >= 0; i--) {
            PathStep step = path.get(i);
            PathStep next = path.get(i + 1);
            if ("<Java Local>".equals(next.via())) {
                return new Holding(step.className(), threadName(step), false, containerOf(path, i + 1, object), true,
                        rootKind, unknown, path);
            }
            if (!isCollectionInternal(step.className()) || i == 0) {
                boolean isStatic = next.via().endsWith(" (static)");
                String holderClass = step.className().startsWith("class ") ? step.className().substring(6) : step.className();
                String field = isStatic ? next.via().substring(0, next.via().length() - " (static)".length()) : next.via();
                return new Holding(holderClass, field, isStatic, containerOf(path, i + 1, object), false, rootKind, unknown, path);
            }
        }
        PathStep only = path.get(0);
        boolean local = only.via().contains("Local");
        return new Holding(only.className(), local ? "unknown thread" : null, false, null, local, rootKind, unknown, path);
    }

    private String threadName(PathStep threadStep) {
        return Threads.nameOf(retention.snapshot(), retention.snapshot().indexOf(threadStep.address()));
    }

    /** The collection right below the holder, when the path goes through one. */
    private static String containerOf(List<PathStep> path, int first, int object) {
        PathStep s = path.get(first);
        return first < path.size() - 1 && isCollectionInternal(s.className()) ? s.className() : null;
    }

    /** Classes that are the inside of a data structure rather than an owner a developer would name. */
    static boolean isCollectionInternal(String className) {
        return className.endsWith("[]")
                || className.startsWith("java.util.")
                || className.startsWith("java.lang.ref.")
                || className.startsWith("com.google.common.collect.")
                || className.startsWith("it.unimi.dsi.fastutil.")
                || className.startsWith("org.eclipse.collections.");
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
