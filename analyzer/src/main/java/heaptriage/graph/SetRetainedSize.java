package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.LongArray;

import java.util.BitSet;

/** Retained size of a set of nodes (e.g. all instances of a class): a quick lower bound and the exact value. */
public final class SetRetainedSize {
    private SetRetainedSize() {
    }

    /**
     * Lower bound: the summed retained sizes of the members that no other member dominates (so nothing is counted
     * twice). Ignores what the members keep alive only together. Unreachable members count 0; duplicates are
     * ignored. Each idom chain is walked once, memoized with bit marks, so the cost is O(n) at worst in total.
     */
    public static long minimum(DominatorTree dt, long[] retained, int[] members) {
        return minimum(dt, LongArray.wrap(retained), members);
    }

    /** As {@link #minimum(DominatorTree, long[], int[])}, with the retained sizes in a storage array. */
    public static long minimum(DominatorTree dt, LongArray retained, int[] members) {
        BitSet isMember = toBitSet(members);
        MemberAboveMarks marks = new MemberAboveMarks(dt, isMember);
        long sum = 0;
        for (int m = isMember.nextSetBit(0); m >= 0; m = isMember.nextSetBit(m + 1)) {
            if (dt.isReachable(m) && !marks.memberAtOrAbove(dt.idom(m))) {
                sum += retained.get(m);
            }
        }
        return sum;
    }

    /**
     * Exact: the shallow size of everything that becomes unreachable from the roots once all members are removed.
     * Runs two reachability passes; use the other overload when the reachable total is already known.
     */
    public static long exact(IntGraph g, int[] roots, int[] shallow, int[] members) {
        return exact(g, roots, IntArray.wrap(shallow), members);
    }

    /** As {@link #exact(IntGraph, int[], int[], int[])}, with the shallow sizes in a storage array. */
    public static long exact(IntGraph g, int[] roots, IntArray shallow, int[] members) {
        long total = shallowSum(Reachability.reachable(g, roots), shallow);
        return exact(g, roots, shallow, members, total);
    }

    /**
     * Exact, given the shallow total of all reachable nodes (e.g. {@link RetainedSizes#totalReachable}): one
     * reachability pass that never enters a member.
     */
    public static long exact(IntGraph g, int[] roots, int[] shallow, int[] members, long reachableShallowTotal) {
        return exact(g, roots, IntArray.wrap(shallow), members, reachableShallowTotal);
    }

    /** As above, with the shallow sizes in a storage array. */
    public static long exact(IntGraph g, int[] roots, IntArray shallow, int[] members, long reachableShallowTotal) {
        BitSet alive = Reachability.reachableAvoiding(g, roots, toBitSet(members));
        return reachableShallowTotal - shallowSum(alive, shallow);
    }

    private static long shallowSum(BitSet nodes, IntArray shallow) {
        long sum = 0;
        for (int v = nodes.nextSetBit(0); v >= 0; v = nodes.nextSetBit(v + 1)) {
            sum += shallow.get(v);
        }
        return sum;
    }

    private static BitSet toBitSet(int[] members) {
        BitSet set = new BitSet();
        for (int m : members) {
            set.set(m);
        }
        return set;
    }

    /** Memoized answers to "is there a member at or above this node in the dominator tree?". */
    private static final class MemberAboveMarks {
        private final DominatorTree dt;
        private final BitSet isMember;
        private final BitSet resolved = new BitSet();
        private final BitSet answerTrue = new BitSet();
        private final IntList path = new IntList(64);

        MemberAboveMarks(DominatorTree dt, BitSet isMember) {
            this.dt = dt;
            this.isMember = isMember;
        }

        /** Walks up from node until the virtual root, a member or an already resolved node, then marks the walk. */
        boolean memberAtOrAbove(int node) {
            path.clear();
            int y = node;
            boolean answer;
            while (true) {
                if (y < 0) {
                    answer = false;
                    break;
                }
                if (isMember.get(y)) {
                    answer = true;
                    break;
                }
                if (resolved.get(y)) {
                    answer = answerTrue.get(y);
                    break;
                }
                path.add(y);
                y = dt.idom(y);
            }
            for (int i = 0; i < path.size(); i++) {
                int visited = path.get(i);
                resolved.set(visited);
                if (answer) {
                    answerTrue.set(visited);
                }
            }
            return answer;
        }
    }
}
