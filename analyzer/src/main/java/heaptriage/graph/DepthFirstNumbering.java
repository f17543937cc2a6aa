package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.Storage;

import java.util.BitSet;

/**
 * A depth-first numbering of the nodes reachable from a sequence of roots: the preorder and each vertex's DFS parent,
 * what Lengauer-Tarjan starts from. It is also the heap graph's reachability walk (the reached set is a by-product),
 * so that a complete analysis walks the graph once instead of twice; the walk is faster than a breadth-first one
 * because each step reads the edges of the node it just reached. Roots can be added one at a time
 * ({@link #descendFrom}), as a truncated dump's entry points are found after the GC roots' walk: the numbering is
 * the same as one walk from all the roots in that order.
 *
 * <p>Vertices are handled by DFS number: 0 is the virtual root above all roots, 1..count the reached nodes.
 */
final class DepthFirstNumbering {
    private final IntGraph graph;
    private final IntArray offsets;
    private final IntArray targets;
    /** "Seen" is a bit per node on the heap: with mapped arrays a lookup per edge in a node-sized array would page. */
    private final BitSet seen;
    /** order[i - 1] = the node with DFS number i. */
    private IntArray order;
    /** DFS number -> DFS number of its parent, 0 (the virtual root) for a root. */
    private IntArray parent;
    /**
     * Each vertex's frame (next edge to try, end of its edges), side by side, so that returning to a parent touches a
     * single cache line instead of re-reading the node's offsets. The stack itself is implicit in the parent links.
     */
    private IntArray frames;
    /**
     * When Lengauer-Tarjan builds its predecessor lists from pairs ({@link LengauerTarjan#buildsFromPairs}), the edges
     * the walk took to reach a node (its tree edges), a bit per edge on the heap: each is the edge from a vertex's DFS
     * parent, which Lengauer-Tarjan knows from the parent links, so it makes no pair for them. Null otherwise.
     */
    private BitSet treeEdges;
    private int count;

    private DepthFirstNumbering(IntGraph graph) {
        this.graph = graph;
        this.offsets = graph.offsets();
        this.targets = graph.targets();
        int n = graph.nodeCount();
        Storage storage = graph.storage();
        this.seen = new BitSet(n);
        this.order = storage.ints(n);
        this.parent = storage.ints(n + 1L);
        this.frames = storage.ints(2 * (n + 1L));
        this.treeEdges = LengauerTarjan.buildsFromPairs(storage, n) ? new BitSet(offsets.get(n)) : null;
    }

    /** Numbers what the roots reach, in the roots' order; roots may repeat. More may follow ({@link #descendFrom}). */
    static DepthFirstNumbering from(IntGraph graph, int[] roots) {
        DepthFirstNumbering dfs = new DepthFirstNumbering(graph);
        for (int root : roots) {
            dfs.descendFrom(root);
        }
        return dfs;
    }

    /**
     * A true DFS (not "mark on push"), as Lengauer-Tarjan needs a DFS tree, from one more root; nothing happens when
     * the root was reached already.
     */
    void descendFrom(int root) {
        Reachability.checkRoot(root, graph.nodeCount());
        if (seen.get(root)) {
            return;
        }
        // Hot loop over primitive arrays: one step per edge of every reachable object.
        int current = visit(root, 0);
        while (current != 0) {
            long frame = 2L * current;
            int e = frames.get(frame);
            int end = frames.get(frame + 1);
            while (e < end && seen.get(targets.get(e))) {
                e++;
            }
            if (e < end) {
                frames.set(frame, e + 1);
                if (treeEdges != null) {
                    treeEdges.set(e);
                }
                current = visit(targets.get(e), current);
            } else {
                current = parent.get(current); // All edges tried: return to the DFS parent.
            }
        }
    }

    private int visit(int node, int parentNumber) {
        int number = ++count;
        seen.set(node);
        order.set(number - 1, node);
        parent.set(number, parentNumber);
        frames.set(2L * number, offsets.get(node));
        frames.set(2L * number + 1, offsets.get(node + 1));
        return number;
    }

    /**
     * The walk's frames, two ints per node plus two, dead once no roots follow: Lengauer-Tarjan's node-to-number array
     * and link-eval forest fit in them one after the other. The caller owns them from now on; until then they stay
     * with the numbering, and {@link #release} gives them back.
     */
    IntArray takeScratch() {
        IntArray scratch = frames;
        frames = null;
        return scratch;
    }

    /** The tree edges (a bit per edge) when Lengauer-Tarjan builds from pairs, else null; the caller owns them now. */
    BitSet takeTreeEdges() {
        BitSet taken = treeEdges;
        treeEdges = null;
        return taken;
    }

    IntGraph graph() {
        return graph;
    }

    /** Whether a root so far reaches the node. */
    boolean reached(int node) {
        return seen.get(node);
    }

    /** The reached nodes as a new bit set. */
    BitSet reachedNodes() {
        return (BitSet) seen.clone();
    }

    /** Number of reached nodes; they have DFS numbers 1..count. */
    int count() {
        return count;
    }

    /** order[i - 1] = the node with DFS number i (the array has a slot per node; only the first count are set). */
    IntArray order() {
        return order;
    }

    /** parent[i] = the DFS number of vertex i's parent, 0 for a root; parent[0] = 0. */
    IntArray parents() {
        return parent;
    }

    /** Gives the arrays back when the numbering is not used after all. */
    void release() {
        treeEdges = null;
        if (frames != null) {
            frames.release();
            frames = null;
        }
        order.release();
        parent.release();
    }
}
