package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

/** Retained sizes: each node's shallow size plus everything it dominates, as Eclipse MAT defines them. */
public final class RetainedSizes {
    private RetainedSizes() {
    }

    /**
     * Retained size of every node: the sum of shallow sizes over its dominator subtree. Unreachable nodes get
     * 0, since collecting them frees nothing that is live.
     */
    public static LongArray compute(DominatorTree dt, IntArray shallow) {
        checkLength(dt, shallow.length());
        IntArray preorder = dt.preorder();
        IntArray idoms = dt.idomsInPreorder();
        LongArray retained = dt.storage().longs(dt.nodeCount());
        // Hot loop, one pass: reverse preorder visits children before their idom, so when a node comes up its
        // children have added their subtrees into its (zeroed) slot, and its own sum is complete with its shallow size.
        for (int i = (int) preorder.length() - 1; i >= 0; i--) {
            int node = preorder.get(i);
            long sum = retained.get(node) + shallow.get(node);
            retained.set(node, sum);
            int parent = idoms != null ? idoms.get(i) : dt.idom(node);
            if (parent >= 0) {
                retained.add(parent, sum);
            }
        }
        return retained;
    }

    /** As {@link #compute(DominatorTree, IntArray)}, for shallow sizes that do not fit an int. */
    public static LongArray compute(DominatorTree dt, LongArray shallow) {
        checkLength(dt, shallow.length());
        IntArray preorder = dt.preorder();
        IntArray idoms = dt.idomsInPreorder();
        LongArray retained = dt.storage().longs(dt.nodeCount());
        // As for int sizes: one pass in reverse preorder.
        for (int i = (int) preorder.length() - 1; i >= 0; i--) {
            int node = preorder.get(i);
            long sum = retained.get(node) + shallow.get(node);
            retained.set(node, sum);
            int parent = idoms != null ? idoms.get(i) : dt.idom(node);
            if (parent >= 0) {
                retained.add(parent, sum);
            }
        }
        return retained;
    }

    /** Convenience for heap arrays (tests, small graphs). */
    public static long[] compute(DominatorTree dt, int[] shallow) {
        return compute(dt, IntArray.wrap(shallow)).copyRange(0, dt.nodeCount());
    }

    /** Convenience for heap arrays (tests, small graphs). */
    public static long[] compute(DominatorTree dt, long[] shallow) {
        return compute(dt, LongArray.wrap(shallow)).copyRange(0, dt.nodeCount());
    }

    /** Total shallow size of all reachable nodes: what the virtual root retains. */
    public static long totalReachable(DominatorTree dt, IntArray shallow) {
        checkLength(dt, shallow.length());
        IntArray preorder = dt.preorder();
        long total = 0;
        for (int i = 0, reached = (int) preorder.length(); i < reached; i++) {
            total += shallow.get(preorder.get(i));
        }
        return total;
    }

    public static long totalReachable(DominatorTree dt, int[] shallow) {
        return totalReachable(dt, IntArray.wrap(shallow));
    }

    private static void checkLength(DominatorTree dt, long length) {
        if (length != dt.nodeCount()) {
            throw new IllegalArgumentException("need one shallow size per node: " + length + " != " + dt.nodeCount());
        }
    }
}
