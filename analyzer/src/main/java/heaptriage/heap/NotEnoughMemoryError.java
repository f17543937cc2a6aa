package heaptriage.heap;

/**
 * The JVM ran out of heap while indexing a dump whose size pass 1 had already counted: an {@link OutOfMemoryError}
 * that carries the estimated need, so that the caller can say how much memory and disk the dump needs.
 */
public final class NotEnoughMemoryError extends OutOfMemoryError {
    private final transient IndexNeed need;

    public NotEnoughMemoryError(IndexNeed need, OutOfMemoryError cause) {
        super(cause.getMessage());
        initCause(cause);
        this.need = need;
    }

    public IndexNeed need() {
        return need;
    }
}
