package heaptriage.graph;

import java.util.Arrays;

/** Shortest paths from the nearest root to every node: one breadth-first search with parent pointers. */
public final class ShortestPaths {
    /** parent of a root. */
    public static final int ROOT = -1;
    /** parent of a node no root reaches (through unskipped edges). */
    public static final int UNREACHED = -2;

    private final IntGraph graph;
    private final EdgeFilter filter;
    private final int[] parent;

    private ShortestPaths(IntGraph graph, EdgeFilter filter, int[] parent) {
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
        int[] offsets = g.offsets();
        int[] targets = g.targets();
        int[] parent = new int[n];
        Arrays.fill(parent, UNREACHED);
        // Each node is enqueued at most once, so an n-slot array is a queue that never wraps.
        int[] queue = new int[n];
        int tail = 0;
        for (int root : roots) {
            Reachability.checkRoot(root, n);
            if (parent[root] == UNREACHED) {
                parent[root] = ROOT;
                queue[tail++] = root;
            }
        }
        for (int head = 0; head < tail; head++) {
            int from = queue[head];
            for (int e = offsets[from], end = offsets[from + 1]; e < end; e++) {
                int to = targets[e];
                if (parent[to] == UNREACHED && !filter.skip(from, e, to)) {
                    parent[to] = from;
                    queue[tail++] = to;
                }
            }
        }
        return new ShortestPaths(g, filter, parent);
    }

    /** The BFS parent: a node one step closer to a root, {@link #ROOT} or {@link #UNREACHED}. */
    public int parent(int node) {
        return parent[node];
    }

    public boolean isReached(int node) {
        return parent[node] != UNREACHED;
    }

    /** Number of edges from the nearest root, or -1 if unreached. Walks the path: O(distance). */
    public int distance(int node) {
        if (!isReached(node)) {
            return -1;
        }
        int steps = 0;
        for (int v = node; parent[v] != ROOT; v = parent[v]) {
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
            v = parent[v];
        }
        return path;
    }

    /**
     * The edge index (position in {@link IntGraph#targets()}) by which the search reached node from its parent,
     * or -1 for roots and unreached nodes: the first unskipped edge from the parent to node, as the BFS took it.
     */
    public int parentEdge(int node) {
        int from = parent[node];
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
