package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Deep and wide graphs of millions of nodes: nothing may recurse (a 3,000,000-node linked list would overflow
 * any stack), and nothing may go quadratic. Runs with the default surefire JVM settings.
 */
class LargeGraphTest {
    private static final int N = 3_000_000;

    /** Node i points at i + 1; optionally the last node points back at the head. */
    private static IntGraph chain(int n, boolean closeCycle) {
        int[] offsets = new int[n + 1];
        int edges = closeCycle ? n : n - 1;
        int[] targets = new int[edges];
        for (int i = 0; i < n; i++) {
            offsets[i] = Math.min(i, edges);
            if (i < edges) {
                targets[i] = (i + 1) % n;
            }
        }
        offsets[n] = edges;
        return new IntGraph(n, offsets, targets);
    }

    /** Shallow sizes 16..79, so positions matter when summing. */
    private static int[] shallowSizes(int n) {
        int[] shallow = new int[n];
        for (int i = 0; i < n; i++) {
            shallow[i] = 16 + (i % 64);
        }
        return shallow;
    }

    private static long sum(int[] shallow, int from) {
        long total = 0;
        for (int i = from; i < shallow.length; i++) {
            total += shallow[i];
        }
        return total;
    }

    @Test
    void threeMillionNodeChainNeedsNoRecursionAndHeadRetainsEverything() {
        checkChain(chain(N, false));
    }

    @Test
    void threeMillionNodeCycleNeedsNoRecursionAndHeadRetainsEverything() {
        checkChain(chain(N, true));
    }

    private static void checkChain(IntGraph g) {
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            int[] roots = {0};
            int[] shallow = shallowSizes(N);
            DominatorTree dt = DominatorTree.compute(g, roots);
            assertEquals(N, dt.reachableCount());
            assertEquals(DominatorTree.VIRTUAL_ROOT, dt.idom(0));
            for (int i = 1; i < N; i++) {
                if (dt.idom(i) != i - 1) {
                    assertEquals(i - 1, dt.idom(i), "idom(" + i + ")");
                }
            }
            long[] retained = RetainedSizes.compute(dt, shallow);
            assertEquals(sum(shallow, 0), retained[0]);
            assertEquals(sum(shallow, N / 2), retained[N / 2]);
            assertEquals(shallow[N - 1], retained[N - 1]);

            assertEquals(sum(shallow, N / 3), SetRetainedSize.exact(g, roots, shallow, new int[] {N / 3, N - 1}));
            assertEquals(sum(shallow, N / 3), SetRetainedSize.minimum(dt, retained, new int[] {N - 1, N / 3, N / 2}));
            assertEquals(N, Reachability.reachable(g, roots).cardinality());

            ShortestPaths sp = ShortestPaths.compute(g, roots);
            assertEquals(N - 1, sp.distance(N - 1));
            int[] path = sp.pathTo(N - 1);
            assertEquals(0, path[0]);
            assertEquals(N - 1, path[N - 1]);

            DominatorChildren children = DominatorChildren.of(dt);
            int expected = 0; // The sizes only break up near the tail, where single nodes become a big share.
            while (expected + 1 < N && (double) retained[expected + 1] / retained[expected] >= 0.7) {
                expected++;
            }
            assertEquals(expected, children.accumulationPoint(0, retained, 0.7));
        });
    }

    @Test
    void doublyLinkedListOfThreeMillionNodesKeepsChainDominators() {
        // next and prev pointers: every node has a back edge, which exercises path compression on a deep tree.
        int n = N;
        int[] offsets = new int[n + 1];
        int[] targets = new int[2 * (n - 1)];
        int e = 0;
        for (int i = 0; i < n; i++) {
            offsets[i] = e;
            if (i + 1 < n) {
                targets[e++] = i + 1;
            }
            if (i > 0) {
                targets[e++] = i - 1;
            }
        }
        offsets[n] = e;
        IntGraph g = new IntGraph(n, offsets, targets);
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            DominatorTree dt = DominatorTree.compute(g, new int[] {0});
            for (int i = 1; i < n; i++) {
                if (dt.idom(i) != i - 1) {
                    assertEquals(i - 1, dt.idom(i), "idom(" + i + ")");
                }
            }
            long[] retained = RetainedSizes.compute(dt, shallowSizes(n));
            assertEquals(sum(shallowSizes(n), 0), retained[0]);
        });
    }

    @Test
    void longListWhoseItemsAreAlsoHeldByAnotherRootStaysFast() {
        // List nodes 0..k-1 (next pointer first, so the DFS runs down the whole list), each holding item k + i;
        // root 2k is an array holding every item. Items are shared, so they are top level. Algorithms that walk
        // the dominator chain of each item's DFS parent (plain SEMI-NCA) go quadratic on this shape.
        int k = 1_000_000;
        int n = 2 * k + 1;
        int array = 2 * k;
        int[] offsets = new int[n + 1];
        int[] targets = new int[2 * k - 1 + 1 + k];
        int e = 0;
        for (int i = 0; i < k; i++) {
            offsets[i] = e;
            if (i + 1 < k) {
                targets[e++] = i + 1;
            }
            targets[e++] = k + i;
        }
        for (int i = k; i < array; i++) {
            offsets[i] = e;
        }
        offsets[array] = e;
        for (int i = 0; i < k; i++) {
            targets[e++] = k + i;
        }
        offsets[n] = e;
        IntGraph g = new IntGraph(n, offsets, targets);
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            DominatorTree dt = DominatorTree.compute(g, new int[] {0, array});
            for (int i = 0; i < k; i++) {
                int expectedList = i == 0 ? DominatorTree.VIRTUAL_ROOT : i - 1;
                if (dt.idom(i) != expectedList || dt.idom(k + i) != DominatorTree.VIRTUAL_ROOT) {
                    assertEquals(expectedList, dt.idom(i), "list node " + i);
                    assertEquals(DominatorTree.VIRTUAL_ROOT, dt.idom(k + i), "item " + i);
                }
            }
            int[] shallow = new int[n];
            java.util.Arrays.fill(shallow, 24);
            long[] retained = RetainedSizes.compute(dt, shallow);
            assertEquals(24L * k, retained[0]);
            assertEquals(24L, retained[array]);
            assertArrayEquals(new int[] {0, 1, 2}, dt.preorder().copyRange(0, 3));
        });
    }
}
