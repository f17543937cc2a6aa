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
     * indexed, or null) gives it, and what to change to give the heap more as {@code sizing} says who set it.
     */
    static String line(OutOfMemoryError e, IndexNeed indexed, HeapSizing sizing) {
        return line(e, indexed, sizing, Runtime.getRuntime().maxMemory());
    }

    /** As {@link #line(OutOfMemoryError, IndexNeed, HeapSizing)}, for a JVM whose maximum heap is {@code heap}. */
    static String line(OutOfMemoryError e, IndexNeed indexed, HeapSizing sizing, long heap) {
        IndexNeed need = e instanceof NotEnoughMemoryError known ? known.need() : indexed;
        String head = "heaptriage: out of memory (JVM heap " + mib(heap) + ") ";
        if (need == null) {
            return head + "before the dump's size was known; " + switch (sizing) {
                case LAUNCHER -> "give it more memory with --memory SIZE (the launcher sizes the heap from it) or"
                        + " JAVA_OPTS=-Xmx8g";
                case JAVA_OPTS -> "JAVA_OPTS sets this heap, so --memory does not change it: raise its -Xmx, or leave"
                        + " the heap size out of JAVA_OPTS and let the launcher size it from --memory";
                case JVM -> "give java a bigger -Xmx, or run it with the heaptriage launcher, which sizes the heap";
            };
        }
        String counts = head + String.format(Locale.ROOT, "on a dump of %,d objects and %,d references: ",
                need.objects(), need.references());
        return counts + (sizing == HeapSizing.LAUNCHER ? budgetAdvice(need) : heapAdvice(need, heap, sizing));
    }

    /** What to give --memory, which the launcher sizes the heap from. */
    private static String budgetAdvice(IndexNeed need) {
        long inMemoryBudget = MemoryBudget.budgetForHeap(need.onHeapBytes());
        long mappedBudget = need.smallestMappedBudget();
        if (inMemoryBudget <= mappedBudget) {
            long sharePercent = Math.round(100.0 * MemoryBudget.ofOption(inMemoryBudget).heapShare() / inMemoryBudget);
            return String.format(Locale.ROOT, "it needs about %s of heap; give --memory %s or more (the launcher"
                    + " gives the heap %d%% of it), or JAVA_OPTS=-Xmx%s", mib(need.onHeapBytes()),
                    size(inMemoryBudget), sharePercent, size(need.onHeapBytes()));
        }
        return String.format(Locale.ROOT, "it needs a memory budget of about %s with its index on the heap, or at"
                        + " least %s with the index in mapped files (the launcher maps it when the budget is smaller)"
                        + " and %s of free disk in --work-dir; give --memory %s or more",
                mib(inMemoryBudget), mib(mappedBudget), mib(need.diskBytes()), size(mappedBudget));
    }

    /**
     * What to give -Xmx when the launcher did not size the heap: --memory would not change it. The analysis maps
     * the index when the heap is smaller than its need on the heap, and then still needs a heap of its own: that is
     * the least to give, unless the heap already had it (the estimate fell short on this dump), when the need on the
     * heap, or twice the heap, is.
     */
    private static String heapAdvice(IndexNeed need, long heap, HeapSizing sizing) {
        long give = need.mappedHeapBytes();
        if (heap >= give) {
            give = heap < need.onHeapBytes() ? need.onHeapBytes() : 2 * heap;
        }
        String where = sizing == HeapSizing.JAVA_OPTS
                ? "JAVA_OPTS sets this heap, so --memory does not change it; give JAVA_OPTS=-Xmx%s or more, or leave the"
                + " heap size out of JAVA_OPTS and let the launcher size it from --memory"
                : "give java -Xmx%s or more, or run it with the heaptriage launcher, which sizes the heap";
        return String.format(Locale.ROOT, "it needs about %s of heap with its index on the heap, or at least %s with"
                        + " the index in mapped files (used when the heap is smaller) and %s of free disk in --work-dir; "
                        + where, mib(need.onHeapBytes()), mib(need.mappedHeapBytes()), mib(need.diskBytes()),
                size(give));
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
