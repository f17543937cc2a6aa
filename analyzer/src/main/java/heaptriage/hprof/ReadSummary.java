package heaptriage.hprof;

/** What one pass over a dump saw: record counts, where the data ends, and the truncation if any. */
public record ReadSummary(long topLevelRecords, long heapRecords, long bytesRead, Truncation truncation) {
    public boolean truncated() {
        return truncation != null;
    }
}
