package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.Storage;

import java.util.BitSet;

/**
 * Lengauer-Tarjan dominators ("simple" version, path compression without balancing) on int arrays,
 * iterative throughout. Vertices are handled by DFS number: 0 is the virtual root, 1..count the reachable
 * nodes. Besides the predecessor lists (only those numbered above their target) it holds six ints per node at most,
 * and it drops each array as soon as it is dead so that heaps of 10^8 objects fit. The arrays come from the graph's
 * storage: on the heap, or in mapped files, where the sweeps' mostly sequential order (DFS numbers up or down) keeps
 * paging cheap, and in a small page cache the predecessor lists are built from pairs sorted into buckets (two ints per
 * pair, in files, while the lists are built) rather than by updates at random places.
 *
 * <p>Immediate dominators are derived in a second sweep instead of the textbook's per-vertex buckets: all
 * semidominators are computed first, then the vertices are grouped by semidominator (reusing the
 * predecessor arrays) and the forest is replayed. That saves the two bucket arrays.
 *
 * <p>The depth-first numbering comes from {@link DepthFirstNumbering}: for a heap graph, the walk that found what the
 * roots reach.
 */
final class LengauerTarjan {
    private final int nodeCount;
    private final IntArray offsets;
    private final IntArray targets;
    private final Storage storage;
    private final int[] roots;

    /** Number of reachable nodes; they have DFS numbers 1..count. */
    private final int count;
    /** order[i - 1] = the node with DFS number i; becomes the preorder result. */
    private IntArray order;
    /** Node -> DFS number, 0 for unreached. Only needed until the predecessors are in DFS numbers. */
    private IntArray dfsNumber;
    /**
     * The link-eval forest, two ints per vertex side by side: forest[2v] is v's compressed "ancestor" link (at first
     * its DFS parent), forest[2v + 1] its label, the best value on the compressed path from v up to (excluding) that
     * ancestor: the smallest semidominator in the first sweep, the vertex holding the smallest semidominator in the
     * second. Path compression reads both of a vertex at once: one cache line (or page) instead of two.
     */
    private IntArray forest;
    /** Semidominator (as a DFS number). */
    private IntArray semi;
    /** Immediate dominator by DFS number; holds the DFS parents until the second sweep. */
    private IntArray idom;
    /** Predecessor lists by DFS number (CSR), later reused for the vertices grouped by semidominator. */
    private IntArray predStart;
    private IntArray preds;
    /**
     * The depth-first walk's frames (2 (nodeCount + 1) ints), dead when this starts: first the node-to-number array,
     * then the forest. Neither needs fresh memory, which the kernel must zero and, under a memory cap, write back.
     */
    private IntArray scratch;
    /** When built from pairs, the DFS tree edges (a bit per edge): their predecessor is the DFS parent, so no pair. */
    private BitSet treeEdges;
    /** When built from pairs, they go to buckets of 2^bucketBits targets. */
    private final int bucketBits;
    /** Explicit stack for path compression, which would otherwise recurse as deep as the DFS tree. */
    private int[] path = new int[256];

    /** Takes over the arrays of the numbering, which must come from these roots. */
    LengauerTarjan(DepthFirstNumbering dfs, int[] roots) {
        this(dfs, roots, BUCKET_BITS);
    }

    /** As {@link #LengauerTarjan(DepthFirstNumbering, int[])}, with buckets of 2^bucketBits targets (tests: tiny ones). */
    LengauerTarjan(DepthFirstNumbering dfs, int[] roots, int bucketBits) {
        IntGraph g = dfs.graph();
        this.nodeCount = g.nodeCount();
        this.offsets = g.offsets();
        this.targets = g.targets();
        this.storage = g.storage();
        this.roots = roots;
        this.count = dfs.count();
        this.order = dfs.order();
        this.idom = dfs.parents();
        this.scratch = dfs.takeScratch();
        this.treeEdges = dfs.takeTreeEdges();
        this.bucketBits = bucketBits;
    }

    DominatorTree run() {
        numberNodes();
        if (treeEdges != null) { // the walk marked its tree edges because pairs pay here (buildsFromPairs)
            buildPredecessorsInBuckets();
        } else {
            buildPredecessors();
        }
        computeSemidominators();
        computeImmediateDominators();
        return toNodeSpace();
    }

    /** The node-to-number array, filled from the preorder in one pass (0 for the nodes no root reaches). */
    private void numberNodes() {
        dfsNumber = scratch.viewOfFirst(nodeCount);
        dfsNumber.fill(0);
        for (int number = 1; number <= count; number++) {
            dfsNumber.set(order.get(number - 1), number);
        }
    }

    /**
     * Predecessors by DFS number, split by kind. One numbered below its target (the DFS parent, a forward edge, the
     * virtual root 0 above each root) is an unprocessed vertex when the semidominator sweep reaches the target, so it
     * is its own candidate and only the smallest counts: that one goes straight into semi[w]. Only the predecessors
     * numbered above their target (back and cross edges), which need the forest, are listed: a counting sort in two
     * passes. So the lists are shorter and the second pass writes fewer random places. Both passes walk the nodes in
     * id order, not DFS order, so the edge arrays are read sequentially.
     */
    private void buildPredecessors() {
        startSemidominators();
        predStart = storage.ints(count + 2L);
        // Hot loops: every edge of the reachable graph, with a lookup at a random place per edge.
        for (int node = 0; node < nodeCount; node++) {
            int v = dfsNumber.get(node);
            if (v != 0) {
                for (int e = offsets.get(node), end = offsets.get(node + 1); e < end; e++) {
                    countPredecessor(dfsNumber.get(targets.get(e)), v); // Targets of reachable nodes are reachable.
                }
            }
        }
        allocatePredecessorLists();
        for (int node = 0; node < nodeCount; node++) {
            int v = dfsNumber.get(node);
            if (v != 0) {
                for (int e = offsets.get(node), end = offsets.get(node + 1); e < end; e++) {
                    listPredecessor(dfsNumber.get(targets.get(e)), v);
                }
            }
        }
        dfsNumber = null; // its memory becomes the forest
    }

    /**
     * Each vertex's semidominator starts as its DFS parent, the first predecessor numbered below it (idom holds the
     * parents until the second sweep); a root's is the virtual root 0, also when the walk reached it from an earlier
     * root.
     */
    private void startSemidominators() {
        semi = storage.ints(count + 1L);
        for (int w = 0; w <= count; w++) {
            semi.set(w, idom.get(w));
        }
        for (int root : roots) {
            semi.set(dfsNumber.get(root), 0);
        }
    }

    /** First pass over a predecessor v of w: counted for w's list when numbered above w, else a candidate for semi. */
    private void countPredecessor(int w, int v) {
        if (v > w) {
            predStart.add(w, 1);
        } else if (v < semi.get(w)) {
            semi.set(w, v);
        }
    }

    /** The counts become the lists' ends; at least one slot per vertex, as the lists are reused for the buckets. */
    private void allocatePredecessorLists() {
        IntGraph.prefixSumInclusive(predStart, count + 1);
        preds = storage.ints(Math.max(predStart.get(count + 1), count));
    }

    /** Second pass: v goes into w's list when numbered above w (filled backwards, so each list keeps the pass order). */
    private void listPredecessor(int w, int v) {
        if (v > w) {
            preds.set(predStart.add(w, -1), v);
        }
    }

    /**
     * Targets per bucket of predecessor pairs: 2^20, so a bucket's share of semi and predStart (4 MiB each) stays in
     * the page cache while its pairs are read.
     */
    static final int BUCKET_BITS = 20;

    /**
     * Page cache per node below which the predecessor lists are built from pairs: twice the 12 bytes per node that the
     * direct build updates at random places (the node-to-number array, semi, predStart). Measured inside a 1.5 GiB
     * cgroup (908 MiB of page cache): the 1 GiB dump, with 4.5 times those bytes, built its dominator tree in 4.4 s
     * directly against 5.9 s from pairs, whose files cost more than they save; the 4 GiB dump, with 1.2 times, in 44.9
     * s from pairs against 51.1 s directly (medians of three).
     */
    static final int PAIRS_BELOW_ROOM_PER_NODE = 24;

    /**
     * Whether the predecessor lists are built from pairs in buckets ({@link #buildPredecessorsInBuckets}): with mapped
     * arrays whose page cache cannot hold the direct build's random updates with room to spare, or is not known.
     */
    static boolean buildsFromPairs(Storage storage, long nodes) {
        return storage.isMapped() && storage.pageCacheRoom() < PAIRS_BELOW_ROOM_PER_NODE * nodes;
    }

    /**
     * {@link #buildPredecessors} for mapped arrays in a small page cache ({@link #buildsFromPairs}), where its random
     * updates of semi and predStart, one per edge, are what pages: their dirty pages are written to disk and read back
     * again and again. Here the edges are read once, in node order, and each becomes a (target, source) pair of DFS
     * numbers appended to its target's bucket; the buckets are then read twice in target order, to count the lists'
     * lengths and to fill them, so that the updates stay within one bucket's range. The lists come out the same, in
     * the same order. The tree edges make no pair: semi starts as the DFS parent. On the 4 GiB dump inside a 1.5 GiB
     * cgroup this step took 10.9 to 11.1 s against 13.2 to 19.2 s (three runs each), and `analyze` 87.9 s against
     * 89.8 s (medians of three in turn). On the heap it was slower (the dominator tree phase 2.3 s against 2.0 s on the
     * 1 GiB dump) and needed more memory.
     */
    private void buildPredecessorsInBuckets() {
        startSemidominators();
        int buckets = (count >>> bucketBits) + 1;
        IntList[] targetsOf = new IntList[buckets];
        IntList[] sourcesOf = new IntList[buckets];
        for (int b = 0; b < buckets; b++) {
            targetsOf[b] = new IntList(storage);
            sourcesOf[b] = new IntList(storage);
        }
        // Hot loop: every edge of the reachable graph but the tree edges, with a lookup at a random place per edge.
        for (int node = 0; node < nodeCount; node++) {
            int v = dfsNumber.get(node);
            if (v != 0) {
                for (int e = offsets.get(node), end = offsets.get(node + 1); e < end; e++) {
                    if (!treeEdges.get(e)) {
                        int w = dfsNumber.get(targets.get(e)); // Targets of reachable nodes are reachable: never 0.
                        targetsOf[w >>> bucketBits].add(w);
                        sourcesOf[w >>> bucketBits].add(v);
                    }
                }
            }
        }
        treeEdges = null;
        dfsNumber = null; // its memory becomes the forest
        predStart = storage.ints(count + 2L);
        // Hot loops: every pair twice, bucket by bucket.
        for (int b = 0; b < buckets; b++) {
            for (int i = 0, size = targetsOf[b].size(); i < size; i++) {
                countPredecessor(targetsOf[b].get(i), sourcesOf[b].get(i));
            }
        }
        allocatePredecessorLists();
        for (int b = 0; b < buckets; b++) {
            for (int i = 0, size = targetsOf[b].size(); i < size; i++) {
                listPredecessor(targetsOf[b].get(i), sourcesOf[b].get(i));
            }
            targetsOf[b].release();
            sourcesOf[b].release();
        }
    }

    /**
     * Semidominators in reverse preorder. Vertex w's forest is implicit: every vertex numbered above w has been
     * processed and is linked to its DFS parent, every other vertex is a forest root, so no link step is needed.
     * In this sweep labels hold semidominator values rather than vertices, saving an indirection per step.
     */
    private void computeSemidominators() {
        forest = scratch.viewOfFirst(2 * (count + 1L)); // every link is set here, every label before it is read
        for (int w = 0; w <= count; w++) {
            forest.set(2L * w, idom.get(w)); // idom keeps the DFS parents: compression overwrites the links.
        }
        // Hot loop: every listed predecessor once, in reverse preorder.
        for (int w = count; w >= 1; w--) {
            int best = semi.get(w); // the smallest predecessor numbered below w, or w
            for (int p = predStart.get(w), end = predStart.get(w + 1); p < end; p++) {
                // A processed predecessor offers the smallest semidominator on its path up to the nearest unprocessed
                // ancestor.
                int candidate = smallestSemiOnPath(preds.get(p), w);
                if (candidate < best) {
                    best = candidate;
                }
            }
            semi.set(w, best);
            forest.set(2L * w + 1, best);
        }
    }

    /** Value version of {@link #eval}: the smallest semidominator on v's forest path (v > linkedAbove). */
    private int smallestSemiOnPath(int v, int linkedAbove) {
        int depth = pathAbove(v, linkedAbove);
        // Top-down: each vertex's ancestor already points at the root and carries the best label of its path.
        while (depth > 0) {
            long y = 2L * path[--depth];
            long a = 2L * forest.get(y);
            int labelA = forest.get(a + 1);
            if (labelA < forest.get(y + 1)) {
                forest.set(y + 1, labelA);
            }
            forest.set(y, forest.get(a));
        }
        return forest.get(2L * v + 1);
    }

    /**
     * Pushes the vertices on v's forest path whose ancestor is linked (numbered above linkedAbove), from v up; returns
     * how many. The last one's ancestor points straight at the forest root already.
     */
    private int pathAbove(int v, int linkedAbove) {
        int depth = 0;
        int x = v;
        int a;
        while ((a = forest.get(2L * x)) > linkedAbove) {
            if (depth == path.length) {
                path = java.util.Arrays.copyOf(path, 2 * depth);
            }
            path[depth++] = x;
            x = a;
        }
        return depth;
    }

    /**
     * Replays the forest, visiting each vertex v when the sweep reaches sdom(v): at that moment the textbook
     * algorithm would take v out of its bucket. With u the vertex of smallest semidominator on the path from v up
     * to sdom(v), idom(v) = sdom(v) if sdom(u) == sdom(v), else idom(u), resolved afterwards in preorder.
     */
    private void computeImmediateDominators() {
        groupBySemidominator();
        for (int w = 0; w <= count; w++) {
            forest.set(2L * w, idom.get(w));
            forest.set(2L * w + 1, w);
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
        forest = null;
        scratch.release();
        scratch = null;
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
     * up to, but excluding, its forest root. Vertices numbered above linkedAbove are the linked ones. Compresses the
     * path on the way: every vertex on it then points straight at the root, carrying the best label down.
     */
    private int eval(int v, int linkedAbove) {
        int depth = pathAbove(v, linkedAbove);
        while (depth > 0) {
            long y = 2L * path[--depth];
            long a = 2L * forest.get(y);
            int labelA = forest.get(a + 1);
            if (semi.get(labelA) < semi.get(forest.get(y + 1))) {
                forest.set(y + 1, labelA);
            }
            forest.set(y, forest.get(a));
        }
        return forest.get(2L * v + 1);
    }

    private DominatorTree toNodeSpace() {
        IntArray nodeIdom = storage.ints(nodeCount);
        nodeIdom.fill(DominatorTree.UNREACHABLE);
        // On the heap, the idom array (by DFS number) becomes the preorder's idoms in node ids: slot w - 1 is written
        // once slot w is read. Read in order, it spares the retained sizes and the children lists a lookup at a random
        // place per node (DominatorTree#idomsInPreorder). Mapped, it is dropped as before: kept, its dirty pages were
        // written back under a memory cap (4 GiB dump in 1.5 GiB: 4 s more system time, 87.5 s against 84.7 s).
        boolean keep = !storage.isMapped();
        for (int w = 1; w <= count; w++) {
            int d = idom.get(w);
            int dominator = d == 0 ? DominatorTree.VIRTUAL_ROOT : order.get(d - 1);
            nodeIdom.set(order.get(w - 1), dominator);
            if (keep) {
                idom.set(w - 1, dominator);
            }
        }
        IntArray preorderIdoms = keep ? idom.viewOfFirst(count) : null;
        if (!keep) {
            idom.release();
        }
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
        return new DominatorTree(nodeIdom, preorder, preorderIdoms, storage);
    }
}
