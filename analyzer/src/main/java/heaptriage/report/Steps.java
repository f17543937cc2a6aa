package heaptriage.report;

import heaptriage.analysis.PathStep;
import heaptriage.hprof.RootKind;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Paths from GC roots as the report shows them: each reference written the way Eclipse MAT writes it. */
public final class Steps {
    private Steps() {
    }

    public static List<Report.Step> of(List<PathStep> path) {
        return path.stream().map(Steps::of).toList();
    }

    public static Report.Step of(PathStep p) {
        return new Report.Step(p.className(), p.address(), via(p), p.retainedBytes(), p.reference(), p.field(),
                p.index() < 0 ? null : p.index(), p.rootKinds());
    }

    /**
     * {@code openExports}, {@code openExports (static)}, {@code [12]}, {@code <class>}, {@code <super or loader>},
     * {@code <Java Local>}; for the first step its root kinds ({@code JNI Global, System Class}) or that no root
     * reaches it.
     */
    public static String via(PathStep p) {
        return switch (p.reference()) {
            case GC_ROOT -> rootKinds(p.rootKinds());
            case REACHABILITY_UNKNOWN -> "reachability unknown (dump truncated)";
            case FIELD -> p.field();
            case STATIC_FIELD -> p.field() + " (static)";
            case ARRAY_ELEMENT -> "[" + p.index() + "]";
            case CLASS -> "<class>";
            case SUPER_OR_LOADER -> "<super or loader>";
            case STACK_LOCAL -> "<Java Local>";
            case UNREADABLE -> "?";
            case COLLECTION_ELEMENT -> "<element>"; // the retention tree's summaries; a path names each entry
            case THREAD_LOCAL_VALUE -> "<thread local>";
        };
    }

    /**
     * One step of a path as a line of text, as every text form prints it: the first step {@code Class @ 0x1a2b
     * [JNI Global]}, each next one {@code .field -> Class @ 0x3c4d}; without the addresses when {@code withAddress}
     * is false.
     */
    public static String line(Report.Step p, boolean first, boolean withAddress) {
        String at = withAddress ? String.format(Locale.ROOT, " @ 0x%x", p.address()) : "";
        return first ? p.className() + at + " [" + p.via() + "]" : "." + p.via() + " -> " + p.className() + at;
    }

    /** MAT's names of root kinds, joined: {@code JNI Global, System Class}. */
    static String rootKinds(List<RootKind> kinds) {
        return kinds.stream().map(RootKindNames::of).collect(Collectors.joining(", "));
    }
}
