package heaptriage.graph;

import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The one-pass exact retained sizes of many groups equal one reachability pass per group. */
class GroupRetainedSizesTest {

    @Test
    void everyGroupsExactRetainedSizeEqualsAPassThatRemovesThatGroupAlone() {
        Random random = new Random(42);
        for (int round = 0; round < 3000; round++) {
            int n = 1 + random.nextInt(50);
            int edges = random.nextInt(n * 3 + 1);
            int[] from = new int[edges];
            int[] to = new int[edges];
            for (int e = 0; e < edges; e++) {
                from[e] = random.nextInt(n);
                to[e] = random.nextInt(n);
            }
            IntGraph g = IntGraph.fromEdges(n, from, to);
            int[] roots = random.ints(1 + random.nextInt(3), 0, n).toArray();
            int groups = round % 10 == 0 ? GroupRetainedSizes.MAX_GROUPS : 1 + random.nextInt(5); // 32: the sign bit is a group
            int[] groupOf = new int[n];
            int[] shallow = new int[n];
            for (int v = 0; v < n; v++) {
                groupOf[v] = random.nextInt(3) == 0 ? -1 : random.nextInt(groups);
                shallow[v] = 1 + random.nextInt(100);
            }
            long[] fast = GroupRetainedSizes.exact(g, roots, shallow, groupOf, groups);
            long[] swept = GroupRetainedSizes.exact(g, roots, shallow, groupOf, groups,
                    DominatorTree.compute(g, roots).preorder().toArray());
            for (int gi = 0; gi < groups; gi++) {
                int group = gi;
                int[] members = IntStream.range(0, n).filter(v -> groupOf[v] == group).toArray();
                long expected = SetRetainedSize.exact(g, roots, shallow, members);
                assertEquals(expected, fast[gi], "round " + round + " group " + gi);
                assertEquals(expected, swept[gi], "with a preorder sweep, round " + round + " group " + gi);
            }
        }
    }
}
