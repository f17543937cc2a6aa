package heaptriage.heap;

/**
 * Whether a command reuses a kept index of its dump, and whether and where it keeps one.
 *
 * @param reuse read a matching kept index instead of parsing the dump, when one is found
 * @param keep  where to keep the index after parsing (a stale or damaged one there is replaced), or nowhere
 */
public record IndexPolicy(boolean reuse, Keep keep) {
    /** Where a kept index goes. */
    public enum Keep {
        /** Nowhere: the index lives only as long as the command. */
        NONE,
        /** In the work folder ({@code --work-dir}, default the system temp folder), keyed by the dump's path. */
        WORK_DIR,
        /** In a folder beside the dump, only when the user asks and the dump's folder is writable. */
        BESIDE_DUMP
    }

    public IndexPolicy {
        java.util.Objects.requireNonNull(keep, "keep");
    }

    /** Reuse a kept index when one matches; keep none. */
    public static IndexPolicy defaults() {
        return new IndexPolicy(true, Keep.NONE);
    }
}
