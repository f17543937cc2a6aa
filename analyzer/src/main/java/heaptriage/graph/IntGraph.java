package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.Storage;

/**
 * A directed graph in compressed sparse row form: the out-edges of node v are targets[offsets[v] .. offsets[v+1]).
 * The algorithms that run on it take their per-node arrays from the graph's {@link Storage}: the heap, or mapped
 * files when the heap graph is too big for the memory budget.
 */
public final class IntGraph {
    private final int nodeCount;
    private final IntArray offsets;
    private final IntArray targets;
    private final Storage storage;

    /**
     * Wraps the arrays without copying them. Duplicate edges and self-loops are allowed.
     * Only the shape is checked (an O(m) check of every target would cost too much on a heap graph).
     */
    public IntGraph(int nodeCount, IntArray offsets, IntArray targets, Storage storage) {
        if (nodeCount < 0 || offsets.length() != nodeCount + 1L) {
            throw new IllegalArgumentException("offsets must have nodeCount + 1 entries");
        }
        if (offsets.get(0) != 0 || offsets.get(nodeCount) > targets.length()) {
            throw new IllegalArgumentException("offsets must start at 0 and end within targets");
        }
        this.nodeCount = nodeCount;
        this.offsets = offsets;
        this.targets = targets;
        this.storage = storage;
    }

    /** A graph of heap arrays, wrapped without copying; the algorithms' arrays go on the heap too. */
    public IntGraph(int nodeCount, int[] offsets, int[] targets) {
        this(nodeCount, IntArray.wrap(offsets), IntArray.wrap(targets), Storage.onHeap());
    }

    /** Builds a graph from parallel edge arrays; each node's edges keep their order in the input. */
    public static IntGraph fromEdges(int nodeCount, int[] from, int[] to) {
        if (from.length != to.length) {
            throw new IllegalArgumentException("from and to must have the same length");
        }
        int[] offsets = new int[nodeCount + 1];
        for (int i = 0; i < from.length; i++) {
            checkNode(from[i], nodeCount);
            checkNode(to[i], nodeCount);
            offsets[from[i]]++;
        }
        prefixSumInclusive(offsets, nodeCount);
        int[] targets = new int[from.length];
        // Filling backwards while decrementing keeps each node's edges in input order.
        for (int i = from.length - 1; i >= 0; i--) {
            targets[--offsets[from[i]]] = to[i];
        }
        return new IntGraph(nodeCount, offsets, targets);
    }

    /** Builds a graph from {from, to} pairs; convenient for tests. */
    public static IntGraph fromEdges(int nodeCount, int[][] edges) {
        int[] from = new int[edges.length];
        int[] to = new int[edges.length];
        for (int i = 0; i < edges.length; i++) {
            from[i] = edges[i][0];
            to[i] = edges[i][1];
        }
        return fromEdges(nodeCount, from, to);
    }

    public int nodeCount() {
        return nodeCount;
    }

    public int edgeCount() {
        return offsets.get(nodeCount);
    }

    /** The internal offsets array (length nodeCount + 1); do not modify. */
    public IntArray offsets() {
        return offsets;
    }

    /** The internal targets array; do not modify. Only the first {@link #edgeCount()} entries are edges. */
    public IntArray targets() {
        return targets;
    }

    /** Where algorithms on this graph put their per-node arrays. */
    public Storage storage() {
        return storage;
    }

    /** Index of the first out-edge of v in {@link #targets()}. */
    public int firstEdge(int v) {
        return offsets.get(v);
    }

    /** Index one past the last out-edge of v in {@link #targets()}. */
    public int endEdge(int v) {
        return offsets.get(v + 1);
    }

    public int outDegree(int v) {
        return offsets.get(v + 1) - offsets.get(v);
    }

    public int target(int edgeIndex) {
        return targets.get(edgeIndex);
    }

    /**
     * The predecessor graph: an edge u -> v here becomes v -> u. Counting sort in two passes, O(n + m);
     * each node's predecessors come out in ascending order.
     */
    public IntGraph reversed() {
        int[] revOffsets = new int[nodeCount + 1];
        int edgeCount = edgeCount();
        for (int e = 0; e < edgeCount; e++) {
            revOffsets[targets.get(e)]++;
        }
        prefixSumInclusive(revOffsets, nodeCount);
        int[] sources = new int[edgeCount];
        // Walking sources downwards while decrementing leaves each list sorted ascending.
        for (int u = nodeCount - 1; u >= 0; u--) {
            for (int e = offsets.get(u + 1) - 1; e >= offsets.get(u); e--) {
                sources[--revOffsets[targets.get(e)]] = u;
            }
        }
        return new IntGraph(nodeCount, revOffsets, sources);
    }

    /**
     * Turns per-slot counts in counts[0..n) into running ends, with counts[n] = total. After a fill that
     * decrements counts[slot] before each write, counts[slot] is the start of the slot: a ready CSR offsets array.
     */
    static void prefixSumInclusive(int[] counts, int n) {
        prefixSumInclusive(IntArray.wrap(counts), n);
    }

    static void prefixSumInclusive(IntArray counts, int n) {
        int sum = 0;
        for (int i = 0; i < n; i++) {
            sum += counts.get(i);
            counts.set(i, sum);
        }
        counts.set(n, sum);
    }

    private static void checkNode(int node, int nodeCount) {
        if (node < 0 || node >= nodeCount) {
            throw new IllegalArgumentException("node " + node + " out of range [0, " + nodeCount + ")");
        }
    }
}
