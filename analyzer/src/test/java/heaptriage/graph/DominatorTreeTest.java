package heaptriage.graph;

import static heaptriage.graph.DominatorTree.UNREACHABLE;
import static heaptriage.graph.DominatorTree.VIRTUAL_ROOT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Small hand-made graphs whose dominators are known. */
class DominatorTreeTest {
    private static int[] idoms(int n, int[][] edges, int... roots) {
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(n, edges), roots);
        int[] result = new int[n];
        for (int v = 0; v < n; v++) {
            result[v] = dt.idom(v);
        }
        return result;
    }

    @Test
    void diamondJoinIsDominatedByTheFork() {
        int[][] edges = {{0, 1}, {0, 2}, {1, 3}, {2, 3}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 0, 0}, idoms(4, edges, 0));
    }

    @Test
    void chainNodesAreDominatedByTheirPredecessor() {
        int[][] edges = {{0, 1}, {1, 2}, {2, 3}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 1, 2}, idoms(4, edges, 0));
    }

    @Test
    void cycleBackToTheRootDoesNotChangeDominators() {
        int[][] edges = {{0, 1}, {1, 2}, {2, 0}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 1}, idoms(3, edges, 0));
    }

    @Test
    void childSharedByTwoRootsIsTopLevel() {
        int[][] edges = {{0, 2}, {1, 2}, {2, 3}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, VIRTUAL_ROOT, VIRTUAL_ROOT, 2}, idoms(4, edges, 0, 1));
    }

    @Test
    void rootReachableFromAnotherRootStaysTopLevel() {
        int[][] edges = {{0, 1}, {1, 2}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, VIRTUAL_ROOT, 1}, idoms(3, edges, 0, 1));
    }

    @Test
    void selfLoopsAreIgnored() {
        int[][] edges = {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 2}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 1}, idoms(3, edges, 0));
    }

    @Test
    void nodeNoRootReachesIsUnreachableAndDoesNotAffectOthers() {
        int[][] edges = {{0, 1}, {2, 1}, {2, 3}};
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(4, edges), new int[] {0});
        assertEquals(0, dt.idom(1));
        assertEquals(UNREACHABLE, dt.idom(2));
        assertEquals(UNREACHABLE, dt.idom(3));
        assertEquals(2, dt.reachableCount());
        assertArrayEquals(new int[] {0, 1}, dt.preorder().toArray());
    }

    @Test
    void duplicateEdgesAreHarmless() {
        int[][] edges = {{0, 1}, {0, 1}, {1, 2}, {1, 2}, {0, 3}, {3, 2}, {3, 2}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 0, 0}, idoms(4, edges, 0));
        int[][] onlyThroughOne = {{0, 1}, {0, 1}, {1, 2}, {1, 2}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, 1}, idoms(3, onlyThroughOne, 0));
    }

    @Test
    void rootsListedTwiceCountOnce() {
        int[][] edges = {{0, 1}, {1, 2}, {3, 2}};
        assertArrayEquals(new int[] {VIRTUAL_ROOT, 0, VIRTUAL_ROOT, VIRTUAL_ROOT}, idoms(4, edges, 0, 3, 0, 3, 3));
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(4, edges), new int[] {0, 0, 3});
        assertEquals(4, dt.reachableCount());
    }

    @Test
    void noRootsMeansEverythingIsUnreachable() {
        int[][] edges = {{0, 1}};
        assertArrayEquals(new int[] {UNREACHABLE, UNREACHABLE}, idoms(2, edges));
        assertEquals(0, DominatorTree.compute(IntGraph.fromEdges(0, new int[0][]), new int[0]).reachableCount());
    }

    @Test
    void lengauerTarjanPaperExample() {
        // Figure 1 of Lengauer & Tarjan (1979): R=0, A=1, B=2, C=3, D=4, E=5, F=6, G=7, H=8, I=9, J=10, K=11, L=12.
        int[][] edges = {
            {0, 1}, {0, 2}, {0, 3}, {1, 4}, {2, 1}, {2, 4}, {2, 5}, {3, 6}, {3, 7}, {4, 12}, {5, 8}, {6, 9},
            {7, 9}, {7, 10}, {8, 5}, {8, 11}, {9, 11}, {10, 9}, {11, 9}, {11, 0}, {12, 8}
        };
        int[] expected = {VIRTUAL_ROOT, 0, 0, 0, 0, 0, 3, 3, 0, 0, 7, 0, 4};
        assertArrayEquals(expected, idoms(13, edges, 0));
    }

    @Test
    void preorderPutsEveryNodeAfterItsIdom() {
        int[][] edges = {{3, 1}, {1, 0}, {0, 2}, {3, 2}};
        DominatorTree dt = DominatorTree.compute(IntGraph.fromEdges(4, edges), new int[] {3});
        assertArrayEquals(new int[] {3, 1, 0, 2}, dt.preorder().toArray());
        assertEquals(3, dt.idom(2));
    }

    @Test
    void rootOutOfRangeIsRejected() {
        IntGraph g = IntGraph.fromEdges(2, new int[][] {{0, 1}});
        assertThrows(IllegalArgumentException.class, () -> DominatorTree.compute(g, new int[] {2}));
    }
}
