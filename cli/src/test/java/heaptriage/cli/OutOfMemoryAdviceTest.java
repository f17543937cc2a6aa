package heaptriage.cli;

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
        String line = OutOfMemoryAdvice.line(new NotEnoughMemoryError(need, new OutOfMemoryError("Java heap space")), null);
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
        String line = OutOfMemoryAdvice.line(new OutOfMemoryError("Java heap space"), need);
        assertTrue(line.contains("115,824 objects") && line.contains("it needs about " + mib(need.onHeapBytes()) + " of heap"),
                line);
        assertFalse(line.contains("mapped"), line);
        assertTrue(line.contains("JAVA_OPTS=-Xmx"), line);
    }

    @Test
    void beforeTheCountItSaysSoAndHowToGiveMore() {
        String line = OutOfMemoryAdvice.line(new OutOfMemoryError("Java heap space"), null);
        assertTrue(line.contains("before the dump's size was known") && line.contains("--memory"), line);
    }
}
