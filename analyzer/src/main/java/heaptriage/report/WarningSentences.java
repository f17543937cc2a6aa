package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.hprof.Truncation;

import java.time.Instant;
import java.util.Locale;

/**
 * The English of a report's {@link Warning}s and of a diff's: one sentence each, as the {@code warnings} of the report
 * or diff carry them.
 */
public final class WarningSentences {
    private WarningSentences() {
    }

    /** The sentence of a diff's warning, as its {@code warnings} carry it. */
    public static String of(ReportDiff.WarningKind kind) {
        return switch (kind) {
            case TRUNCATED_DUMP -> "A dump is truncated: its counts are lower bounds, so growth may be over- or under-stated.";
        };
    }

    public static String of(Warning w) {
        return switch (w.kind()) {
            case TRUNCATED -> capitalize(truncation(w.truncation())) + ".";
            case SEVERAL_HEAP_DUMPS -> String.format(Locale.ROOT, "The file holds %d heap dumps; this report is of heap dump"
                    + " %d%s, written at %s (--dump N analyses another).", w.heapDumpCount(), w.analysedDump(),
                    w.analysedDump().equals(w.heapDumpCount()) ? " (the last)" : "", Instant.ofEpochMilli(w.writtenAtMillis()));
            case DAMAGED_AFTER_DUMP -> "The heap dump analysed is complete, but the file is damaged after it, where reading"
                    + " stopped: " + w.damage() + ".";
            case REACHABILITY_UNKNOWN -> String.format(Locale.ROOT, "%,d objects have no surviving path from a GC root"
                    + " (reachability unknown, dump truncated); they are kept as top-level dominators of their own.",
                    w.objects());
            case UNREACHABLE_GARBAGE -> String.format(Locale.ROOT, "%.0f%% of the dump (%s in %,d objects) is unreachable"
                    + " garbage, removed before analysis: the dump was taken without a full GC.", w.percentOfDump(),
                    Bytes.human(w.shallowBytes()), w.objects());
            case DANGLING_REFERENCES -> String.format(Locale.ROOT, "%,d references point at objects lost in the cut.",
                    w.references());
            case STATIC_FIELDS_LOST_IN_CUT -> "Static fields whose objects were lost in the cut (possible holders of what"
                    + " has no path): " + String.join(", ", w.staticFields())
                    + (w.staticFieldCount() > w.staticFields().size()
                    ? " and " + (w.staticFieldCount() - w.staticFields().size()) + " more" : "") + ".";
        };
    }

    /** Where and how a dump ends early, as one clause starting "dump is truncated". */
    public static String truncation(Truncation t) {
        StringBuilder sb = new StringBuilder("dump is truncated");
        if (t.cutAt() > t.validEnd()) {
            sb.append(" at byte ").append(t.cutAt()).append(" inside ").append(t.cutRecord());
            if (t.missingBytesOfCutRecord() > 0) {
                sb.append(" (that record alone is missing ").append(t.missingBytesOfCutRecord()).append(" bytes)");
            }
            sb.append("; the partial record was dropped");
        } else if (t.missingBytesOfCutRecord() > 0) {
            sb.append(": it ends at byte ").append(t.validEnd()).append(" between two records, where its heap dump segment")
                    .append(" declares ").append(t.missingBytesOfCutRecord()).append(" more bytes");
        } else {
            sb.append(": it has no HEAP DUMP END record after byte ").append(t.validEnd());
        }
        if (t.damage() != null) {
            sb.append("; ").append(t.damage());
        }
        sb.append("; everything after the cut is lost, so counts and sizes are lower bounds");
        return sb.toString();
    }

    private static String capitalize(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
