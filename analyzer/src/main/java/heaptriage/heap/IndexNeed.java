package heaptriage.heap;

/**
 * What analysing a heap of this many objects and references needs, estimated from pass 1's counts: the memory when
 * every array is on the Java heap, and when the arrays go to mapped files the disk they take and the heap that is
 * still needed (a bit per object for each of a few bit sets, class tables, sort runs).
 *
 * @param objects    objects in the heap dump
 * @param references references between them
 */
public record IndexNeed(long objects, long references) {
    /** Heap for the classes, names, roots and small tables, whatever the dump's size. */
    private static final long FIXED_HEAP = 96L << 20;
    /** Heap per object with mapped arrays: a byte covers the bit sets that are alive at once. */
    private static final long MAPPED_HEAP_PER_OBJECT = 1;
    /** Share of the budget the launcher gives the heap when the arrays are mapped. */
    private static final int MAPPED_HEAP_SHARE_OF_BUDGET = 4;

    /** Memory for the analysis with every array on the Java heap. */
    public long onHeapBytes() {
        return HeapIndexer.estimatedNeed(objects, references);
    }

    /** Free disk the mapped files take at their peak: the same arrays, in files. */
    public long diskBytes() {
        return onHeapBytes();
    }

    /**
     * Java heap a run with mapped arrays still needs: besides the bit sets per object, the dominators' depth-first
     * walk marks its tree edges, a bit per reference.
     */
    public long mappedHeapBytes() {
        return FIXED_HEAP + MAPPED_HEAP_PER_OBJECT * objects + references / 8;
    }

    /** The smallest memory budget for a run with mapped arrays (the launcher gives the heap a quarter of it). */
    public long smallestMappedBudget() {
        return MAPPED_HEAP_SHARE_OF_BUDGET * mappedHeapBytes();
    }
}
