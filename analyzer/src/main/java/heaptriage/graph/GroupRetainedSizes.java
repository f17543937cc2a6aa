package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

/**
 * Exact retained sizes of up to 32 disjoint groups of nodes (say, the instances of the top 20 classes) in one
 * propagation instead of one reachability pass per group. Each node gets a bit mask of the groups it survives:
 * bit g is set when some path from a root reaches the node without entering group g. Masks only grow, so every
 * node is revisited at most 33 times and usually once or twice.
 */
public final class GroupRetainedSizes {
    public static final int MAX_GROUPS = 32;

    private GroupRetainedSizes() {
    }

    /**
     * @param groupOf for each node, its group (0..groups-1) or -1
     * @return per group, the shallow size of everything no root reaches once the whole group is removed
     */
    public static long[] exact(IntGraph g, int[] roots, int[] shallow, int[] groupOf, int groups) {
        return exact(g, roots, shallow, groupOf, groups, null);
    }

    /** As above, with a preorder, for heap arrays (tests, small graphs). */
    public static long[] exact(IntGraph g, int[] roots, int[] shallow, int[] groupOf, int groups, int[] order) {
        Membership members = Membership.of(g);
        for (int v = 0; v < groupOf.length; v++) {
            members.put(v, groupOf[v]);
        }
        return exact(g, roots, IntArray.wrap(shallow), members, groups, order == null ? null : IntArray.wrap(order));
    }

    /**
     * Which group each node belongs to, kept where the propagation keeps its masks: one long per node, the group's
     * bit in the high half and the survival mask in the low half. The propagation reads both for the target of every
     * edge; side by side they cost one cache line, or with mapped arrays one page, per edge instead of two. The
     * caller fills it; {@link #exact} consumes it.
     */
    public static final class Membership {
        private final LongArray state;

        private Membership(LongArray state) {
            this.state = state;
        }

        /** No node in any group yet; placed like the graph's arrays. */
        public static Membership of(IntGraph g) {
            return new Membership(g.storage().longs(g.nodeCount()));
        }

        /** Puts the node in group (0..31); -1 leaves it in none. */
        public void put(int node, int group) {
            state.set(node, (long) bit(group) << 32);
        }

        public boolean isInAGroup(int node) {
            return state.get(node) != 0;
        }
    }

    /**
     * As above; {@code order} (e.g. the dominator tree's depth-first preorder of reachable nodes) lets a first
     * sweep give most nodes their final mask at once, leaving a queue only for what edges back up the order improve.
     * The membership's array is used for the masks and released.
     */
    public static long[] exact(IntGraph g, int[] roots, IntArray shallow, Membership members, int groups, IntArray order) {
        if (groups < 0 || groups > MAX_GROUPS) {
            throw new IllegalArgumentException("between 0 and " + MAX_GROUPS + " groups, not " + groups);
        }
        int n = g.nodeCount();
        IntArray offsets = g.offsets();
        IntArray targets = g.targets();
        int all = groups == 32 ? -1 : (1 << groups) - 1;
        LongArray state = members.state;
        java.util.BitSet reached = new java.util.BitSet(n);
        java.util.BitSet done = new java.util.BitSet(n);   // handled by the sweep; later changes go to the queue
        java.util.BitSet queued = new java.util.BitSet(n);
        IntQueue queue = new IntQueue(1 << 16);
        for (int r : roots) {
            reached.set(r);
            long s = state.get(r);
            state.set(r, s | ((all & ~bitOf(s)) & 0xFFFFFFFFL));
            if (order == null && !queued.get(r)) {
                queued.set(r);
                queue.add(r);
            }
        }
        if (order != null) {
            for (int i = 0, count = (int) order.length(); i < count; i++) {
                int u = order.get(i);
                done.set(u);
                propagate(u, state, reached, offsets, targets, done, queued, queue);
            }
        }
        while (!queue.isEmpty()) {
            int u = queue.poll();
            queued.clear(u);
            propagate(u, state, reached, offsets, targets, null, queued, queue);
        }
        long[] lost = new long[groups];
        for (int v = reached.nextSetBit(0); v >= 0; v = reached.nextSetBit(v + 1)) {
            int dead = all & ~(int) state.get(v);
            while (dead != 0) {
                int gIndex = Integer.numberOfTrailingZeros(dead);
                lost[gIndex] += shallow.get(v);
                dead &= dead - 1;
            }
        }
        state.release();
        return lost;
    }

    /** Pushes u's mask along its edges; a target that gains bits is queued unless the sweep has yet to reach it. */
    private static void propagate(int u, LongArray state, java.util.BitSet reached, IntArray offsets, IntArray targets,
                                  java.util.BitSet done, java.util.BitSet queued, IntQueue queue) {
        int mask = (int) state.get(u);
        for (int e = offsets.get(u), end = offsets.get(u + 1); e < end; e++) {
            int w = targets.get(e);
            long s = state.get(w);
            int candidate = mask & ~bitOf(s);
            boolean fresh = !reached.get(w);
            if (fresh || (candidate & ~(int) s) != 0) {
                reached.set(w);
                state.set(w, s | (candidate & 0xFFFFFFFFL));
                boolean sweepWillVisit = done != null && !done.get(w);
                if (!sweepWillVisit && !queued.get(w)) {
                    queued.set(w);
                    queue.add(w);
                }
            }
        }
    }

    /** The group bit kept in a packed state's high half. */
    private static int bitOf(long state) {
        return (int) (state >>> 32);
    }

    private static int bit(int group) {
        return group < 0 ? 0 : 1 << group;
    }

    /** A growable ring buffer of ints. */
    private static final class IntQueue {
        private int[] items;
        private int head;
        private int size;

        IntQueue(int capacity) {
            items = new int[capacity];
        }

        void add(int v) {
            if (size == items.length) {
                int[] bigger = new int[items.length * 2];
                for (int i = 0; i < size; i++) {
                    bigger[i] = items[(head + i) % items.length];
                }
                items = bigger;
                head = 0;
            }
            items[(head + size) % items.length] = v;
            size++;
        }

        int poll() {
            int v = items[head];
            head = (head + 1) % items.length;
            size--;
            return v;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
