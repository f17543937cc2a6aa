package heaptriage.graph;

import java.util.Arrays;

/**
 * Lengauer-Tarjan dominators ("simple" version, path compression without balancing) on int arrays,
 * iterative throughout. Vertices are handled by DFS number: 0 is the virtual root, 1..count the reachable
 * nodes. Besides the predecessor lists it holds about five ints per node, and it drops each array as soon
 * as it is dead so that heaps of 10^8 objects fit.
 *
 * <p>Immediate dominators are derived in a second sweep instead of the textbook's per-vertex buckets: all
 * semidominators are computed first, then the vertices are grouped by semidominator (reusing the
 * predecessor arrays) and the forest is replayed. That saves the two bucket arrays.
 */
final class LengauerTarjan {
    private final int nodeCount;
    private final int[] offsets;
    private final int[] targets;
    private final int[] roots;

    /** Number of reachable nodes; they get DFS numbers 1..count. */
    private int count;
    /** order[i - 1] = the node with DFS number i; becomes the preorder result. */
    private int[] order;
    /** Node -> DFS number, 0 for unreached. Only needed until the predecessors are in DFS numbers. */
    private int[] dfsNumber;
    /** DFS-tree parent; rewritten in place into the compressed "ancestor" links of the link-eval forest. */
    private int[] ancestor;
    /** Semidominator (as a DFS number). */
    private int[] semi;
    /**
     * Best label on the compressed path from a vertex up to (excluding) its ancestor: the smallest semidominator
     * value in the first sweep, the vertex holding the smallest semidominator in the second.
     */
    private int[] label;
    /** Immediate dominator by DFS number; holds a copy of the DFS parents until the second sweep. */
    private int[] idom;
    /** Predecessor lists by DFS number (CSR), later reused for the vertices grouped by semidominator. */
    private int[] predStart;
    private int[] preds;
    /** Explicit stack for path compression, which would otherwise recurse as deep as the DFS tree. */
    private final IntList path = new IntList(256);

    LengauerTarjan(IntGraph g, int[] roots) {
        this.nodeCount = g.nodeCount();
        this.offsets = g.offsets();
        this.targets = g.targets();
        this.roots = roots;
    }

    DominatorTree run() {
        numberDepthFirst();
        buildPredecessors();
        computeSemidominators();
        computeImmediateDominators();
        return toNodeSpace();
    }

    /**
     * A true DFS (not "mark on push"): Lengauer-Tarjan needs a DFS tree. The stack is implicit in the parent
     * links; each vertex's frame (next edge to try, end of its edges) sits in one array, side by side, so that
     * returning to a parent touches a single cache line instead of re-reading the node's offsets.
     */
    private void numberDepthFirst() {
        dfsNumber = new int[nodeCount];
        order = new int[nodeCount];
        ancestor = new int[nodeCount + 1];
        int[] frames = new int[2 * (nodeCount + 1)];
        for (int root : roots) {
            Reachability.checkRoot(root, nodeCount);
            if (dfsNumber[root] == 0) {
                descendFrom(root, frames);
            }
        }
    }

    private void descendFrom(int root, int[] frames) {
        int current = visit(root, 0, frames);
        while (current != 0) {
            int e = frames[2 * current];
            int end = frames[2 * current + 1];
            while (e < end && dfsNumber[targets[e]] != 0) {
                e++;
            }
            if (e < end) {
                frames[2 * current] = e + 1;
                current = visit(targets[e], current, frames);
            } else {
                current = ancestor[current]; // All edges tried: return to the DFS parent.
            }
        }
    }

    private int visit(int node, int parentNumber, int[] frames) {
        int number = ++count;
        dfsNumber[node] = number;
        order[number - 1] = node;
        ancestor[number] = parentNumber;
        frames[2 * number] = offsets[node];
        frames[2 * number + 1] = offsets[node + 1];
        return number;
    }

    /**
     * Predecessors by DFS number, counting sort in two passes. The virtual root (0) is a predecessor of each
     * root; a repeated root just repeats that entry, which cannot change a semidominator. Both passes walk the
     * nodes in id order, not DFS order, so the edge arrays are read sequentially.
     */
    private void buildPredecessors() {
        predStart = new int[count + 2];
        for (int root : roots) {
            predStart[dfsNumber[root]]++;
        }
        for (int node = 0; node < nodeCount; node++) {
            if (dfsNumber[node] != 0) {
                for (int e = offsets[node], end = offsets[node + 1]; e < end; e++) {
                    predStart[dfsNumber[targets[e]]]++; // Targets of reachable nodes are reachable: never 0.
                }
            }
        }
        IntGraph.prefixSumInclusive(predStart, count + 1);
        preds = new int[predStart[count + 1]];
        for (int root : roots) {
            preds[--predStart[dfsNumber[root]]] = 0;
        }
        for (int node = 0; node < nodeCount; node++) {
            int v = dfsNumber[node];
            if (v != 0) {
                for (int e = offsets[node], end = offsets[node + 1]; e < end; e++) {
                    preds[--predStart[dfsNumber[targets[e]]]] = v;
                }
            }
        }
        dfsNumber = null;
    }

    /**
     * Semidominators in reverse preorder. Vertex w's forest is implicit: every vertex numbered above w has been
     * processed and is linked to its DFS parent, every other vertex is a forest root, so no link step is needed.
     * In this sweep label holds semidominator values rather than vertices, saving an indirection per step.
     */
    private void computeSemidominators() {
        semi = new int[count + 1];
        label = new int[count + 1];
        idom = Arrays.copyOf(ancestor, count + 1); // Keep the DFS parents: compression overwrites ancestor.
        for (int w = count; w >= 1; w--) {
            int best = w;
            for (int p = predStart[w], end = predStart[w + 1]; p < end; p++) {
                int v = preds[p];
                // An unprocessed predecessor (v <= w) is its own candidate; a processed one offers the smallest
                // semidominator on its path up to the nearest unprocessed ancestor.
                int candidate = v <= w ? v : smallestSemiOnPath(v, w);
                if (candidate < best) {
                    best = candidate;
                }
            }
            semi[w] = best;
            label[w] = best;
        }
    }

    /** Value version of {@link #eval}: the smallest semidominator on v's forest path (v > linkedAbove). */
    private int smallestSemiOnPath(int v, int linkedAbove) {
        int x = v;
        while (ancestor[x] > linkedAbove) {
            path.add(x);
            x = ancestor[x];
        }
        while (!path.isEmpty()) {
            int y = path.pop();
            int a = ancestor[y];
            if (label[a] < label[y]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
        return label[v];
    }

    /**
     * Replays the forest, visiting each vertex v when the sweep reaches sdom(v): at that moment the textbook
     * algorithm would take v out of its bucket. With u the vertex of smallest semidominator on the path from v up
     * to sdom(v), idom(v) = sdom(v) if sdom(u) == sdom(v), else idom(u), resolved afterwards in preorder.
     */
    private void computeImmediateDominators() {
        groupBySemidominator();
        System.arraycopy(idom, 0, ancestor, 0, count + 1);
        fillIdentity(label);
        int[] bucketStart = predStart;
        int[] bucket = preds;
        for (int s = count; s >= 0; s--) {
            for (int p = bucketStart[s], end = bucketStart[s + 1]; p < end; p++) {
                int v = bucket[p];
                int u = eval(v, s);
                idom[v] = semi[u] < semi[v] ? u : s;
            }
        }
        predStart = null;
        preds = null;
        label = null;
        ancestor = null;
        for (int w = 1; w <= count; w++) {
            if (idom[w] != semi[w]) {
                idom[w] = idom[idom[w]]; // Parents come first in preorder, so idom[idom[w]] is final.
            }
        }
        semi = null;
    }

    /** Counting sort of vertices 1..count by semidominator, into the predecessor arrays (no longer needed). */
    private void groupBySemidominator() {
        // Every reachable vertex has at least one predecessor (its DFS parent or the virtual root): preds is big enough.
        Arrays.fill(predStart, 0);
        for (int w = 1; w <= count; w++) {
            predStart[semi[w]]++;
        }
        IntGraph.prefixSumInclusive(predStart, count + 1);
        for (int w = count; w >= 1; w--) {
            preds[--predStart[semi[w]]] = w;
        }
    }

    /**
     * The vertex with the smallest semidominator on the forest path from v (which must be linked, v > linkedAbove)
     * up to, but excluding, its forest root. Vertices numbered above linkedAbove are the linked ones.
     */
    private int eval(int v, int linkedAbove) {
        compress(v, linkedAbove);
        return label[v];
    }

    /** Points every vertex on v's path straight at the forest root, carrying the best label down; iterative. */
    private void compress(int v, int linkedAbove) {
        int x = v;
        while (ancestor[x] > linkedAbove) {
            path.add(x);
            x = ancestor[x];
        }
        // Top-down: each vertex's ancestor already points at the root and carries the best label of its path.
        while (!path.isEmpty()) {
            int y = path.pop();
            int a = ancestor[y];
            if (semi[label[a]] < semi[label[y]]) {
                label[y] = label[a];
            }
            ancestor[y] = ancestor[a];
        }
    }

    private DominatorTree toNodeSpace() {
        int[] nodeIdom = new int[nodeCount];
        Arrays.fill(nodeIdom, DominatorTree.UNREACHABLE);
        for (int w = 1; w <= count; w++) {
            int d = idom[w];
            nodeIdom[order[w - 1]] = d == 0 ? DominatorTree.VIRTUAL_ROOT : order[d - 1];
        }
        idom = null;
        int[] preorder = count == nodeCount ? order : Arrays.copyOf(order, count);
        order = null;
        return new DominatorTree(nodeIdom, preorder);
    }

    private static void fillIdentity(int[] a) {
        for (int i = 0; i < a.length; i++) {
            a[i] = i;
        }
    }
}
