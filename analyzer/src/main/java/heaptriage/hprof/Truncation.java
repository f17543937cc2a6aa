package heaptriage.hprof;

/**
 * How a dump ended early: where its last complete record ends, what was being read at the cut, and how many bytes
 * that record was still missing (a lower bound on what was lost: later records are unknown). Reports say it in
 * words ({@code heaptriage.report.WarningSentences#truncation}).
 */
public record Truncation(long validEnd, long cutAt, String cutRecord, long missingBytesOfCutRecord,
                         boolean heapDumpEndMissing, String damage) {
}
