package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RetainedSizesTest {
    // 0 -> 1 -> 3, 0 -> 2 -> 3 (diamond), 3 -> 4; 5 is garbage pointing at 4; root 0, second root 6 -> 4.
    private static final int[][] EDGES = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {5, 4}};
    private static final int[] SHALLOW = {1, 10, 100, 1000, 10000, 100000, 1000000};

    @Test
    void retainedSizeSumsTheDominatorSubtreeAndUnreachableNodesRetainNothing() {
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(7, EDGES), new int[] {0});
        long[] retained = RetainedSizes.compute(dt, SHALLOW);
        assertArrayEquals(new long[] {11111, 10, 100, 11000, 10000, 0, 0}, retained);
        assertEquals(11111, RetainedSizes.totalReachable(dt, SHALLOW));
    }

    @Test
    void objectSharedByTwoRootsIsRetainedByNeitherAndIsTopLevel() {
        int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {3, 4}, {5, 4}, {6, 4}};
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(7, edges), new int[] {0, 6});
        long[] retained = RetainedSizes.compute(dt, SHALLOW);
        assertArrayEquals(new long[] {1111, 10, 100, 1000, 10000, 0, 1000000}, retained);
        assertArrayEquals(new int[] {0, 4, 6}, DominatorChildren.of(dt).topLevel()); // Preorder.
    }

    @Test
    void longShallowSizesBeyondIntRangeAddUp() {
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(2, new int[][] {{0, 1}}), new int[] {0});
        long big = 3L << 31;
        assertArrayEquals(new long[] {2 * big, big}, RetainedSizes.compute(dt, new long[] {big, big}));
    }
}
