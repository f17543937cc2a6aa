package heaptriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.IndexNeed;
import heaptriage.heap.NotEnoughMemoryError;
import org.junit.jupiter.api.Test;

class OutOfMemoryAdviceTest {
    private static String mib(long bytes) {
        return String.format(java.util.Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    @Test
    void aBigCountedDumpGetsItsNeedOnHeapAndMappedWithDiskInOneLine() {
        IndexNeed need = new IndexNeed(67_832_055, 173_420_338); // the 4 GiB benchmark dump
        String line = OutOfMemoryAdvice.line(new NotEnoughMemoryError(need, new OutOfMemoryError("Java heap space")), null,
                HeapSizing.LAUNCHER);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("67,832,055 objects and 173,420,338 references"), line);
        assertTrue(line.contains("at least " + mib(need.smallestMappedBudget()) + " with the index in mapped files"), line);
        assertTrue(line.contains(mib(need.diskBytes()) + " of free disk in --work-dir"), line);
        long budgetMiB = (need.smallestMappedBudget() + (1L << 20) - 1) >> 20;
        assertTrue(line.endsWith("give --memory " + budgetMiB + "m or more"), line);
        assertTrue(need.smallestMappedBudget() < need.onHeapBytes(), "mapping is what lets a big dump fit a small budget");
    }

    @Test
    void aSmallDumpIsToldItsHeapNeedOnly() {
        IndexNeed need = new IndexNeed(115_824, 307_529); // h2-leak
        String line = OutOfMemoryAdvice.line(new OutOfMemoryError("Java heap space"), need, HeapSizing.LAUNCHER);
        assertTrue(line.contains("115,824 objects") && line.contains("it needs about " + mib(need.onHeapBytes()) + " of heap"),
                line);
        assertFalse(line.contains("mapped"), line);
        assertTrue(line.contains("JAVA_OPTS=-Xmx"), line);
    }

    @Test
    void beforeTheCountItSaysSoAndHowToGiveMore() {
        String line = OutOfMemoryAdvice.line(new OutOfMemoryError("Java heap space"), null, HeapSizing.LAUNCHER);
        assertTrue(line.contains("before the dump's size was known") && line.contains("--memory"), line);
    }

    private static final long MIB = 1 << 20;
    private static final IndexNeed ONE_GIB_DUMP = new IndexNeed(17_785_055, 44_187_098); // the 1 GiB benchmark dump

    @Test
    void aHeapSetInJavaOptsIsToldItsXmxNotTheMemoryOptionWhichWouldNotChangeIt() {
        String line = OutOfMemoryAdvice.line(new NotEnoughMemoryError(ONE_GIB_DUMP, new OutOfMemoryError()), null,
                HeapSizing.JAVA_OPTS, 64 * MIB);
        assertFalse(line.contains("\n"), line);
        assertTrue(line.contains("JAVA_OPTS sets this heap, so --memory does not change it"), line);
        long mappedMiB = (ONE_GIB_DUMP.mappedHeapBytes() + MIB - 1) / MIB;
        assertTrue(line.contains("give JAVA_OPTS=-Xmx" + mappedMiB + "m or more"), line);
        assertTrue(line.contains(mib(ONE_GIB_DUMP.onHeapBytes()) + " of heap with its index on the heap"), line);
        assertFalse(line.contains("give --memory"), line);
    }

    @Test
    void aHeapThatAlreadyHadWhatAMappedIndexNeedsIsToldTheNeedOnTheHeapOrTwiceItself() {
        long between = ONE_GIB_DUMP.mappedHeapBytes() + 100 * MIB; // mapped, and still out of memory
        String mapped = OutOfMemoryAdvice.line(new NotEnoughMemoryError(ONE_GIB_DUMP, new OutOfMemoryError()), null,
                HeapSizing.JAVA_OPTS, between);
        assertTrue(mapped.contains("-Xmx" + (ONE_GIB_DUMP.onHeapBytes() + MIB - 1) / MIB + "m or more"), mapped);
        long above = ONE_GIB_DUMP.onHeapBytes() + MIB; // on the heap, and the estimate fell short
        String onHeap = OutOfMemoryAdvice.line(new NotEnoughMemoryError(ONE_GIB_DUMP, new OutOfMemoryError()), null,
                HeapSizing.JAVA_OPTS, above);
        assertTrue(onHeap.contains("-Xmx" + (2 * above + MIB - 1) / MIB + "m or more"), onHeap);
    }

    @Test
    void javaRunWithoutTheLauncherIsToldToGiveJavaAnXmx() {
        String line = OutOfMemoryAdvice.line(new NotEnoughMemoryError(ONE_GIB_DUMP, new OutOfMemoryError()), null,
                HeapSizing.JVM, 64 * MIB);
        assertTrue(line.contains("give java -Xmx") && line.contains("heaptriage launcher"), line);
        assertFalse(line.contains("--memory") || line.contains("JAVA_OPTS"), line);
        String early = OutOfMemoryAdvice.line(new OutOfMemoryError(), null, HeapSizing.JAVA_OPTS, 64 * MIB);
        assertTrue(early.contains("before the dump's size was known") && early.contains("raise its -Xmx"), early);
    }

    @Test
    void theLaunchersVariableNamesWhoSizedTheHeap() {
        assertEquals(HeapSizing.LAUNCHER, HeapSizing.of("launcher"));
        assertEquals(HeapSizing.JAVA_OPTS, HeapSizing.of("JAVA_OPTS"));
        assertEquals(HeapSizing.JVM, HeapSizing.of(null));
        assertEquals(HeapSizing.JVM, HeapSizing.of("something else"));
    }
}
