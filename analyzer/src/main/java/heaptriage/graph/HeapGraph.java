package heaptriage.graph;

import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;

import java.util.BitSet;

/**
 * The object graph of a snapshot with the roots the analyses start from. In a complete dump these are the GC
 * roots, and objects they do not reach are garbage, removed before anything is computed, as MAT does. In a
 * truncated dump an object no root reaches may simply have lost its path in the cut: such objects are kept,
 * counted apart as "reachability unknown", and the entry points of that unreached part become extra roots, so
 * they sit in the dominator tree as top-level dominators of their own (their retained sizes are lower bounds).
 */
public final class HeapGraph {
    private final HeapSnapshot snapshot;
    private final IntGraph graph;
    private final int[] gcRoots;
    private final int[] roots;
    private final BitSet garbage;
    private final BitSet reachabilityUnknown;
    /** The walk that found what the roots reach, until the dominator tree takes it. */
    private DepthFirstNumbering numbering;

    private HeapGraph(HeapSnapshot snapshot, IntGraph graph, int[] roots, BitSet garbage, BitSet unknown,
            DepthFirstNumbering numbering) {
        this.snapshot = snapshot;
        this.graph = graph;
        this.gcRoots = snapshot.gcRoots();
        this.roots = roots;
        this.garbage = garbage;
        this.reachabilityUnknown = unknown;
        this.numbering = numbering;
    }

    /** Builds the graph; {@code keepUnreachable} overrides the default, which keeps them only in a truncated dump. */
    public static HeapGraph of(HeapSnapshot snapshot, boolean keepUnreachable) {
        IntGraph g = new IntGraph(snapshot.objectCount(), snapshot.outboundOffsets(), snapshot.outboundTargets(),
                snapshot.storage());
        int[] gcRoots = snapshot.gcRoots();
        // The dominators' depth-first walk doubles as the reachability walk: the graph is walked once, not twice.
        DepthFirstNumbering dfs = DepthFirstNumbering.from(g, gcRoots);
        BitSet unreached = dfs.reachedNodes();
        unreached.flip(0, snapshot.objectCount());
        if (!keepUnreachable || unreached.isEmpty()) {
            return new HeapGraph(snapshot, g, gcRoots, unreached, new BitSet(), dfs);
        }
        int[] roots = withEntryPoints(g, gcRoots, dfs, unreached);
        return new HeapGraph(snapshot, g, roots, new BitSet(), unreached, dfs);
    }

    /** The default: unreachable objects are garbage in a complete dump and kept in a truncated one. */
    public static HeapGraph of(HeapSnapshot snapshot) {
        return of(snapshot, snapshot.truncation().isPresent());
    }

    /**
     * Adds, as roots, the unreached objects that nothing else unreached points to, then, for what is still not
     * covered (cycles), the lowest-numbered such object, until every unreached object hangs below a root. The walk
     * from the GC roots goes on from each one, so it ends as one walk from all the roots.
     */
    private static int[] withEntryPoints(IntGraph g, int[] gcRoots, DepthFirstNumbering dfs, BitSet unreached) {
        IntArray offsets = g.offsets();
        IntArray targets = g.targets();
        BitSet pointedAt = new BitSet(g.nodeCount());
        for (int v = unreached.nextSetBit(0); v >= 0; v = unreached.nextSetBit(v + 1)) {
            for (int e = offsets.get(v), end = offsets.get(v + 1); e < end; e++) {
                int t = targets.get(e);
                if (t != v) {
                    pointedAt.set(t);
                }
            }
        }
        IntList extra = new IntList(1024);
        for (int v = unreached.nextSetBit(0); v >= 0; v = unreached.nextSetBit(v + 1)) {
            if (!pointedAt.get(v)) {
                extra.add(v);
            }
        }
        for (int i = 0; i < extra.size(); i++) {
            dfs.descendFrom(extra.get(i));
        }
        for (int v = unreached.nextSetBit(0); v >= 0; v = unreached.nextSetBit(v + 1)) {
            if (!dfs.reached(v)) {
                extra.add(v);
                dfs.descendFrom(v);
            }
        }
        int[] all = new int[gcRoots.length + extra.size()];
        System.arraycopy(gcRoots, 0, all, 0, gcRoots.length);
        System.arraycopy(extra.toArray(), 0, all, gcRoots.length, extra.size());
        return all;
    }

    /**
     * The depth-first numbering of the graph from {@link #roots()}, for the dominator tree: the one made while building
     * the graph the first time (the caller owns it from then on), a new one after that.
     */
    synchronized DepthFirstNumbering takeNumbering() {
        DepthFirstNumbering taken = numbering;
        numbering = null;
        return taken != null ? taken : DepthFirstNumbering.from(graph, roots);
    }

    /** Gives the numbering's arrays back when no dominator tree is computed from it (it was kept with the index). */
    synchronized void dropNumbering() {
        if (numbering != null) {
            numbering.release();
            numbering = null;
        }
    }

    public HeapSnapshot snapshot() {
        return snapshot;
    }

    public IntGraph graph() {
        return graph;
    }

    /** The GC roots as the dump names them (MAT's count). */
    public int[] gcRoots() {
        return gcRoots;
    }

    /** What the analyses start from: the GC roots, plus in a truncated dump the entry points of what they miss. */
    public int[] roots() {
        return roots;
    }

    /** Objects removed as garbage (none in a truncated dump by default). */
    public BitSet garbage() {
        return garbage;
    }

    /** The objects every analysis looks at: all but the garbage (every object in a truncated dump). A new copy. */
    public BitSet liveObjects() {
        BitSet live = new BitSet(snapshot.objectCount());
        live.set(0, snapshot.objectCount());
        live.andNot(garbage);
        return live;
    }

    /** Objects kept although no GC root reaches them, because the dump is truncated. */
    public BitSet reachabilityUnknown() {
        return reachabilityUnknown;
    }
}
