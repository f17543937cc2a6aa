package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SetRetainedSizeTest {
    // Root 0 holds 1 and 2, which share 3; 1 also holds 4, and 4 holds 5.
    private static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {1, 4}, {4, 5}};
    private static final int[] SHALLOW = {1, 10, 100, 1000, 10000, 100000};
    private static final IntGraph GRAPH = IntGraph.fromEdges(6, EDGES);
    private static final int[] ROOTS = {0};

    private static long minimum(int... members) {
        DominatorTree dt = DominatorTree.compute(GRAPH, ROOTS);
        return SetRetainedSize.minimum(dt, RetainedSizes.compute(dt, SHALLOW), members);
    }

    @Test
    void exactCountsWhatTheMembersKeepAliveOnlyTogether() {
        assertEquals(10 + 10000 + 100000 + 100, minimum(1, 2));
        assertEquals(10 + 10000 + 100000 + 100 + 1000, SetRetainedSize.exact(GRAPH, ROOTS, SHALLOW, new int[] {1, 2}));
    }

    @Test
    void minimumDoesNotCountMembersDominatedByOtherMembersTwice() {
        assertEquals(110010, minimum(1, 4, 5));
        assertEquals(110010, minimum(5, 4, 1, 5)); // Order and duplicates do not matter.
        assertEquals(110010, SetRetainedSize.exact(GRAPH, ROOTS, SHALLOW, new int[] {1, 4, 5}));
    }

    @Test
    void unreachableMembersCountNothing() {
        int[][] edges = {{0, 1}, {2, 1}};
        IntGraph g = IntGraph.fromEdges(3, edges);
        DominatorTree dt = DominatorTree.compute(g, ROOTS);
        int[] shallow = {1, 2, 4};
        long[] retained = RetainedSizes.compute(dt, shallow);
        assertEquals(0, SetRetainedSize.minimum(dt, retained, new int[] {2}));
        assertEquals(0, SetRetainedSize.exact(g, ROOTS, shallow, new int[] {2}));
        assertEquals(3, SetRetainedSize.exact(g, ROOTS, shallow, new int[] {0, 2}));
    }
}
