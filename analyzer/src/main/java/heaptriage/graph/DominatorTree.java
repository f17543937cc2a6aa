package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.Storage;

/** Immediate dominators of every node, with all GC roots hanging below one virtual root as in Eclipse MAT. */
public final class DominatorTree {
    /** idom of the GC roots and of anything reachable only through several roots. */
    public static final int VIRTUAL_ROOT = -1;
    /** idom of nodes that no root reaches. */
    public static final int UNREACHABLE = -2;

    private final IntArray idom;
    private final IntArray preorder;
    /**
     * The idom of each node of the preorder, in the same order, while a tree on the heap is being finished (null
     * after, and for a mapped or a kept tree): read in order, it spares the retained sizes and the children lists a
     * lookup at a random place per node.
     */
    private IntArray preorderIdoms;
    private final Storage storage;

    DominatorTree(IntArray idom, IntArray preorder, Storage storage) {
        this(idom, preorder, null, storage);
    }

    DominatorTree(IntArray idom, IntArray preorder, IntArray preorderIdoms, Storage storage) {
        this.idom = idom;
        this.preorder = preorder;
        this.preorderIdoms = preorderIdoms;
        this.storage = storage;
    }

    /**
     * Computes the dominator tree of the nodes reachable from the roots (iterative Lengauer-Tarjan, no
     * recursion), with its arrays in the graph's storage. Roots may repeat; duplicates are ignored.
     */
    public static DominatorTree compute(IntGraph g, int[] roots) {
        return new LengauerTarjan(DepthFirstNumbering.from(g, roots), roots).run();
    }

    /** As {@link #compute(IntGraph, int[])} for a heap graph and its roots, reusing its reachability walk. */
    static DominatorTree compute(HeapGraph heapGraph) {
        return new LengauerTarjan(heapGraph.takeNumbering(), heapGraph.roots()).run();
    }

    /** The immediate dominator of v, or {@link #VIRTUAL_ROOT}, or {@link #UNREACHABLE}. */
    public int idom(int v) {
        return idom.get(v);
    }

    /** The idom of every node, for keeping the tree with a kept index ({@link KeptDominators}). Do not modify. */
    IntArray idoms() {
        return idom;
    }

    /**
     * The immediate dominators of the preorder's nodes, in the same order ({@code idom(preorder().get(i))} at i), for
     * walks over the preorder that would otherwise look each up at a random place; null when there is no such array
     * (a mapped or a kept tree, or once dropped), and then {@link #idom} is the way.
     */
    synchronized IntArray idomsInPreorder() {
        return preorderIdoms;
    }

    /** Drops the array behind {@link #idomsInPreorder} once the sizes and the children lists are built. */
    synchronized void dropPreorderIdoms() {
        IntArray inOrder = preorderIdoms;
        preorderIdoms = null;
        if (inOrder != null) {
            inOrder.release();
        }
    }

    public boolean isReachable(int v) {
        return idom.get(v) != UNREACHABLE;
    }

    /**
     * The reachable nodes in depth-first preorder from the virtual root; every node comes after its idom, so a
     * reverse walk visits children before parents. The internal array: do not modify.
     */
    public IntArray preorder() {
        return preorder;
    }

    public int reachableCount() {
        return (int) preorder.length();
    }

    public int nodeCount() {
        return (int) idom.length();
    }

    /** Where the tree's arrays live; what is computed from the tree puts its arrays there too. */
    public Storage storage() {
        return storage;
    }
}
