package heaptriage.report;

import heaptriage.analysis.Bytes;

import java.util.Locale;
import java.util.function.UnaryOperator;

/** Before-and-after figures of a diff, the same in every format: {@code 4.8 MiB -> 5.1 MiB (+300 KiB, +6.1%)}. */
final class DiffFigures {
    private DiffFigures() {
    }

    static String bytes(ReportDiff.Delta d) {
        return Bytes.human(d.before()) + " -> " + Bytes.human(d.after()) + " (" + signed(d.delta())
                + (d.percent() == null ? "" : String.format(Locale.ROOT, ", %+.1f%%", d.percent())) + ")";
    }

    static String count(ReportDiff.Delta d) {
        return String.format(Locale.ROOT, "%,d -> %,d (%+,d)", d.before(), d.after(), d.delta());
    }

    static String signed(long bytes) {
        return (bytes < 0 ? "-" : "+") + Bytes.human(Math.abs(bytes));
    }

    /** {@code holder: 10 -> 200 open org.h2.jdbc.JdbcConnection (+190), closed 0 -> 5}. */
    static String connection(ReportDiff.ConnectionDelta c) {
        return connection(c, UnaryOperator.identity());
    }

    /** The same, with the heap's text (holder, class name) made safe for the format. */
    static String connection(ReportDiff.ConnectionDelta c, UnaryOperator<String> heapText) {
        return String.format(Locale.ROOT, "%s: %,d -> %,d open %s (%+,d)%s", heapText.apply(c.holder()), c.open().before(),
                c.open().after(), heapText.apply(c.className()), c.open().delta(),
                c.closed().before() + c.closed().after() > 0 ? String.format(Locale.ROOT, ", closed %,d -> %,d",
                        c.closed().before(), c.closed().after()) : "");
    }

    /** The class name, marked when it appeared only in the current dump. */
    static String className(ReportDiff.ClassDelta c) {
        return c.className() + (c.appeared() ? " (new)" : "");
    }

    static boolean leakAfter(ReportDiff.ConnectionDelta c) {
        return Report.Connection.LEAK.equals(c.verdictAfter());
    }
}
