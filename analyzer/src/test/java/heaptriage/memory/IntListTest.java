package heaptriage.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The one growable int list, against a boxed list as oracle: across chunk boundaries, as a stack, and when assembled. */
class IntListTest {
    private static final int PAST_TWO_CHUNKS = (2 << 20) + 12_345;

    @Test
    void keepsEveryValueInOrderAcrossChunksAndAssemblesThemOnTheHeap() {
        Random random = new Random(14);
        IntList list = new IntList();
        int[] expected = new int[PAST_TWO_CHUNKS];
        for (int i = 0; i < expected.length; i++) {
            expected[i] = random.nextInt();
            list.add(expected[i]);
        }
        assertEquals(expected.length, list.size());
        assertEquals(expected[1 << 20], list.get(1 << 20));
        assertArrayEquals(expected, list.toArray());
        assertArrayEquals(expected, list.toArray(Storage.onHeap()).toArray());
    }

    /** Two lists moved straight into one permuted array land where an array permutation puts the same values. */
    @Test
    void twoListsMovedScatteredLandWhereThePermutationSaysAcrossChunks() {
        Random random = new Random(15);
        int firstSize = (1 << 20) + 777;
        int[] values = new int[PAST_TWO_CHUNKS];
        IntList first = new IntList();
        IntList second = new IntList();
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextInt();
            (i < firstSize ? first : second).add(values[i]);
        }
        List<Integer> places = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            places.add(i);
        }
        java.util.Collections.shuffle(places, random);
        int[] perm = places.stream().mapToInt(Integer::intValue).toArray();
        int[] expected = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            expected[perm[i]] = values[i];
        }
        IntArray out = IntArray.wrap(new int[values.length]);
        first.moveScattered(out, IntArray.wrap(perm), 0);
        second.moveScattered(out, IntArray.wrap(perm), firstSize);
        assertArrayEquals(expected, out.toArray());
    }

    @Test
    void worksAsAStackThroughPushesPopsAndClears() {
        Random random = new Random(1400);
        IntList stack = new IntList(4);
        List<Integer> oracle = new ArrayList<>();
        for (int step = 0; step < 200_000; step++) {
            int op = random.nextInt(10);
            if (op < 6 || oracle.isEmpty()) {
                int v = random.nextInt(1000);
                stack.add(v);
                oracle.add(v);
            } else if (op < 9) {
                assertEquals((int) oracle.remove(oracle.size() - 1), stack.pop());
            } else if (random.nextInt(100) == 0) {
                stack.clear();
                oracle.clear();
            }
            assertEquals(oracle.size(), stack.size());
            assertEquals(oracle.isEmpty(), stack.isEmpty());
        }
        assertArrayEquals(oracle.stream().mapToInt(Integer::intValue).toArray(), stack.toArray());
        assertTrue(stack.size() > 0, "the walk ends with values on the stack");
    }

    @Test
    void aMappedStackGivesItsChunkFilesBackWhenReleased(@TempDir Path dir) throws Exception {
        try (WorkDir work = WorkDir.create(dir, 64L << 20)) {
            IntList stack = new IntList(Storage.mapped(work));
            for (int i = 0; i < (1 << 20) + 5; i++) {
                stack.add(i);
            }
            assertEquals((1 << 20) + 4, stack.pop());
            assertEquals(2L * (4 << 20), work.mappedBytes(), "two chunks of a million ints");
            stack.release();
            assertEquals(0, work.mappedBytes());
            IntList onHeap = new IntList();
            onHeap.add(1);
            onHeap.release(); // the collector's business
        }
    }
}
