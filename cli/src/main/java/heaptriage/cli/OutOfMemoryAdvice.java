package heaptriage.cli;

import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexNeed;
import heaptriage.heap.NotEnoughMemoryError;
import heaptriage.memory.MemoryBudget;

import java.util.Locale;

/**
 * The one line printed when the JVM runs out of heap: once the dump's objects are counted, it says how much memory
 * the dump needs on the heap, and how much memory and disk with its index in mapped files, and what to give.
 */
final class OutOfMemoryAdvice {
    /** The last dump this process indexed; the command line analyses one at a time (diff: the bigger one). */
    private static volatile IndexNeed lastIndexed;

    private OutOfMemoryAdvice() {
    }

    /** Notes the size of a dump just indexed, for the message if a later phase runs out of heap. */
    static void remember(HeapSnapshot snapshot) {
        IndexNeed need = new IndexNeed(snapshot.objectCount(), snapshot.referenceCount());
        IndexNeed before = lastIndexed;
        if (before == null || before.onHeapBytes() < need.onHeapBytes()) {
            lastIndexed = need;
        }
    }

    /** The size of the last dump indexed, or null. */
    static IndexNeed lastIndexed() {
        return lastIndexed;
    }

    /**
     * The line for this error: with the dump's need when the error carries it or {@code indexed} (the last dump
     * indexed, or null) gives it.
     */
    static String line(OutOfMemoryError e, IndexNeed indexed) {
        IndexNeed need = e instanceof NotEnoughMemoryError known ? known.need() : indexed;
        long heap = Runtime.getRuntime().maxMemory();
        if (need == null) {
            return "heaptriage: out of memory (JVM heap " + mib(heap) + ") before the dump's size was known; give it"
                    + " more memory with --memory SIZE (the launcher sizes the heap from it) or JAVA_OPTS=-Xmx8g";
        }
        long inMemoryBudget = MemoryBudget.budgetForHeap(need.onHeapBytes());
        long mappedBudget = need.smallestMappedBudget();
        String counts = String.format(Locale.ROOT, "heaptriage: out of memory (JVM heap %s) on a dump of %,d objects"
                + " and %,d references: ", mib(heap), need.objects(), need.references());
        if (inMemoryBudget <= mappedBudget) {
            long sharePercent = Math.round(100.0 * MemoryBudget.ofOption(inMemoryBudget).heapShare() / inMemoryBudget);
            return counts + String.format(Locale.ROOT, "it needs about %s of heap; give --memory %s or more (the"
                    + " launcher gives the heap %d%% of it), or JAVA_OPTS=-Xmx%s", mib(need.onHeapBytes()),
                    size(inMemoryBudget), sharePercent, size(need.onHeapBytes()));
        }
        return counts + String.format(Locale.ROOT, "it needs a memory budget of about %s with its index on the heap,"
                        + " or at least %s with the index in mapped files (the launcher maps it when the budget is"
                        + " smaller) and %s of free disk in --work-dir; give --memory %s or more",
                mib(inMemoryBudget), mib(mappedBudget), mib(need.diskBytes()), size(mappedBudget));
    }

    private static String mib(long bytes) {
        return bytes >= 10L << 30 ? String.format(Locale.ROOT, "%,d GiB", bytes >> 30)
                : String.format(Locale.ROOT, "%,d MiB", bytes >> 20);
    }

    /** As --memory takes it: whole MiB, rounded up. */
    private static String size(long bytes) {
        return ((bytes + (1L << 20) - 1) >> 20) + "m";
    }
}
