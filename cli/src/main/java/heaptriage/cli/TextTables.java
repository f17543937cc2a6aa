package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import heaptriage.report.Shorten;
import heaptriage.report.UntrustedText;
import heaptriage.report.WarningSentences;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the class histogram for the {@code histogram} command, within 100 columns. */
final class TextTables {
    private static final int NAME_WIDTH = 62;

    private TextTables() {
    }

    /** Which objects a histogram counts. */
    enum Scope { ALL, LIVE }

    static void histogram(PrintStream out, ClassHistogram h, int top, Scope scope) {
        List<ClassHistogram.Row> rows = top > 0 && top < h.rows().size() ? h.rows().subList(0, top) : h.rows();
        if (scope == Scope.ALL) {
            out.printf(Locale.ROOT, "Class histogram of all %,d objects in the dump (%s shallow)%n", h.totalInstances(),
                    Bytes.human(h.totalShallowBytes()));
            out.println("Unreachable objects included; analyze and histogram --live leave them out, as MAT does.");
        } else {
            out.printf(Locale.ROOT, "Class histogram of the %,d live objects, as analyze and MAT count them (%s shallow)%n",
                    h.totalInstances(), Bytes.human(h.totalShallowBytes()));
        }
        out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %14s %14s %6s%n", "Class", "Instances", "Shallow", "%");
        for (ClassHistogram.Row r : rows) {
            double pct = h.totalShallowBytes() == 0 ? 0 : 100.0 * r.shallowBytes() / h.totalShallowBytes();
            out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %,14d %14s %5.1f%%%n", Shorten.toWidth(UntrustedText.forTerminal(r.className()), NAME_WIDTH), r.instances(),
                    Bytes.human(r.shallowBytes()), pct);
        }
        if (rows.size() < h.rows().size()) {
            out.printf(Locale.ROOT, "... %,d more classes (use --top 0 for all)%n", h.rows().size() - rows.size());
        }
    }

    static void warnings(PrintStream out, HeapSnapshot s) {
        s.truncation().ifPresent(t -> {
            out.println("WARNING: " + WarningSentences.truncation(t) + ".");
            out.println();
        });
    }
}
