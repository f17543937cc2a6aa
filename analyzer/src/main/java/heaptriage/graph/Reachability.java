package heaptriage.graph;

import java.util.BitSet;

/** The set of nodes reachable from a set of roots, found with an explicit stack (no recursion). */
public final class Reachability {
    private Reachability() {
    }

    /** Nodes reachable from any of the roots (roots included); duplicate roots are fine. */
    public static BitSet reachable(IntGraph g, int[] roots) {
        return reachableAvoiding(g, roots, new BitSet());
    }

    /**
     * Nodes reachable from the roots without ever entering a blocked node. Blocked roots are skipped, so the
     * result answers "what stays alive if the blocked nodes were removed".
     */
    public static BitSet reachableAvoiding(IntGraph g, int[] roots, BitSet blocked) {
        int[] offsets = g.offsets();
        int[] targets = g.targets();
        BitSet seen = new BitSet(g.nodeCount());
        IntList stack = new IntList(1024);
        for (int root : roots) {
            checkRoot(root, g.nodeCount());
            markAndPush(root, seen, blocked, stack);
        }
        // Marking on push means each node enters the stack at most once, so the stack stays below n entries.
        while (!stack.isEmpty()) {
            int node = stack.pop();
            for (int e = offsets[node], end = offsets[node + 1]; e < end; e++) {
                markAndPush(targets[e], seen, blocked, stack);
            }
        }
        return seen;
    }

    private static void markAndPush(int node, BitSet seen, BitSet blocked, IntList stack) {
        if (!seen.get(node) && !blocked.get(node)) {
            seen.set(node);
            stack.add(node);
        }
    }

    static void checkRoot(int root, int nodeCount) {
        if (root < 0 || root >= nodeCount) {
            throw new IllegalArgumentException("root " + root + " out of range [0, " + nodeCount + ")");
        }
    }
}
