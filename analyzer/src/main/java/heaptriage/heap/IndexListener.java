package heaptriage.heap;

/** Hears how indexing advances, for progress display and benchmarks. */
public interface IndexListener {
    IndexListener NONE = new IndexListener() {
    };

    /** A phase starts, e.g. "pass 1: scan records". */
    default void phase(String name) {
    }

    /** Bytes of the uncompressed stream read so far in the current pass. */
    default void bytesRead(long position) {
    }

    /** A kept index was reused, kept, or found stale or damaged (see {@link IndexStore}). */
    default void keptIndex(KeptIndexEvent event) {
    }
}
