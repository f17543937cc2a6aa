package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ShortestPathsTest {
    // Roots 0 and 5. 0 -> 1 -> 2 -> 3 and a shortcut 0 -> 3; 5 -> 4 -> 3; 6 unreached.
    private static final IntGraph GRAPH = IntGraph.fromEdges(7,
            new int[][] {{0, 1}, {1, 2}, {2, 3}, {0, 3}, {5, 4}, {4, 3}});

    @Test
    void pathGoesFromTheNearestRootToTheNode() {
        ShortestPaths sp = ShortestPaths.compute(GRAPH, new int[] {0, 5});
        assertArrayEquals(new int[] {0, 3}, sp.pathTo(3));
        assertArrayEquals(new int[] {5, 4}, sp.pathTo(4));
        assertArrayEquals(new int[] {0}, sp.pathTo(0));
        assertEquals(ShortestPaths.ROOT, sp.parent(5));
        assertEquals(1, sp.parentEdge(3)); // Edge 0 -> 3 is the second edge in CSR order.
        assertEquals(-1, sp.parentEdge(0));
    }

    @Test
    void unreachedNodeHasNoPath() {
        ShortestPaths sp = ShortestPaths.compute(GRAPH, new int[] {0, 5});
        assertEquals(ShortestPaths.UNREACHED, sp.parent(6));
        assertEquals(0, sp.pathTo(6).length);
        assertEquals(-1, sp.distance(6));
    }

    @Test
    void skippedEdgesForceALongerPath() {
        EdgeFilter noShortcut = (from, edgeIndex, to) -> from == 0 && to == 3;
        ShortestPaths sp = ShortestPaths.compute(GRAPH, new int[] {0}, noShortcut);
        assertArrayEquals(new int[] {0, 1, 2, 3}, sp.pathTo(3));
        assertEquals(3, sp.distance(3));
        EdgeFilter cutAll = (from, edgeIndex, to) -> true;
        assertEquals(ShortestPaths.UNREACHED, ShortestPaths.compute(GRAPH, new int[] {0}, cutAll).parent(1));
    }
}
