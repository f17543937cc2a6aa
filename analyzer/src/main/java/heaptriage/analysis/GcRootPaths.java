package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.ShortestPaths;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.InstanceView;
import heaptriage.hprof.BasicType;
import heaptriage.hprof.RootKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shortest paths from GC roots, as MAT's leak paths: one breadth-first search from all roots that does not follow
 * {@code java.lang.ref.Reference.referent} nor the finalizer queue, so a path shows what really keeps an object
 * alive; objects reachable only through those are looked up again in a search that follows them.
 */
public final class GcRootPaths {
    private final RetainedHeap retention;
    private final ShortestPaths strong;
    private ShortestPaths all;
    private final Map<Integer, List<RootKind>> rootKinds = new HashMap<>();

    private GcRootPaths(RetainedHeap retention, ShortestPaths strong) {
        this.retention = retention;
        this.strong = strong;
        for (GcRoot r : retention.snapshot().rootRecords()) {
            List<RootKind> kinds = rootKinds.computeIfAbsent(r.object(), k -> new ArrayList<>());
            if (!kinds.contains(r.kind())) {
                kinds.add(r.kind());
            }
        }
    }

    public static GcRootPaths of(RetainedHeap retention) {
        return of(retention, strongSearch(retention.heapGraph()));
    }

    /**
     * The paths, from the strong search done beforehand with {@link #strongSearch} on the same heap graph (it needs
     * no dominators, so it can run while they are computed).
     */
    public static GcRootPaths of(RetainedHeap retention, ShortestPaths strong) {
        if (strong.graph() != retention.heapGraph().graph()) {
            throw new IllegalArgumentException("the search was made on another heap graph");
        }
        return new GcRootPaths(retention, strong);
    }

    /** The breadth-first search from the roots that skips weak references and the finalizer queue. */
    public static ShortestPaths strongSearch(HeapGraph heapGraph) {
        return ShortestPaths.compute(heapGraph.graph(), heapGraph.roots(), WeakEdges.of(heapGraph.snapshot()));
    }

    /** The search that skips weak references and the finalizer queue. */
    ShortestPaths strongTree() {
        return strong;
    }

    /** The path from a GC root to the object, root first; empty when nothing reaches it. */
    public List<PathStep> pathTo(int object) {
        return describe(nodesTo(object));
    }

    private int[] nodesTo(int object) {
        return strong.isReached(object) ? strong.pathTo(object) : allEdges().isReached(object) ? allEdges().pathTo(object) : new int[0];
    }

    /** Built on first need; synchronized because the connection finder and the report may ask from two threads. */
    private synchronized ShortestPaths allEdges() {
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
            steps.add(i == 0 ? PathStep.root(rootKinds.getOrDefault(node, List.of()), displayName(s, node), s.address(node),
                    retention.retained(node)) : reference(s, nodes[i - 1], node, retention.retained(node)));
        }
        return List.copyOf(steps);
    }

    /** Who holds the object: see {@link ObjectHolder}. Null when nothing reaches it. */
    public ObjectHolder holderOf(int object) {
        int[] nodes = nodesTo(object);
        if (nodes.length == 0) {
            return null;
        }
        HeapSnapshot s = retention.snapshot();
        List<PathStep> path = describe(nodes);
        BitSet unknownReach = retention.heapGraph().reachabilityUnknown();
        boolean unknown = !unknownReach.isEmpty() && unknownReach.get(nodes[0]);
        List<RootKind> roots = path.get(0).rootKinds();
        for (int i = nodes.length - 2; i >= 0; i--) {
            PathStep next = path.get(i + 1);
            if (next.reference() == ReferenceKind.STACK_LOCAL) {
                return new ObjectHolder(HolderKind.THREAD_STACK, ownerName(s, nodes[i]), s.address(nodes[i]), next,
                        containerOf(path, i + 1), Threads.nameOf(s, nodes[i]), roots, unknown, path);
            }
            if (!isCollectionInternal(s, nodes[i]) || i == 0) {
                HolderKind kind = next.reference() == ReferenceKind.STATIC_FIELD ? HolderKind.STATIC_FIELD : HolderKind.INSTANCE_FIELD;
                return new ObjectHolder(kind, ownerName(s, nodes[i]), s.address(nodes[i]), next, containerOf(path, i + 1), null,
                        roots, unknown, path);
            }
        }
        boolean local = roots.contains(RootKind.JAVA_FRAME) || roots.contains(RootKind.JNI_LOCAL);
        return new ObjectHolder(local ? HolderKind.THREAD_STACK : HolderKind.ROOT, ownerName(s, nodes[0]), s.address(nodes[0]),
                null, null, null, roots, unknown, path);
    }

    /** The class whose code declares the holding field: for a class object, the class it describes. */
    private static String ownerName(HeapSnapshot s, int object) {
        HeapClass described = s.describedClass(object);
        return described != null ? described.name() : s.classOf(object).name();
    }

    /** The collection right below the holder, when the path goes through one. */
    private static String containerOf(List<PathStep> path, int first) {
        PathStep s = path.get(first);
        return first < path.size() - 1 && isCollectionInternal(s.className()) ? s.className() : null;
    }

    private static boolean isCollectionInternal(HeapSnapshot s, int object) {
        return s.describedClass(object) == null && isCollectionInternal(s.classOf(object).name());
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

    /** How {@code from} refers to {@code to}: a field, an array slot, a static field, or a pseudo reference. */
    static PathStep reference(HeapSnapshot s, int from, int to, long retained) {
        String name = displayName(s, to);
        long address = s.address(to);
        try {
            HeapClass described = s.describedClass(from);
            if (described != null) {
                for (int i = 0; i < described.statics().size(); i++) {
                    if (described.statics().get(i).type() == BasicType.OBJECT && s.indexOf(described.staticValue(i)) == to) {
                        return PathStep.via(ReferenceKind.STATIC_FIELD, described.statics().get(i).name(), -1, name, address, retained);
                    }
                }
                ReferenceKind kind = to == s.classes().get(s.classSlotOf(to)).objectIndex() ? ReferenceKind.CLASS
                        : ReferenceKind.SUPER_OR_LOADER;
                return PathStep.via(kind, null, -1, name, address, retained);
            }
            HeapClass c = s.classOf(from);
            if (c.isObjectArray()) {
                int[] elements = s.objectArrayElements(from);
                for (int i = 0; i < elements.length; i++) {
                    if (elements[i] == to) {
                        return PathStep.via(ReferenceKind.ARRAY_ELEMENT, null, i, name, address, retained);
                    }
                }
            } else if (!c.isPrimitiveArray()) {
                for (InstanceView.FieldValue f : s.instance(from).fields()) {
                    if (f.type() == BasicType.OBJECT && f.value() == to) {
                        return PathStep.via(ReferenceKind.FIELD, f.name(), -1, name, address, retained);
                    }
                }
                ReferenceKind kind = to == c.objectIndex() ? ReferenceKind.CLASS : ReferenceKind.STACK_LOCAL;
                return PathStep.via(kind, null, -1, name, address, retained);
            }
            return PathStep.via(ReferenceKind.CLASS, null, -1, name, address, retained);
        } catch (IOException e) {
            return PathStep.via(ReferenceKind.UNREADABLE, null, -1, name, address, retained);
        }
    }

    /**
     * The object one step before this one on its shortest path from a GC root (the search that skips weak
     * references first, then the one that follows them), or -1 for a root and for what nothing reaches.
     */
    int referrer(int object) {
        if (strong.isReached(object)) {
            return Math.max(-1, strong.parent(object));
        }
        return allEdges().isReached(object) ? Math.max(-1, allEdges().parent(object)) : -1;
    }
}
