package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class IntGraphTest {
    @Test
    void fromEdgesKeepsEachNodesEdgesInInputOrderIncludingDuplicatesAndSelfLoops() {
        IntGraph g = IntGraph.fromEdges(4, new int[][] {{2, 3}, {0, 2}, {2, 2}, {0, 1}, {2, 3}});
        assertEquals(4, g.nodeCount());
        assertEquals(5, g.edgeCount());
        assertArrayEquals(new int[] {0, 2, 2, 5, 5}, g.offsets().toArray());
        assertArrayEquals(new int[] {2, 1, 3, 2, 3}, g.targets().toArray());
        assertEquals(3, g.outDegree(2));
        assertEquals(0, g.outDegree(3));
    }

    @Test
    void reversedListsPredecessorsInAscendingOrderWithMultiplicity() {
        IntGraph g = IntGraph.fromEdges(4, new int[][] {{2, 3}, {0, 2}, {2, 2}, {0, 1}, {2, 3}, {1, 3}});
        IntGraph r = g.reversed();
        assertArrayEquals(new int[] {0, 0, 1, 3, 6}, r.offsets().toArray());
        assertArrayEquals(new int[] {0, 0, 2, 1, 2, 2}, r.targets().toArray());
        assertArrayEquals(g.offsets().toArray(), r.reversed().offsets().toArray());
    }

    @Test
    void emptyGraphIsAllowed() {
        IntGraph g = IntGraph.fromEdges(0, new int[0][]);
        assertEquals(0, g.edgeCount());
        assertEquals(0, g.reversed().nodeCount());
    }

    @Test
    void rejectsEdgesToMissingNodesAndMalformedOffsets() {
        assertThrows(IllegalArgumentException.class, () -> IntGraph.fromEdges(2, new int[][] {{0, 2}}));
        assertThrows(IllegalArgumentException.class, () -> new IntGraph(2, new int[] {0, 1}, new int[] {1}));
        assertThrows(IllegalArgumentException.class, () -> new IntGraph(1, new int[] {0, 2}, new int[] {0}));
    }
}
