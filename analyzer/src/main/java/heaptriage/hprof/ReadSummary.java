package heaptriage.hprof;

import java.util.List;

/**
 * What one pass over a dump saw: record counts, where the data ends, the truncation if any, the heap dumps the file
 * holds and which of them was read, and damage found after that heap dump (skipped with a warning).
 *
 * @param heapRecords       sub-records of the heap dump that was read
 * @param heapDumps         every heap dump of the file, in file order
 * @param selectedDump      the 1-based number of the heap dump whose records were read
 * @param damageAfterDump   what was wrong after the selected heap dump was complete (reading stopped there), or null
 */
public record ReadSummary(long topLevelRecords, long heapRecords, long bytesRead, Truncation truncation,
                          List<HeapDumpEntry> heapDumps, int selectedDump, String damageAfterDump) {
    public ReadSummary {
        heapDumps = List.copyOf(heapDumps);
    }

    public boolean truncated() {
        return truncation != null;
    }

    /** The heap dump that was read, or null when the file holds none. */
    public HeapDumpEntry selected() {
        return selectedDump >= 1 && selectedDump <= heapDumps.size() ? heapDumps.get(selectedDump - 1) : null;
    }
}
