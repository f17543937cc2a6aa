package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.Storage;

import java.util.BitSet;

/**
 * Lengauer-Tarjan dominators ("simple" version, path compression without balancing) on int arrays,
 * iterative throughout. Vertices are handled by DFS number: 0 is the virtual root, 1..count the reachable
 * nodes. Besides the predecessor lists it holds about five ints per node, and it drops each array as soon
 * as it is dead so that heaps of 10^8 objects fit. The arrays come from the graph's storage: on the heap, or in
 * mapped files, where the sweeps' mostly sequential order (DFS numbers up or down) keeps paging cheap.
 *
 * <p>Immediate dominators are derived in a second sweep instead of the textbook's per-vertex buckets: all
 * semidominators are computed first, then the vertices are grouped by semidominator (reusing the
 * predecessor arrays) and the forest is replayed. That saves the two bucket arrays.
 */
final class LengauerTarjan {
    private final int nodeCount;
    private final IntArray offsets;
    private final IntArray targets;
    private final int[] roots;
    private final Storage storage;

    /** Number of reachable nodes; they get DFS numbers 1..count. */
    private int count;
    /** order[i - 1] = the node with DFS number i; becomes the preorder result. */
    private IntArray order;
    /** Node -> DFS number, 0 for unreached. Only needed until the predecessors are in DFS numbers. */
    private IntArray dfsNumber;
    /** DFS-tree parent; rewritten in place into the compressed "ancestor" links of the link-eval forest. */
    private IntArray ancestor;
    /** Semidominator (as a DFS number). */
    private IntArray semi;
    /**
     * Best label on the compressed path from a vertex up to (excluding) its ancestor: the smallest semidominator
     * value in the first sweep, the vertex holding the smallest semidominator in the second.
     */
    private IntArray label;
    /** Immediate dominator by DFS number; holds a copy of the DFS parents until the second sweep. */
    private IntArray idom;
    /** Predecessor lists by DFS number (CSR), later reused for the vertices grouped by semidominator. */
    private IntArray predStart;
    private IntArray preds;
    /** Explicit stack for path compression, which would otherwise recurse as deep as the DFS tree. */
    private final IntList path = new IntList(256);

    LengauerTarjan(IntGraph g, int[] roots) {
        this.nodeCount = g.nodeCount();
        this.offsets = g.offsets();
        this.targets = g.targets();
        this.roots = roots;
        this.storage = g.storage();
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
     * returning to a parent touches a single cache line instead of re-reading the node's offsets. "Seen" is a bit per
     * node on the heap (one MiB per 8 million objects), not a lookup in the node-sized number array: with mapped
     * arrays that lookup, one per edge at a random node, is what made the walk page. The node-to-number array is
     * filled afterwards from the preorder, in one pass.
     */
    private void numberDepthFirst() {
        order = storage.ints(nodeCount);
        ancestor = storage.ints(nodeCount + 1L);
        IntArray frames = storage.ints(2 * (nodeCount + 1L));
        BitSet seen = new BitSet(nodeCount);
        for (int root : roots) {
            Reachability.checkRoot(root, nodeCount);
            if (!seen.get(root)) {
                descendFrom(root, frames, seen);
            }
        }
        frames.release();
        dfsNumber = storage.ints(nodeCount);
        for (int number = 1; number <= count; number++) {
            dfsNumber.set(order.get(number - 1), number);
        }
    }

    private void descendFrom(int root, IntArray frames, BitSet seen) {
        int current = visit(root, 0, frames, seen);
        while (current != 0) {
            long frame = 2L * current;
            int e = frames.get(frame);
            int end = frames.get(frame + 1);
            while (e < end && seen.get(targets.get(e))) {
                e++;
            }
            if (e < end) {
                frames.set(frame, e + 1);
                current = visit(targets.get(e), current, frames, seen);
            } else {
                current = ancestor.get(current); // All edges tried: return to the DFS parent.
            }
        }
    }

    private int visit(int node, int parentNumber, IntArray frames, BitSet seen) {
        int number = ++count;
        seen.set(node);
        order.set(number - 1, node);
        ancestor.set(number, parentNumber);
        frames.set(2L * number, offsets.get(node));
        frames.set(2L * number + 1, offsets.get(node + 1));
        return number;
    }

    /**
     * Predecessors by DFS number, counting sort in two passes. The virtual root (0) is a predecessor of each
     * root; a repeated root just repeats that entry, which cannot change a semidominator. Both passes walk the
     * nodes in id order, not DFS order, so the edge arrays are read sequentially.
     */
    private void buildPredecessors() {
        predStart = storage.ints(count + 2L);
        for (int root : roots) {
            predStart.add(dfsNumber.get(root), 1);
        }
        for (int node = 0; node < nodeCount; node++) {
            if (dfsNumber.get(node) != 0) {
                for (int e = offsets.get(node), end = offsets.get(node + 1); e < end; e++) {
                    predStart.add(dfsNumber.get(targets.get(e)), 1); // Targets of reachable nodes are reachable: never 0.
                }
            }
        }
        IntGraph.prefixSumInclusive(predStart, count + 1);
        preds = storage.ints(predStart.get(count + 1));
        for (int root : roots) {
            preds.set(predStart.add(dfsNumber.get(root), -1), 0);
        }
        for (int node = 0; node < nodeCount; node++) {
            int v = dfsNumber.get(node);
            if (v != 0) {
                for (int e = offsets.get(node), end = offsets.get(node + 1); e < end; e++) {
                    preds.set(predStart.add(dfsNumber.get(targets.get(e)), -1), v);
                }
            }
        }
        dfsNumber.release();
        dfsNumber = null;
    }

    /**
     * Semidominators in reverse preorder. Vertex w's forest is implicit: every vertex numbered above w has been
     * processed and is linked to its DFS parent, every other vertex is a forest root, so no link step is needed.
     * In this sweep label holds semidominator values rather than vertices, saving an indirection per step.
     */
    private void computeSemidominators() {
        semi = storage.ints(count + 1L);
        label = storage.ints(count + 1L);
        idom = storage.ints(count + 1L);
        for (int w = 0; w <= count; w++) {
            idom.set(w, ancestor.get(w)); // Keep the DFS parents: compression overwrites ancestor.
        }
        for (int w = count; w >= 1; w--) {
            int best = w;
            for (int p = predStart.get(w), end = predStart.get(w + 1); p < end; p++) {
                int v = preds.get(p);
                // An unprocessed predecessor (v <= w) is its own candidate; a processed one offers the smallest
                // semidominator on its path up to the nearest unprocessed ancestor.
                int candidate = v <= w ? v : smallestSemiOnPath(v, w);
                if (candidate < best) {
                    best = candidate;
                }
            }
            semi.set(w, best);
            label.set(w, best);
        }
    }

    /** Value version of {@link #eval}: the smallest semidominator on v's forest path (v > linkedAbove). */
    private int smallestSemiOnPath(int v, int linkedAbove) {
        int x = v;
        while (ancestor.get(x) > linkedAbove) {
            path.add(x);
            x = ancestor.get(x);
        }
        while (!path.isEmpty()) {
            int y = path.pop();
            int a = ancestor.get(y);
            if (label.get(a) < label.get(y)) {
                label.set(y, label.get(a));
            }
            ancestor.set(y, ancestor.get(a));
        }
        return label.get(v);
    }

    /**
     * Replays the forest, visiting each vertex v when the sweep reaches sdom(v): at that moment the textbook
     * algorithm would take v out of its bucket. With u the vertex of smallest semidominator on the path from v up
     * to sdom(v), idom(v) = sdom(v) if sdom(u) == sdom(v), else idom(u), resolved afterwards in preorder.
     */
    private void computeImmediateDominators() {
        groupBySemidominator();
        for (int w = 0; w <= count; w++) {
            ancestor.set(w, idom.get(w));
            label.set(w, w);
        }
        IntArray bucketStart = predStart;
        IntArray bucket = preds;
        for (int s = count; s >= 0; s--) {
            for (int p = bucketStart.get(s), end = bucketStart.get(s + 1); p < end; p++) {
                int v = bucket.get(p);
                int u = eval(v, s);
                idom.set(v, semi.get(u) < semi.get(v) ? u : s);
            }
        }
        predStart.release();
        predStart = null;
        preds.release();
        preds = null;
        label.release();
        label = null;
        ancestor.release();
        ancestor = null;
        for (int w = 1; w <= count; w++) {
            int d = idom.get(w);
            if (d != semi.get(w)) {
                idom.set(w, idom.get(d)); // Parents come first in preorder, so idom[idom[w]] is final.
            }
        }
        semi.release();
        semi = null;
    }

    /** Counting sort of vertices 1..count by semidominator, into the predecessor arrays (no longer needed). */
    private void groupBySemidominator() {
        // Every reachable vertex has at least one predecessor (its DFS parent or the virtual root): preds is big enough.
        predStart.fill(0);
        for (int w = 1; w <= count; w++) {
            predStart.add(semi.get(w), 1);
        }
        IntGraph.prefixSumInclusive(predStart, count + 1);
        for (int w = count; w >= 1; w--) {
            preds.set(predStart.add(semi.get(w), -1), w);
        }
    }

    /**
     * The vertex with the smallest semidominator on the forest path from v (which must be linked, v > linkedAbove)
     * up to, but excluding, its forest root. Vertices numbered above linkedAbove are the linked ones.
     */
    private int eval(int v, int linkedAbove) {
        compress(v, linkedAbove);
        return label.get(v);
    }

    /** Points every vertex on v's path straight at the forest root, carrying the best label down; iterative. */
    private void compress(int v, int linkedAbove) {
        int x = v;
        while (ancestor.get(x) > linkedAbove) {
            path.add(x);
            x = ancestor.get(x);
        }
        // Top-down: each vertex's ancestor already points at the root and carries the best label of its path.
        while (!path.isEmpty()) {
            int y = path.pop();
            int a = ancestor.get(y);
            int labelA = label.get(a);
            if (semi.get(labelA) < semi.get(label.get(y))) {
                label.set(y, labelA);
            }
            ancestor.set(y, ancestor.get(a));
        }
    }

    private DominatorTree toNodeSpace() {
        IntArray nodeIdom = storage.ints(nodeCount);
        nodeIdom.fill(DominatorTree.UNREACHABLE);
        for (int w = 1; w <= count; w++) {
            int d = idom.get(w);
            nodeIdom.set(order.get(w - 1), d == 0 ? DominatorTree.VIRTUAL_ROOT : order.get(d - 1));
        }
        idom.release();
        idom = null;
        IntArray preorder = order;
        if (count < nodeCount) {
            preorder = storage.ints(count);
            for (int i = 0; i < count; i++) {
                preorder.set(i, order.get(i));
            }
            order.release();
        }
        order = null;
        return new DominatorTree(nodeIdom, preorder, storage);
    }
}
