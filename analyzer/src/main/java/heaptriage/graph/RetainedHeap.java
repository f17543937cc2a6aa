package heaptriage.graph;

import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

/**
 * The heap as its dominator tree retains it: the dominator tree of a heap graph with every object's retained size
 * ({@link RetainedSizes}), the base of "what filled the heap". Objects outside the tree (garbage) have retained size 0.
 */
public final class RetainedHeap {
    private final HeapGraph heapGraph;
    private final DominatorTree tree;
    private final DominatorChildren children;
    private final LongArray retained;
    private final long usedHeap;

    private RetainedHeap(HeapGraph heapGraph, DominatorTree tree, LongArray retained) {
        this.heapGraph = heapGraph;
        this.tree = tree;
        this.retained = retained;
        this.children = DominatorChildren.of(tree);
        long used = 0;
        for (int top : children.topLevel()) {
            used += retained.get(top);
        }
        this.usedHeap = used;
    }

    /**
     * Computes dominators and retained sizes over what the heap graph keeps; or reads them from the dump's kept index
     * when they were kept there for the same roots, and keeps them there once computed (see {@link KeptDominators}).
     */
    public static RetainedHeap of(HeapGraph heapGraph) {
        HeapSnapshot s = heapGraph.snapshot();
        java.nio.file.Path kept = s.keptIndex().orElse(null);
        if (kept != null) {
            KeptDominators.Result found = KeptDominators.read(kept, s.objectCount(), heapGraph.roots(), s.storage());
            if (found != null) {
                heapGraph.dropNumbering();
                return new RetainedHeap(heapGraph, found.tree(), found.retained());
            }
        }
        RetainedHeap computed = compute(heapGraph);
        if (kept != null) {
            KeptDominators.save(kept, heapGraph.roots(), computed.tree, computed.retained);
        }
        return computed;
    }

    private static RetainedHeap compute(HeapGraph heapGraph) {
        HeapSnapshot s = heapGraph.snapshot();
        DominatorTree tree = DominatorTree.compute(heapGraph);
        IntArray shallow = s.shallowSizesIfAllFit();
        LongArray retained;
        if (shallow != null) {
            retained = RetainedSizes.compute(tree, shallow);
        } else {
            LongArray sizes = s.storage().longs(s.objectCount());
            for (int i = 0; i < s.objectCount(); i++) {
                sizes.set(i, s.shallowSize(i));
            }
            retained = RetainedSizes.compute(tree, sizes);
        }
        return new RetainedHeap(heapGraph, tree, retained);
    }

    public HeapGraph heapGraph() {
        return heapGraph;
    }

    public HeapSnapshot snapshot() {
        return heapGraph.snapshot();
    }

    public DominatorTree tree() {
        return tree;
    }

    public DominatorChildren children() {
        return children;
    }

    public long retained(int object) {
        return retained.get(object);
    }

    /** Retained size per object: shared, do not modify. */
    public LongArray retainedSizes() {
        return retained;
    }

    /** Sum of shallow sizes of every object in the tree: MAT's "used heap". */
    public long usedHeap() {
        return usedHeap;
    }

    public boolean inTree(int object) {
        return tree.isReachable(object);
    }

    /** Top-level dominators: the children of the virtual root. */
    public int[] topLevel() {
        return children.topLevel();
    }
}
