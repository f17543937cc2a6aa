package heaptriage.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;
import heaptriage.memory.WorkDir;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Compares every algorithm with brute-force answers from the definitions on thousands of seeded random graphs. */
class RandomGraphOracleTest {
    private static final int GRAPHS = 8000;

    /** One random case: edges, roots (possibly repeated), shallow sizes and a member set. */
    private record Case(long seed, int n, List<int[]> edges, int[] roots, int[] shallow, int[] members) {
        IntGraph graph() {
            return IntGraph.fromEdges(n, edges.toArray(new int[0][]));
        }

        String describe() {
            StringBuilder sb = new StringBuilder("seed=" + seed + " n=" + n + " roots=" + java.util.Arrays.toString(roots)
                    + " edges=");
            for (int[] e : edges) {
                sb.append(e[0]).append("->").append(e[1]).append(' ');
            }
            return sb.toString();
        }
    }

    @Test
    void dominatorsRetainedSizesAndSetSizesMatchDefinitionsOnRandomGraphs() {
        for (int i = 0; i < GRAPHS; i++) {
            Case c = randomCase(1_000_003L * i + 17);
            checkCase(c);
        }
    }

    /**
     * The same algorithms over memory-mapped arrays (the path a dump bigger than the heap takes): each array the
     * computation makes and releases along the way lives in a file, and the answers equal the definitions. Mapped,
     * Lengauer-Tarjan builds its predecessor lists from pairs sorted into buckets of targets; a real heap's hold a
     * million, so they are also tried here with buckets of one to eight, for pairs of many buckets to reach their lists.
     */
    @Test
    void dominatorsReachabilityAndRetainedSizesOnMappedArraysMatchDefinitions(@TempDir Path parent) throws Exception {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20)) {
            Storage storage = Storage.mapped(dir);
            for (int i = 0; i < GRAPHS / 20; i++) {
                Case c = randomCase(31_337L * i + 5);
                IntGraph g = mapped(c.graph(), storage);
                BruteForce oracle = new BruteForce(c.n, c.edges, c.roots);
                String where = c.describe();
                DominatorTree dt = DominatorTree.compute(g, c.roots);
                int bucketBits = i % 4;
                DominatorTree inBuckets = new LengauerTarjan(DepthFirstNumbering.from(g, c.roots), c.roots, bucketBits).run();
                for (int v = 0; v < c.n; v++) {
                    assertEquals(oracle.idom(v), dt.idom(v), "idom(" + v + ") mapped " + where);
                    assertEquals(oracle.idom(v), inBuckets.idom(v), "idom(" + v + ") in buckets of 2^" + bucketBits + " "
                            + where);
                }
                checkPreorder(c, inBuckets, oracle, where);
                checkPreorder(c, dt, oracle, where);
                checkReachability(c, g, oracle, where);
                LongArray retained = RetainedSizes.compute(dt, copy(IntArray.wrap(c.shallow), storage));
                for (int v = 0; v < c.n; v++) {
                    assertEquals(oracle.retained(v, c.shallow), retained.get(v), "retained(" + v + ") mapped " + where);
                }
                // the walk that never enters the members, with its stack in a file
                assertEquals(oracle.setExact(c.members, c.shallow), SetRetainedSize.exact(g, c.roots,
                        copy(IntArray.wrap(c.shallow), storage), c.members), "set exact mapped " + where);
            }
        }
    }

    /**
     * The path a truncated dump takes: the walk from the first roots finds what they reach (the heap graph's
     * reachability), then goes on from the other roots one at a time (the entry points of the unreached part), and the
     * dominator tree computed from that walk equals the definitions for all the roots, on the heap and mapped.
     */
    @Test
    void dominatorsFromAWalkContinuedRootByRootMatchDefinitions(@TempDir Path parent) throws Exception {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20)) {
            Storage mapped = Storage.mapped(dir);
            for (int i = 0; i < GRAPHS / 4; i++) {
                Case c = randomCase(424_243L * i + 11);
                IntGraph g = i % 10 == 0 ? mapped(c.graph(), mapped) : c.graph();
                String where = c.describe();
                int first = 1 + (int) (Math.abs(c.seed) % c.roots.length);
                int[] firstRoots = java.util.Arrays.copyOf(c.roots, first);
                DepthFirstNumbering walk = DepthFirstNumbering.from(g, firstRoots);
                BruteForce firstOracle = new BruteForce(c.n, c.edges, firstRoots);
                for (int v = 0; v < c.n; v++) {
                    assertEquals(firstOracle.reachable[v], walk.reached(v), "reached(" + v + ") from the first roots " + where);
                }
                for (int r = first; r < c.roots.length; r++) {
                    walk.descendFrom(c.roots[r]);
                }
                DominatorTree dt = new LengauerTarjan(walk, c.roots).run();
                BruteForce oracle = new BruteForce(c.n, c.edges, c.roots);
                for (int v = 0; v < c.n; v++) {
                    assertEquals(oracle.idom(v), dt.idom(v), "idom(" + v + ") " + where);
                }
                checkPreorder(c, dt, oracle, where);
            }
        }
    }

    /** The graph with its arrays copied into the storage's mapped files. */
    private static IntGraph mapped(IntGraph heap, Storage storage) {
        return new IntGraph(heap.nodeCount(), copy(heap.offsets(), storage), copy(heap.targets(), storage), storage);
    }

    private static IntArray copy(IntArray from, Storage storage) {
        IntArray to = storage.ints(from.length());
        for (long i = 0; i < from.length(); i++) {
            to.set(i, from.get(i));
        }
        return to;
    }

    @Test
    void shortestPathLengthsMatchPlainBfsWithAndWithoutEdgeFilter() {
        for (int i = 0; i < GRAPHS; i++) {
            Case c = randomCase(7_777_777L * i + 3);
            IntGraph g = c.graph();
            EdgeFilter skipSome = (from, edgeIndex, to) -> ((edgeIndex * 0x9E3779B1) >>> 29) == 0; // ~1 in 8
            checkShortestPaths(c, g, EdgeFilter.NONE);
            checkShortestPaths(c, g, skipSome);
        }
    }

    private static void checkCase(Case c) {
        IntGraph g = c.graph();
        BruteForce oracle = new BruteForce(c.n, c.edges, c.roots);
        DominatorTree dt = DominatorTree.compute(g, c.roots);
        String where = c.describe();

        int[] expectedIdom = new int[c.n];
        for (int v = 0; v < c.n; v++) {
            expectedIdom[v] = oracle.idom(v);
            assertEquals(expectedIdom[v], dt.idom(v), "idom(" + v + ") " + where);
        }
        checkPreorder(c, dt, oracle, where);
        checkReachability(c, g, oracle, where);

        long[] retained = RetainedSizes.compute(dt, c.shallow);
        for (int v = 0; v < c.n; v++) {
            assertEquals(oracle.retained(v, c.shallow), retained[v], "retained(" + v + ") " + where);
        }
        long[] retainedFromLongs = RetainedSizes.compute(dt, java.util.Arrays.stream(c.shallow).asLongStream().toArray());
        assertArrayEquals(retained, retainedFromLongs, where);

        checkChildrenAndTopLevel(c, dt, expectedIdom, where);
        // a kept tree has no idoms in preorder from Lengauer-Tarjan, nor has this one once they are dropped: both
        // look them up, with the same results
        DominatorTree kept = new DominatorTree(dt.idoms(), dt.preorder(), dt.storage());
        assertArrayEquals(retained, RetainedSizes.compute(kept, c.shallow), "kept tree " + where);
        checkChildrenAndTopLevel(c, kept, expectedIdom, "kept tree " + where);
        dt.dropPreorderIdoms();
        assertArrayEquals(retained, RetainedSizes.compute(dt, c.shallow), "idoms in preorder dropped " + where);

        long minimum = SetRetainedSize.minimum(dt, retained, c.members);
        long exact = SetRetainedSize.exact(g, c.roots, c.shallow, c.members);
        assertEquals(oracle.setMinimum(c.members, c.shallow), minimum, "set minimum " + where);
        assertEquals(oracle.setExact(c.members, c.shallow), exact, "set exact " + where);
        assertTrue(minimum <= exact, "minimum <= exact " + where);
        assertEquals(exact, SetRetainedSize.exact(g, c.roots, c.shallow, c.members,
                RetainedSizes.totalReachable(dt, c.shallow)), where);
        assertEquals(exact, SetRetainedSize.exact(g, c.roots, dt, DominatorChildren.of(dt), IntArray.wrap(c.shallow),
                c.members, RetainedSizes.totalReachable(dt, c.shallow)), "set exact within the lowest common dominator " + where);
        checkSetExactBelowOneDominator(c, g, dt, oracle, where);
    }

    /**
     * Members that share a dominator below the virtual root (random members rarely do): the walk confined to that
     * dominator's subtree must give the brute-force answer.
     */
    private static void checkSetExactBelowOneDominator(Case c, IntGraph g, DominatorTree dt, BruteForce oracle, String where) {
        java.util.Random rnd = new java.util.Random(c.seed * 31 + 7);
        DominatorChildren children = DominatorChildren.of(dt);
        long total = RetainedSizes.totalReachable(dt, c.shallow);
        for (int trial = 0; trial < 4; trial++) {
            int top = rnd.nextInt(c.n);
            if (!dt.isReachable(top)) {
                continue;
            }
            List<Integer> below = new java.util.ArrayList<>();
            for (int v = 0; v < c.n; v++) {
                for (int u = v; u >= 0; u = dt.idom(u)) {
                    if (u == top) {
                        below.add(v);
                        break;
                    }
                }
            }
            java.util.Collections.shuffle(below, rnd);
            int[] members = below.stream().limit(1 + rnd.nextInt(4)).mapToInt(Integer::intValue).toArray();
            if (rnd.nextBoolean() && members.length > 1) {
                members[0] = top; // the common dominator itself a member
            }
            assertEquals(oracle.setExact(members, c.shallow), SetRetainedSize.exact(g, c.roots, dt, children,
                    IntArray.wrap(c.shallow), members, total), "set exact below " + top + " of " + java.util.Arrays.toString(members)
                    + " " + where);
        }
    }

    private static void checkPreorder(Case c, DominatorTree dt, BruteForce oracle, String where) {
        int[] position = new int[c.n];
        java.util.Arrays.fill(position, -1);
        int[] preorder = dt.preorder().toArray();
        for (int i = 0; i < preorder.length; i++) {
            assertEquals(-1, position[preorder[i]], "node twice in preorder " + where);
            position[preorder[i]] = i;
        }
        int reachableCount = 0;
        for (int v = 0; v < c.n; v++) {
            assertEquals(oracle.reachable[v], position[v] >= 0, "preorder holds exactly the reachable nodes " + where);
            if (oracle.reachable[v]) {
                reachableCount++;
                int parent = dt.idom(v);
                assertTrue(parent < 0 || position[parent] < position[v], "idom before node in preorder " + where);
            }
        }
        assertEquals(reachableCount, dt.reachableCount(), where);
    }

    private static void checkReachability(Case c, IntGraph g, BruteForce oracle, String where) {
        BitSet reach = Reachability.reachable(g, c.roots);
        for (int v = 0; v < c.n; v++) {
            assertEquals(oracle.reachable[v], reach.get(v), "reachable(" + v + ") " + where);
        }
    }

    private static void checkChildrenAndTopLevel(Case c, DominatorTree dt, int[] expectedIdom, String where) {
        DominatorChildren children = DominatorChildren.of(dt);
        for (int v = 0; v < c.n; v++) {
            List<Integer> expected = new ArrayList<>();
            for (int w : dt.preorder().toArray()) {
                if (expectedIdom[w] == v) {
                    expected.add(w);
                }
            }
            assertEquals(expected, boxed(children.children(v)), "children(" + v + ") " + where);
            assertEquals(expected.size(), children.childCount(v), where);
        }
        List<Integer> top = new ArrayList<>();
        for (int w : dt.preorder().toArray()) {
            if (expectedIdom[w] == DominatorTree.VIRTUAL_ROOT) {
                top.add(w);
            }
        }
        assertEquals(top, boxed(children.topLevel()), "children top level " + where);
        for (int r : c.roots) {
            assertEquals(DominatorTree.VIRTUAL_ROOT, dt.idom(r), "every root is top level " + where);
        }
    }

    private static void checkShortestPaths(Case c, IntGraph g, EdgeFilter filter) {
        String where = c.describe();
        ShortestPaths sp = ShortestPaths.compute(g, c.roots, filter);
        int[] expected = BruteForce.bfsDistances(g, c.roots, filter);
        for (int v = 0; v < c.n; v++) {
            assertEquals(expected[v], sp.distance(v), "distance(" + v + ") " + where);
            int[] path = sp.pathTo(v);
            assertEquals(expected[v] + 1, path.length, "path length " + where);
            if (path.length == 0) {
                assertEquals(ShortestPaths.UNREACHED, sp.parent(v), where);
                continue;
            }
            assertTrue(contains(c.roots, path[0]), "path starts at a root " + where);
            assertEquals(ShortestPaths.ROOT, sp.parent(path[0]), where);
            assertEquals(v, path[path.length - 1], where);
            for (int i = 1; i < path.length; i++) {
                int e = sp.parentEdge(path[i]);
                assertTrue(e >= g.firstEdge(path[i - 1]) && e < g.endEdge(path[i - 1]), "edge leaves parent " + where);
                assertEquals(path[i], g.target(e), "edge reaches node " + where);
                assertTrue(!filter.skip(path[i - 1], e, path[i]), "path uses no skipped edge " + where);
            }
        }
    }

    /** Mixes the shapes that trip dominator algorithms: chains, cycles, self-loops, diamonds, shared and cut-off nodes. */
    private static Case randomCase(long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(60);
        List<int[]> edges = new ArrayList<>();
        double[] densities = {0.3, 0.8, 1.2, 2.0, 4.0};
        int randomEdges = (int) (n * densities[rnd.nextInt(densities.length)]);
        for (int i = 0; i < randomEdges; i++) {
            edges.add(new int[] {rnd.nextInt(n), rnd.nextInt(n)});
        }
        if (rnd.nextInt(3) == 0) {
            addChain(rnd, n, edges, rnd.nextBoolean());
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            addDiamond(rnd, n, edges);
        }
        for (int i = rnd.nextInt(3); i > 0; i--) {
            int v = rnd.nextInt(n);
            edges.add(new int[] {v, v});
        }
        for (int i = rnd.nextInt(4); i > 0 && !edges.isEmpty(); i--) {
            int[] e = edges.get(rnd.nextInt(edges.size()));
            edges.add(new int[] {e[0], e[1]}); // Duplicate edge.
        }
        java.util.Collections.shuffle(edges, rnd);
        int[] roots = new int[1 + rnd.nextInt(4)];
        for (int i = 0; i < roots.length; i++) {
            roots[i] = rnd.nextInt(n); // With replacement: roots sometimes repeat.
        }
        int[] shallow = new int[n];
        for (int i = 0; i < n; i++) {
            shallow[i] = rnd.nextInt(5) == 0 ? 0 : 1 + rnd.nextInt(1000);
        }
        int[] members = new int[1 + rnd.nextInt(Math.min(n, 6))];
        for (int i = 0; i < members.length; i++) {
            members[i] = rnd.nextInt(n);
        }
        return new Case(seed, n, edges, roots, shallow, members);
    }

    /** A path through random distinct nodes, optionally closed into a cycle. */
    private static void addChain(Random rnd, int n, List<int[]> edges, boolean closeCycle) {
        int length = 2 + rnd.nextInt(Math.max(1, n - 1));
        int[] nodes = rnd.ints(0, n).distinct().limit(Math.min(length, n)).toArray();
        for (int i = 1; i < nodes.length; i++) {
            edges.add(new int[] {nodes[i - 1], nodes[i]});
        }
        if (closeCycle && nodes.length > 1) {
            edges.add(new int[] {nodes[nodes.length - 1], nodes[0]});
        }
    }

    private static void addDiamond(Random rnd, int n, List<int[]> edges) {
        int a = rnd.nextInt(n), b = rnd.nextInt(n), c = rnd.nextInt(n), d = rnd.nextInt(n);
        edges.add(new int[] {a, b});
        edges.add(new int[] {a, c});
        edges.add(new int[] {b, d});
        edges.add(new int[] {c, d});
    }

    private static boolean contains(int[] array, int value) {
        for (int x : array) {
            if (x == value) {
                return true;
            }
        }
        return false;
    }

    private static List<Integer> boxed(int[] array) {
        List<Integer> list = new ArrayList<>();
        for (int x : array) {
            list.add(x);
        }
        return list;
    }
}
