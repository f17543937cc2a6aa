package heaptriage.graph;

/** Retained sizes: each node's shallow size plus everything it dominates, as Eclipse MAT defines them. */
public final class RetainedSizes {
    private RetainedSizes() {
    }

    /**
     * Retained size of every node: the sum of shallow sizes over its dominator subtree. Unreachable nodes get
     * 0, since collecting them frees nothing that is live.
     */
    public static long[] compute(DominatorTree dt, int[] shallow) {
        checkLength(dt, shallow.length);
        int[] preorder = dt.preorder();
        long[] retained = new long[dt.nodeCount()];
        for (int node : preorder) {
            retained[node] = shallow[node];
        }
        return sumIntoParents(dt, retained);
    }

    /** As {@link #compute(DominatorTree, int[])}, for shallow sizes that do not fit an int. */
    public static long[] compute(DominatorTree dt, long[] shallow) {
        checkLength(dt, shallow.length);
        int[] preorder = dt.preorder();
        long[] retained = new long[dt.nodeCount()];
        for (int node : preorder) {
            retained[node] = shallow[node];
        }
        return sumIntoParents(dt, retained);
    }

    /** Nodes whose immediate dominator is the virtual root (GC roots and shared objects), in preorder. */
    public static int[] topLevel(DominatorTree dt) {
        int[] preorder = dt.preorder();
        int count = 0;
        for (int node : preorder) {
            if (dt.idom(node) == DominatorTree.VIRTUAL_ROOT) {
                count++;
            }
        }
        int[] top = new int[count];
        int i = 0;
        for (int node : preorder) {
            if (dt.idom(node) == DominatorTree.VIRTUAL_ROOT) {
                top[i++] = node;
            }
        }
        return top;
    }

    /** Total shallow size of all reachable nodes: what the virtual root retains. */
    public static long totalReachable(DominatorTree dt, int[] shallow) {
        checkLength(dt, shallow.length);
        long total = 0;
        for (int node : dt.preorder()) {
            total += shallow[node];
        }
        return total;
    }

    /** Reverse preorder visits children before their idom, so one pass accumulates whole subtrees. */
    private static long[] sumIntoParents(DominatorTree dt, long[] retained) {
        int[] preorder = dt.preorder();
        for (int i = preorder.length - 1; i >= 0; i--) {
            int node = preorder[i];
            int parent = dt.idom(node);
            if (parent >= 0) {
                retained[parent] += retained[node];
            }
        }
        return retained;
    }

    private static void checkLength(DominatorTree dt, int length) {
        if (length != dt.nodeCount()) {
            throw new IllegalArgumentException("need one shallow size per node: " + length + " != " + dt.nodeCount());
        }
    }
}
