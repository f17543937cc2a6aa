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

    private HeapGraph(HeapSnapshot snapshot, IntGraph graph, int[] roots, BitSet garbage, BitSet unknown) {
        this.snapshot = snapshot;
        this.graph = graph;
        this.gcRoots = snapshot.gcRoots();
        this.roots = roots;
        this.garbage = garbage;
        this.reachabilityUnknown = unknown;
    }

    /** Builds the graph; {@code keepUnreachable} overrides the default, which keeps them only in a truncated dump. */
    public static HeapGraph of(HeapSnapshot snapshot, boolean keepUnreachable) {
        IntGraph g = new IntGraph(snapshot.objectCount(), snapshot.outboundOffsets(), snapshot.outboundTargets(),
                snapshot.storage());
        int[] gcRoots = snapshot.gcRoots();
        BitSet reached = Reachability.reachable(g, gcRoots);
        BitSet unreached = new BitSet(snapshot.objectCount());
        unreached.set(0, snapshot.objectCount());
        unreached.andNot(reached);
        if (!keepUnreachable || unreached.isEmpty()) {
            return new HeapGraph(snapshot, g, gcRoots, unreached, new BitSet());
        }
        return new HeapGraph(snapshot, g, withEntryPoints(g, gcRoots, reached, unreached), new BitSet(), unreached);
    }

    /** The default: unreachable objects are garbage in a complete dump and kept in a truncated one. */
    public static HeapGraph of(HeapSnapshot snapshot) {
        return of(snapshot, snapshot.truncation().isPresent());
    }

    /**
     * Adds, as roots, the unreached objects that nothing else unreached points to, then, for what is still not
     * covered (cycles), the lowest-numbered such object, until every unreached object hangs below a root.
     */
    private static int[] withEntryPoints(IntGraph g, int[] gcRoots, BitSet reached, BitSet unreached) {
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
        BitSet covered = (BitSet) reached.clone();
        for (int v = unreached.nextSetBit(0); v >= 0; v = unreached.nextSetBit(v + 1)) {
            if (!pointedAt.get(v)) {
                extra.add(v);
            }
        }
        covered.or(Reachability.reachableAvoiding(g, extra.toArray(), covered));
        for (int v = unreached.nextSetBit(0); v >= 0; v = unreached.nextSetBit(v + 1)) {
            if (!covered.get(v)) {
                extra.add(v);
                covered.or(Reachability.reachableAvoiding(g, new int[] {v}, covered));
            }
        }
        int[] all = new int[gcRoots.length + extra.size()];
        System.arraycopy(gcRoots, 0, all, 0, gcRoots.length);
        System.arraycopy(extra.toArray(), 0, all, gcRoots.length, extra.size());
        return all;
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
