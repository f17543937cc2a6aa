package heaptriage.graph;

import java.util.Arrays;

/** The dominator tree's children lists in CSR form, for walking down from a node. */
public final class DominatorChildren {
    private final int[] start;
    private final int[] children;
    private final int[] topLevel;

    private DominatorChildren(int[] start, int[] children, int[] topLevel) {
        this.start = start;
        this.children = children;
        this.topLevel = topLevel;
    }

    /** Builds the lists with a counting sort over idom; each list is in preorder. */
    public static DominatorChildren of(DominatorTree dt) {
        int n = dt.nodeCount();
        int[] preorder = dt.preorder();
        int[] start = new int[n + 1];
        for (int node : preorder) {
            int parent = dt.idom(node);
            if (parent >= 0) {
                start[parent]++;
            }
        }
        IntGraph.prefixSumInclusive(start, n);
        int[] children = new int[start[n]];
        // Filling backwards while decrementing keeps each list in preorder.
        for (int i = preorder.length - 1; i >= 0; i--) {
            int node = preorder[i];
            int parent = dt.idom(node);
            if (parent >= 0) {
                children[--start[parent]] = node;
            }
        }
        return new DominatorChildren(start, children, RetainedSizes.topLevel(dt));
    }

    /** Children of the virtual root; the internal array, do not modify. */
    public int[] topLevel() {
        return topLevel;
    }

    public int childCount(int node) {
        return start[node + 1] - start[node];
    }

    /** Position of node's first child, for use with {@link #childAt(int)}. */
    public int start(int node) {
        return start[node];
    }

    /** Position one past node's last child. */
    public int end(int node) {
        return start[node + 1];
    }

    public int childAt(int position) {
        return children[position];
    }

    /** A copy of node's children; prefer start/end/childAt in loops over many nodes. */
    public int[] children(int node) {
        return Arrays.copyOfRange(children, start[node], start[node + 1]);
    }

    /**
     * MAT's accumulation point: from a node, keep stepping to the child with the largest retained size while
     * that child still holds at least {@code ratio} of its parent's retained size (MAT's big drop ratio is 0.7).
     * The node where the size breaks up is where the memory accumulates.
     */
    public int accumulationPoint(int from, long[] retained, double ratio) {
        int current = from;
        while (true) {
            int biggest = biggestChild(current, retained);
            if (biggest < 0 || retained[current] <= 0 || (double) retained[biggest] / retained[current] < ratio) {
                return current;
            }
            current = biggest;
        }
    }

    /** The child with the largest retained size (first in preorder on ties), or -1 for a leaf. */
    private int biggestChild(int node, long[] retained) {
        int biggest = -1;
        for (int p = start[node], end = start[node + 1]; p < end; p++) {
            int child = children[p];
            if (biggest < 0 || retained[child] > retained[biggest]) {
                biggest = child;
            }
        }
        return biggest;
    }
}
