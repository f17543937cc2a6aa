package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;

/** Shortest paths from the nearest root to every node: one breadth-first search with parent pointers. */
public final class ShortestPaths {
    /** parent of a root. */
    public static final int ROOT = -1;
    /** parent of a node no root reaches (through unskipped edges). */
    public static final int UNREACHED = -2;

    private final IntGraph graph;
    private final EdgeFilter filter;
    private final IntArray parent;

    private ShortestPaths(IntGraph graph, EdgeFilter filter, IntArray parent) {
        this.graph = graph;
        this.filter = filter;
        this.parent = parent;
    }

    public static ShortestPaths compute(IntGraph g, int[] roots) {
        return compute(g, roots, EdgeFilter.NONE);
    }

    /** BFS from all roots at once, never following an edge the filter skips. The filter must be deterministic. */
    public static ShortestPaths compute(IntGraph g, int[] roots, EdgeFilter filter) {
        int n = g.nodeCount();
        IntArray offsets = g.offsets();
        IntArray targets = g.targets();
        IntArray parent = g.storage().ints(n);
        parent.fill(UNREACHED);
        // "Reached" is a bit per node on the heap, so the test made for every edge reads no node-sized array (with
        // mapped arrays, a page per edge); the parent array is only written.
        java.util.BitSet reached = new java.util.BitSet(n);
        IntList queue = new IntList(g.storage()); // marked on enqueue: each node enters once
        for (int root : roots) {
            Reachability.checkRoot(root, n);
            if (!reached.get(root)) {
                reached.set(root);
                parent.set(root, ROOT);
                queue.add(root);
            }
        }
        for (int head = 0; head < queue.size(); head++) {
            int from = queue.get(head);
            for (int e = offsets.get(from), end = offsets.get(from + 1); e < end; e++) {
                int to = targets.get(e);
                if (!reached.get(to) && !filter.skip(from, e, to)) {
                    reached.set(to);
                    parent.set(to, from);
                    queue.add(to);
                }
            }
        }
        queue.release();
        return new ShortestPaths(g, filter, parent);
    }

    /** The graph searched. */
    public IntGraph graph() {
        return graph;
    }

    /** The BFS parent: a node one step closer to a root, {@link #ROOT} or {@link #UNREACHED}. */
    public int parent(int node) {
        return parent.get(node);
    }

    public boolean isReached(int node) {
        return parent.get(node) != UNREACHED;
    }

    /** Number of edges from the nearest root, or -1 if unreached. Walks the path: O(distance). */
    public int distance(int node) {
        if (!isReached(node)) {
            return -1;
        }
        int steps = 0;
        for (int v = node; parent.get(v) != ROOT; v = parent.get(v)) {
            steps++;
        }
        return steps;
    }

    /** The nodes from a root down to node (both included), or an empty array if node is unreached. */
    public int[] pathTo(int node) {
        int distance = distance(node);
        int[] path = new int[distance + 1];
        int v = node;
        for (int i = distance; i >= 0; i--) {
            path[i] = v;
            v = parent.get(v);
        }
        return path;
    }

    /**
     * The edge index (position in {@link IntGraph#targets()}) by which the search reached node from its parent,
     * or -1 for roots and unreached nodes: the first unskipped edge from the parent to node, as the BFS took it.
     */
    public int parentEdge(int node) {
        int from = parent.get(node);
        if (from < 0) {
            return -1;
        }
        for (int e = graph.firstEdge(from), end = graph.endEdge(from); e < end; e++) {
            if (graph.target(e) == node && !filter.skip(from, e, node)) {
                return e;
            }
        }
        throw new IllegalStateException("no edge from " + from + " to " + node + "; is the filter deterministic?");
    }
}
