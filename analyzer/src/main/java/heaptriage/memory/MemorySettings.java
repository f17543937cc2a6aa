package heaptriage.memory;

import java.nio.file.Path;

/**
 * How one analysis may use memory: the budget, where index files go when arrays do not fit the heap, and whether
 * to decide that from the estimated need (the default) or to force one placement.
 *
 * @param budget        the memory budget
 * @param workDirParent the folder under which a private work folder is made for mapped files
 * @param placement     where the big arrays go
 */
public record MemorySettings(MemoryBudget budget, Path workDirParent, Placement placement) {
    /** Where the big per-object and per-reference arrays go. */
    public enum Placement {
        /** On the heap when the estimated need fits the heap share of the budget, else in mapped files. */
        AUTO,
        /** Always on the heap. */
        HEAP,
        /** Always in mapped files (tests use it to run the mapped path on small dumps). */
        MAPPED
    }

    /** The detected budget, the system temp folder, placement decided by need. */
    public static MemorySettings defaults() {
        return new MemorySettings(MemoryBudget.detect(), WorkDir.defaultParent(), Placement.AUTO);
    }

    /** The heap the arrays may take: the budget's heap share, and never more than this JVM's maximum heap. */
    public long heapAvailable() {
        return Math.min(budget.heapShare(), Runtime.getRuntime().maxMemory());
    }

    /** Whether arrays needing about {@code estimatedBytes} go to mapped files. */
    public boolean mapsFor(long estimatedBytes) {
        return switch (placement) {
            case HEAP -> false;
            case MAPPED -> true;
            case AUTO -> estimatedBytes > heapAvailable();
        };
    }

    /**
     * The storage for arrays needing about {@code estimatedBytes}: the heap, or a new work folder whose disk must
     * have that much free.
     */
    public Storage storageFor(long estimatedBytes) throws WorkDirException {
        if (!mapsFor(estimatedBytes)) {
            return Storage.onHeap();
        }
        return Storage.mapped(WorkDir.create(workDirParent, estimatedBytes),
                budget.pageCacheRoom(Runtime.getRuntime().maxMemory()));
    }
}
