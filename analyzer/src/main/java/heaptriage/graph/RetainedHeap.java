package heaptriage.graph;

import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.SideTask;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

import java.io.IOException;
import java.io.UncheckedIOException;

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

    private RetainedHeap(HeapGraph heapGraph, DominatorTree tree, LongArray retained, DominatorChildren children) {
        this.heapGraph = heapGraph;
        this.tree = tree;
        this.retained = retained;
        this.children = children;
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
                return new RetainedHeap(heapGraph, found.tree(), found.retained(), DominatorChildren.of(found.tree()));
            }
        }
        RetainedHeap computed = compute(heapGraph);
        if (kept != null) {
            KeptDominators.save(kept, heapGraph.roots(), computed.tree, computed.retained);
        }
        return computed;
    }

    /**
     * The dominator tree, then the retained sizes and the children lists, which both only read the tree: the lists are
     * built on a second core while the sizes are summed, when a second walk fits ({@link SideTask#worthRunningBeside}:
     * the heap, or a page cache that holds most of a mapped index).
     */
    private static RetainedHeap compute(HeapGraph heapGraph) {
        HeapSnapshot s = heapGraph.snapshot();
        DominatorTree tree = DominatorTree.compute(heapGraph);
        SideTask<DominatorChildren> children = SideTask.start("dominator children", SideTask.worthRunningBeside(s, 0),
                () -> DominatorChildren.of(tree));
        LongArray retained = retainedSizes(s, tree);
        try {
            DominatorChildren lists = children.join();
            tree.dropPreorderIdoms();
            return new RetainedHeap(heapGraph, tree, retained, lists);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // building the lists reads no file
        }
    }

    private static LongArray retainedSizes(HeapSnapshot s, DominatorTree tree) {
        IntArray shallow = s.shallowSizesIfAllFit();
        if (shallow != null) {
            return RetainedSizes.compute(tree, shallow);
        }
        LongArray sizes = s.storage().longs(s.objectCount());
        for (int i = 0; i < s.objectCount(); i++) {
            sizes.set(i, s.shallowSize(i));
        }
        return RetainedSizes.compute(tree, sizes);
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
