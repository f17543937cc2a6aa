package heaptriage.report;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.heap.SideTask;
import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.WorkDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The report does not depend on where the arrays live nor on how many cores the walks get: with the index on the
 * heap the leak paths' search and the connection finder run on a second thread; with it in mapped files (forced, with a 16 MiB
 * budget) they run in turn on the caller's thread. Both must give the same JSON, byte for byte.
 */
class SameReportEverywhereTest {
    @ParameterizedTest
    @ValueSource(strings = {"h2-leak", "hikari-healthy", "socket-leak"})
    void mappedArraysWalkedInTurnGiveTheReportOfHeapArraysWalkedBeside(String name) throws Exception {
        String onHeap;
        try (HeapSnapshot s = HeapIndexer.index(dump(name), IndexListener.NONE,
                new MemorySettings(MemoryBudget.detect(), WorkDir.defaultParent(), MemorySettings.Placement.HEAP))) {
            assertFalse(s.storage().isMapped());
            assertTrue(SideTask.worthRunningBeside(s, 9), "the test JVM's heap and cores let the walks run beside");
            onHeap = SampleReports.json(ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE));
        }
        MemorySettings tiny = new MemorySettings(MemoryBudget.ofOption(16L << 20), WorkDir.defaultParent(),
                MemorySettings.Placement.MAPPED);
        try (HeapSnapshot s = HeapIndexer.index(dump(name), IndexListener.NONE, tiny)) {
            assertTrue(s.storage().isMapped());
            assertFalse(SideTask.worthRunningBeside(s, 9));
            assertEquals(onHeap, SampleReports.json(ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE)));
        }
    }

    /** A budget whose page cache holds the mapped index lets the walks run beside each other there too. */
    @ParameterizedTest
    @ValueSource(strings = {"h2-leak", "socket-leak"})
    void mappedArraysWithRoomInThePageCacheWalkedBesideGiveTheReportOfHeapArrays(String name) throws Exception {
        String onHeap;
        try (HeapSnapshot s = HeapIndexer.index(dump(name), IndexListener.NONE,
                new MemorySettings(MemoryBudget.detect(), WorkDir.defaultParent(), MemorySettings.Placement.HEAP))) {
            onHeap = SampleReports.json(ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE));
        }
        long roomy = Runtime.getRuntime().maxMemory() + (1L << 30);
        MemorySettings mapped = new MemorySettings(MemoryBudget.ofOption(roomy), WorkDir.defaultParent(),
                MemorySettings.Placement.MAPPED);
        try (HeapSnapshot s = HeapIndexer.index(dump(name), IndexListener.NONE, mapped)) {
            assertTrue(s.storage().isMapped());
            assertTrue(s.storage().pageCacheRoom() >= s.indexBytes(), "a GiB beyond the heap holds a sample's index");
            assertTrue(SideTask.worthRunningBeside(s, 9));
            assertEquals(onHeap, SampleReports.json(ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE)));
        }
    }

    private static DumpFile dump(String name) throws Exception {
        return DumpFile.open(SampleReports.folder().resolve(name + ".hprof.gz"));
    }
}
