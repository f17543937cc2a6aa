package heaptriage.hprof;

/**
 * How a dump ended early: where its last complete record ends, what was being read at the cut, and how many bytes
 * that record was still missing (a lower bound on what was lost: later records are unknown).
 */
public record Truncation(long validEnd, long cutAt, String cutRecord, long missingBytesOfCutRecord,
                         boolean heapDumpEndMissing, String damage) {

    /** One sentence for a report. */
    public String describe() {
        StringBuilder sb = new StringBuilder("dump is truncated");
        if (cutAt > validEnd) {
            sb.append(" at byte ").append(cutAt).append(" inside ").append(cutRecord);
            if (missingBytesOfCutRecord > 0) {
                sb.append(" (that record alone is missing ").append(missingBytesOfCutRecord).append(" bytes)");
            }
            sb.append("; the partial record was dropped");
        } else if (missingBytesOfCutRecord > 0) {
            sb.append(": it ends at byte ").append(validEnd).append(" between two records, where its heap dump segment")
                    .append(" declares ").append(missingBytesOfCutRecord).append(" more bytes");
        } else {
            sb.append(": it has no HEAP DUMP END record after byte ").append(validEnd);
        }
        if (damage != null) {
            sb.append("; ").append(damage);
        }
        sb.append("; everything after the cut is lost, so counts and sizes are lower bounds");
        return sb.toString();
    }
}
