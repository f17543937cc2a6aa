package heaptriage.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Slow reference answers straight from the definitions, for small graphs: d dominates v iff v (reachable)
 * is no longer reachable from the roots once d is removed. Uses its own adjacency lists, not IntGraph's CSR.
 */
final class BruteForce {
    final int n;
    final int[][] adjacency;
    final int[] roots;
    final boolean[] reachable;
    /** dominates[d][v]: removing d cuts v off (d dominates itself when reachable). */
    final boolean[][] dominates;

    BruteForce(int n, List<int[]> edges, int[] roots) {
        this.n = n;
        this.roots = roots;
        List<List<Integer>> lists = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            lists.add(new ArrayList<>());
        }
        for (int[] edge : edges) {
            lists.get(edge[0]).add(edge[1]);
        }
        adjacency = new int[n][];
        for (int i = 0; i < n; i++) {
            adjacency[i] = lists.get(i).stream().mapToInt(Integer::intValue).toArray();
        }
        reachable = reachWithout(new boolean[n]);
        dominates = new boolean[n][n];
        for (int d = 0; d < n; d++) {
            if (!reachable[d]) {
                continue;
            }
            boolean[] removed = new boolean[n];
            removed[d] = true;
            boolean[] still = reachWithout(removed);
            for (int v = 0; v < n; v++) {
                dominates[d][v] = reachable[v] && !still[v];
            }
        }
    }

    /** Plain BFS from the roots that never enters a removed node. */
    boolean[] reachWithout(boolean[] removed) {
        boolean[] seen = new boolean[n];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r : roots) {
            if (!removed[r] && !seen[r]) {
                seen[r] = true;
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int t : adjacency[u]) {
                if (!removed[t] && !seen[t]) {
                    seen[t] = true;
                    queue.add(t);
                }
            }
        }
        return seen;
    }

    /** The strict dominator of v that all other strict dominators of v dominate, i.e. the closest one. */
    int idom(int v) {
        if (!reachable[v]) {
            return DominatorTree.UNREACHABLE;
        }
        int found = DominatorTree.VIRTUAL_ROOT;
        for (int d = 0; d < n; d++) {
            if (d != v && dominates[d][v] && dominatedByAllOtherStrictDominators(d, v)) {
                if (found != DominatorTree.VIRTUAL_ROOT) {
                    throw new AssertionError("two closest dominators of " + v);
                }
                found = d;
            }
        }
        return found;
    }

    private boolean dominatedByAllOtherStrictDominators(int d, int v) {
        for (int other = 0; other < n; other++) {
            if (other != v && other != d && dominates[other][v] && !dominates[other][d]) {
                return false;
            }
        }
        return true;
    }

    /** Shallow sum of what becomes unreachable when d is removed, d included. */
    long retained(int d, int[] shallow) {
        long sum = 0;
        for (int v = 0; v < n; v++) {
            if (dominates[d][v]) {
                sum += shallow[v];
            }
        }
        return sum;
    }

    /** Shallow sum of what becomes unreachable when all members are removed. */
    long setExact(int[] members, int[] shallow) {
        boolean[] removed = new boolean[n];
        for (int m : members) {
            removed[m] = true;
        }
        boolean[] still = reachWithout(removed);
        long sum = 0;
        for (int v = 0; v < n; v++) {
            if (reachable[v] && !still[v]) {
                sum += shallow[v];
            }
        }
        return sum;
    }

    /** Retained sizes of the distinct reachable members that no other member dominates. */
    long setMinimum(int[] members, int[] shallow) {
        boolean[] isMember = new boolean[n];
        for (int m : members) {
            isMember[m] = true;
        }
        long sum = 0;
        for (int m = 0; m < n; m++) {
            if (isMember[m] && reachable[m] && !dominatedByOtherMember(m, isMember)) {
                sum += retained(m, shallow);
            }
        }
        return sum;
    }

    private boolean dominatedByOtherMember(int m, boolean[] isMember) {
        for (int d = 0; d < n; d++) {
            if (d != m && isMember[d] && dominates[d][m]) {
                return true;
            }
        }
        return false;
    }

    /** BFS distances from all roots, skipping edges by index in the CSR order of {@code graph}; -1 if unreached. */
    static int[] bfsDistances(IntGraph graph, int[] roots, EdgeFilter filter) {
        int n = graph.nodeCount();
        int[] dist = new int[n];
        java.util.Arrays.fill(dist, -1);
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int r : roots) {
            if (dist[r] < 0) {
                dist[r] = 0;
                queue.add(r);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            for (int e = graph.firstEdge(u); e < graph.endEdge(u); e++) {
                int t = graph.target(e);
                if (!filter.skip(u, e, t) && dist[t] < 0) {
                    dist[t] = dist[u] + 1;
                    queue.add(t);
                }
            }
        }
        return dist;
    }
}
