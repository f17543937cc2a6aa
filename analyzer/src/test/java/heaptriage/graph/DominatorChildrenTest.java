package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DominatorChildrenTest {
    @Test
    void childrenListsFollowIdomInPreorder() {
        int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}, {1, 4}, {5, 6}};
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(7, edges), new int[] {0, 5});
        DominatorChildren children = DominatorChildren.of(dt);
        assertArrayEquals(new int[] {1, 3, 2}, children.children(0));
        assertArrayEquals(new int[] {4}, children.children(1));
        assertArrayEquals(new int[] {6}, children.children(5));
        assertEquals(0, children.childCount(3));
        assertArrayEquals(new int[] {0, 5}, children.topLevel());
    }

    @Test
    void accumulationPointFollowsTheBiggestChildUntilTheSizeBreaksUp() {
        // 0 (root) -> 1 (a map) -> 2 (its table) -> 3..12 (ten equal entries).
        int n = 13;
        int[][] edges = new int[12][];
        edges[0] = new int[] {0, 1};
        edges[1] = new int[] {1, 2};
        for (int i = 0; i < 10; i++) {
            edges[2 + i] = new int[] {2, 3 + i};
        }
        int[] shallow = new int[n];
        shallow[0] = 16;
        shallow[1] = 48;
        shallow[2] = 1000;
        for (int i = 3; i < n; i++) {
            shallow[i] = 500;
        }
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(n, edges), new int[] {0});
        long[] retained = RetainedSizes.compute(dt, shallow);
        DominatorChildren children = DominatorChildren.of(dt);
        assertEquals(2, children.accumulationPoint(0, retained, 0.7));
        assertEquals(3, children.accumulationPoint(3, retained, 0.7)); // A leaf is its own accumulation point.
    }
}
