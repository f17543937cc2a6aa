package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

/** The dominator tree's children lists in CSR form, for walking down from a node. */
public final class DominatorChildren {
    private final IntArray start;
    private final IntArray children;
    private final int[] topLevel;

    private DominatorChildren(IntArray start, IntArray children, int[] topLevel) {
        this.start = start;
        this.children = children;
        this.topLevel = topLevel;
    }

    /**
     * Builds the lists with a counting sort over idom; each list is in preorder. The virtual root's children are
     * counted and collected in the same two passes. On the heap both read the idoms in preorder
     * ({@link DominatorTree#idomsInPreorder}), so each pass writes at random places but looks nothing up at one.
     */
    public static DominatorChildren of(DominatorTree dt) {
        int n = dt.nodeCount();
        IntArray preorder = dt.preorder();
        IntArray idoms = dt.idomsInPreorder(); // when there: read in order, one random place per node less a pass
        IntArray start = dt.storage().ints(n + 1L);
        int topCount = 0;
        for (int i = 0, reached = (int) preorder.length(); i < reached; i++) {
            int parent = idoms != null ? idoms.get(i) : dt.idom(preorder.get(i));
            if (parent >= 0) {
                start.add(parent, 1);
            } else {
                topCount++;
            }
        }
        IntGraph.prefixSumInclusive(start, n);
        IntArray children = dt.storage().ints(start.get(n));
        int[] topLevel = new int[topCount];
        // Filling backwards while decrementing keeps each list in preorder.
        for (int i = (int) preorder.length() - 1; i >= 0; i--) {
            int node = preorder.get(i);
            int parent = idoms != null ? idoms.get(i) : dt.idom(node);
            if (parent >= 0) {
                children.set(start.add(parent, -1), node);
            } else {
                topLevel[--topCount] = node;
            }
        }
        return new DominatorChildren(start, children, topLevel);
    }

    /** Children of the virtual root; the internal array, do not modify. */
    public int[] topLevel() {
        return topLevel;
    }

    public int childCount(int node) {
        return start.get(node + 1) - start.get(node);
    }

    /** Position of node's first child, for use with {@link #childAt(int)}. */
    public int start(int node) {
        return start.get(node);
    }

    /** Position one past node's last child. */
    public int end(int node) {
        return start.get(node + 1);
    }

    public int childAt(int position) {
        return children.get(position);
    }

    /** A copy of node's children; prefer start/end/childAt in loops over many nodes. */
    public int[] children(int node) {
        return children.copyRange(start.get(node), start.get(node + 1));
    }

    /**
     * MAT's accumulation point: from a node, keep stepping to the child with the largest retained size while
     * that child still holds at least {@code ratio} of its parent's retained size (MAT's big drop ratio is 0.7).
     * The node where the size breaks up is where the memory accumulates.
     */
    public int accumulationPoint(int from, long[] retained, double ratio) {
        return accumulationPoint(from, LongArray.wrap(retained), ratio);
    }

    /** As {@link #accumulationPoint(int, long[], double)}, with the retained sizes in a storage array. */
    public int accumulationPoint(int from, LongArray retained, double ratio) {
        int current = from;
        while (true) {
            int biggest = biggestChild(current, retained);
            if (biggest < 0 || retained.get(current) <= 0 || (double) retained.get(biggest) / retained.get(current) < ratio) {
                return current;
            }
            current = biggest;
        }
    }

    /** The child with the largest retained size (first in preorder on ties), or -1 for a leaf. */
    private int biggestChild(int node, LongArray retained) {
        int biggest = -1;
        for (int p = start.get(node), end = start.get(node + 1); p < end; p++) {
            int child = children.get(p);
            if (biggest < 0 || retained.get(child) > retained.get(biggest)) {
                biggest = child;
            }
        }
        return biggest;
    }
}
