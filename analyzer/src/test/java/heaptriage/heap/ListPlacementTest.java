package heaptriage.heap;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Pass 1's lists are placed before anything is counted, by the most they can take per byte of HPROF; the index by
 * the need the counts give. A dump of many empty objects needs more than its lists' bound suggests, so within a heap
 * share between the two its lists are read onto the heap and its index goes to mapped files: the index must be the
 * one an all-heap run builds.
 */
class ListPlacementTest {
    @TempDir
    Path dir;

    @Test
    void listsReadOntoTheHeapMoveIntoAMappedIndexUnchanged() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        MinimalHeap.write(w);
        long[] empty = new long[50_000];
        for (int i = 0; i < empty.length; i++) {
            empty[i] = 0x2000_0000L + 0x10L * i;
            w.instance(empty[i], MinimalHeap.C_OBJECT); // 25 bytes of HPROF each, no field
        }
        long holder = 0x1F00_0000L;
        w.objectArray(holder, MinimalHeap.C_OBJARR, empty);
        w.rootUnknown(holder);
        Path file = w.writeTo(dir.resolve("empty-objects.hprof"));

        HeapSnapshot heap = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE,
                new MemorySettings(MemoryBudget.ofOption(8L << 30), dir, MemorySettings.Placement.HEAP));
        long listsBound = HeapIndexer.mostListBytes(Files.size(file), 8);
        long need = HeapIndexer.estimatedNeed(heap.objectCount(), heap.referenceCount());
        assertTrue(listsBound < need, "the dump needs more than its lists' bound: " + listsBound + " < " + need);
        long heapShare = (listsBound + need) / 2;
        MemorySettings between = new MemorySettings(MemoryBudget.ofOption(MemoryBudget.budgetForHeap(heapShare)), dir,
                MemorySettings.Placement.AUTO);
        assertFalse(between.mapsFor(listsBound), "the lists go on the heap");
        assertTrue(between.mapsFor(need), "the index goes to mapped files");

        HeapSnapshot mapped = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE, between);
        assertTrue(mapped.storage().isMapped(), "the index is mapped");
        SplitPassesTest.assertSameIndex(heap, mapped, "lists on the heap, index mapped");
        mapped.storage().close();
    }
}
