package heaptriage.analysis;

import heaptriage.graph.EdgeFilter;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.hprof.BasicType;
import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.BitSet;

/**
 * The edges a leak path must not follow, as MAT's "exclude weak/soft references": from each
 * {@code java.lang.ref.Reference} to its referent, and from the {@code java.lang.ref.Finalizer} class to its queue of
 * unfinalized objects. Each source has at most one such edge. The breadth-first search asks once per edge to a node it
 * has not reached (tens of millions of times), so the answer is a bit test for most sources and a binary search over
 * a sorted int array for the few that have one, with no boxing.
 */
final class WeakEdges implements EdgeFilter {
    private final BitSet sources;
    private final int[] from;
    private final int[] to;

    private WeakEdges(BitSet sources, int[] from, int[] to) {
        this.sources = sources;
        this.from = from;
        this.to = to;
    }

    /** The weak edges of the snapshot, or {@link EdgeFilter#NONE} when it has none. */
    static EdgeFilter of(HeapSnapshot s) {
        IntList pairs = new IntList(1024);
        try {
            addReferents(s, pairs);
            addFinalizerQueue(s, pairs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pairs.size() == 0 ? EdgeFilter.NONE : sorted(pairs.toArray(), s.objectCount());
    }

    @Override
    public boolean skip(int source, int edgeIndex, int target) {
        if (!sources.get(source)) {
            return false;
        }
        int at = Arrays.binarySearch(from, source);
        return at >= 0 && to[at] == target;
    }

    /** One pass over the objects' classes: each instance of a Reference class gives (itself, its referent). */
    private static void addReferents(HeapSnapshot s, IntList pairs) throws IOException {
        boolean[] isReference = new boolean[s.classes().size()];
        boolean any = false;
        for (HeapClass c : s.classes()) {
            if (s.isSubclassOf(c, "java.lang.ref.Reference")) {
                isReference[c.slot()] = true;
                any = true;
            }
        }
        if (!any) {
            return;
        }
        IntArray slots = s.classSlots();
        for (int i = 0, n = (int) slots.length(); i < n; i++) {
            if (isReference[slots.get(i)]) {
                int referent = s.instance(i).ref("referent");
                if (referent >= 0) {
                    pairs.add(i);
                    pairs.add(referent);
                }
            }
        }
    }

    private static void addFinalizerQueue(HeapSnapshot s, IntList pairs) throws IOException {
        for (HeapClass c : s.classes()) {
            if (c.name().equals("java.lang.ref.Finalizer") && c.objectIndex() >= 0) {
                for (int i = 0; i < c.statics().size(); i++) {
                    if (c.statics().get(i).name().equals("unfinalized") && c.statics().get(i).type() == BasicType.OBJECT) {
                        int target = s.indexOf(c.staticValue(i));
                        if (target >= 0) {
                            pairs.add(c.objectIndex());
                            pairs.add(target);
                        }
                    }
                }
            }
        }
    }

    /** Sorts the (source, target) pairs by source; a later pair for the same source wins, as a map's put would. */
    private static WeakEdges sorted(int[] pairs, int nodeCount) {
        int count = pairs.length / 2;
        long[] packed = new long[count];
        for (int p = 0; p < count; p++) {
            // source in the high half, arrival order in the low half: a stable sort by source
            packed[p] = (long) pairs[2 * p] << 32 | p;
        }
        Arrays.sort(packed);
        int[] from = new int[count];
        int[] to = new int[count];
        BitSet sources = new BitSet(nodeCount);
        int kept = 0;
        for (int k = 0; k < count; k++) {
            int source = (int) (packed[k] >>> 32);
            int target = pairs[2 * (int) packed[k] + 1];
            if (kept > 0 && from[kept - 1] == source) {
                to[kept - 1] = target;
            } else {
                from[kept] = source;
                to[kept++] = target;
                sources.set(source);
            }
        }
        return new WeakEdges(sources, Arrays.copyOf(from, kept), Arrays.copyOf(to, kept));
    }
}
