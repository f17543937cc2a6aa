package heaptriage.analysis.connections;

import java.util.List;

/**
 * How sure a verdict is, and why it is not surer.
 *
 * @param level   high, medium or low
 * @param reasons what lowered it, or what the reader must know about it (none for a plain high)
 */
public record Confidence(Level level, List<Reason> reasons) {
    public Confidence {
        reasons = List.copyOf(reasons);
    }

    /** How sure. */
    public enum Level { HIGH, MEDIUM, LOW }

    /** What a confidence level rests on. */
    public enum Reason {
        /** The count is above the leak threshold but below five times it. */
        NEAR_THRESHOLD,
        /** Below every leak threshold: an OK verdict that more connections would change. */
        BELOW_THRESHOLDS,
        /** Judged on the retained share alone. */
        HEAP_SHARE_ONLY,
        /** The connection kind is recognised by class name alone. */
        RECOGNISED_BY_NAME,
        /** The dump is truncated: the leak is real but its size is a lower bound. */
        DUMP_TRUNCATED
    }

    public static Confidence of(Level level, List<Reason> reasons) {
        return new Confidence(level, reasons);
    }
}
