package heaptriage.report;

import heaptriage.hprof.Truncation;

import java.util.List;

/**
 * Something the reader of a report must know before trusting its figures, as data; {@link WarningSentences} says it
 * in English. Only the fields of its kind are set, the others are null: {@code truncation} for {@link
 * Kind#TRUNCATED}; {@code heapDumpCount}, {@code analysedDump} and {@code writtenAtMillis} for {@link
 * Kind#SEVERAL_HEAP_DUMPS}; {@code damage} for {@link Kind#DAMAGED_AFTER_DUMP}; {@code objects} for {@link
 * Kind#REACHABILITY_UNKNOWN}; {@code objects}, {@code shallowBytes} and {@code percentOfDump} for {@link
 * Kind#UNREACHABLE_GARBAGE}; {@code references} for {@link Kind#DANGLING_REFERENCES}; {@code staticFields} (the
 * first {@value #STATIC_FIELDS_LISTED}) and {@code staticFieldCount} for {@link Kind#STATIC_FIELDS_LOST_IN_CUT}.
 */
public record Warning(Kind kind, Truncation truncation, Integer heapDumpCount, Integer analysedDump, Long writtenAtMillis,
                      String damage, Long objects, Long shallowBytes, Double percentOfDump, Long references,
                      List<String> staticFields, Integer staticFieldCount) {

    /** How many static fields lost in the cut a warning names; the rest are counted. */
    public static final int STATIC_FIELDS_LISTED = 20;

    /** What the warning is about. */
    public enum Kind {
        /** The dump ends early: counts and sizes are lower bounds. */
        TRUNCATED,
        /** The file holds several heap dumps and the report is of one of them. */
        SEVERAL_HEAP_DUMPS,
        /** The heap dump analysed is whole, but the file is damaged after it. */
        DAMAGED_AFTER_DUMP,
        /** Objects with no surviving path from a GC root (a truncated dump lost their referrers). */
        REACHABILITY_UNKNOWN,
        /** A large share of the dump was unreachable garbage, removed before analysis. */
        UNREACHABLE_GARBAGE,
        /** References that point at objects lost in the cut of a truncated dump. */
        DANGLING_REFERENCES,
        /** Static fields whose objects were lost in the cut: possible holders of what has no path. */
        STATIC_FIELDS_LOST_IN_CUT
    }

    public static Warning truncated(Truncation truncation) {
        return new Warning(Kind.TRUNCATED, truncation, null, null, null, null, null, null, null, null, null, null);
    }

    public static Warning severalHeapDumps(int heapDumpCount, int analysedDump, long writtenAtMillis) {
        return new Warning(Kind.SEVERAL_HEAP_DUMPS, null, heapDumpCount, analysedDump, writtenAtMillis, null, null, null, null,
                null, null, null);
    }

    public static Warning damagedAfterDump(String damage) {
        return new Warning(Kind.DAMAGED_AFTER_DUMP, null, null, null, null, damage, null, null, null, null, null, null);
    }

    public static Warning reachabilityUnknown(long objects) {
        return new Warning(Kind.REACHABILITY_UNKNOWN, null, null, null, null, null, objects, null, null, null, null, null);
    }

    public static Warning unreachableGarbage(long objects, long shallowBytes, double percentOfDump) {
        return new Warning(Kind.UNREACHABLE_GARBAGE, null, null, null, null, null, objects, shallowBytes, percentOfDump,
                null, null, null);
    }

    public static Warning danglingReferences(long references) {
        return new Warning(Kind.DANGLING_REFERENCES, null, null, null, null, null, null, null, null, references, null, null);
    }

    /** @param staticFields every such field as {@code class.field}; the warning keeps the first ones and the count */
    public static Warning staticFieldsLostInCut(List<String> staticFields) {
        return new Warning(Kind.STATIC_FIELDS_LOST_IN_CUT, null, null, null, null, null, null, null, null, null,
                List.copyOf(staticFields.subList(0, Math.min(STATIC_FIELDS_LISTED, staticFields.size()))),
                staticFields.size());
    }
}
