package heaptriage.heap;

import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;
import heaptriage.memory.WorkDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class LongListTest {
    private static final int CHUNK = 1 << 20;

    @Test
    void aHeapListGrowsFromASmallFirstChunkAndKeepsEveryValueAcrossChunks() {
        for (int count : new int[] {0, 1, 16, 17, 1000, CHUNK - 1, CHUNK, CHUNK + 1, 2 * CHUNK + 5}) {
            LongList list = new LongList();
            for (int i = 0; i < count; i++) {
                list.add(value(i));
            }
            assertEquals(count, list.size());
            for (int i = 0; i < count; i += 997) {
                assertEquals(value(i), list.get(i), "value " + i + " of " + count);
            }
            long[] all = list.toArray();
            assertEquals(count, all.length);
            for (int i = 0; i < count; i++) {
                assertEquals(value(i), all[i], "value " + i + " of " + count);
            }
        }
    }

    @Test
    void concatenatingAShortHeapListAndALongOneKeepsFileOrder(@TempDir Path dir) throws Exception {
        for (Storage target : new Storage[] {Storage.onHeap(), Storage.mapped(WorkDir.create(dir, 64L << 20))}) {
            try (target) {
                LongList first = new LongList();
                LongList second = new LongList();
                for (int i = 0; i < 40; i++) {
                    first.add(value(i));
                }
                for (int i = 40; i < CHUNK + 100; i++) {
                    second.add(value(i));
                }
                LongArray joined = LongList.concatenated(first, second, target);
                assertEquals(CHUNK + 100, joined.length());
                for (int i = 0; i < CHUNK + 100; i++) {
                    assertEquals(value(i), joined.get(i), "value " + i);
                }
            }
        }
    }

    private static long value(int i) {
        return 0x1000_0000_0000L + 24L * i;
    }
}
