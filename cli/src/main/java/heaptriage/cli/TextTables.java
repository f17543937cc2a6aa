package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.SizeModel;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints the terminal tables, within 100 columns. */
final class TextTables {
    private static final int NAME_WIDTH = 62;

    private TextTables() {
    }

    static void summary(PrintStream out, HeapSnapshot s, long nanos) {
        SizeModel m = s.sizeModel();
        out.printf(Locale.ROOT, "Dump      %s (%s on disk%s)%n", s.dump().path(), Bytes.human(s.dump().fileBytes()),
                s.dump().isCompressed() ? ", gzip" + (s.dump().isChunkedGzip() ? " in blocks" : "") : "");
        out.printf(Locale.ROOT, "Format    %s, %d-byte ids%s, %d-byte object alignment%n", s.header().version(),
                s.header().idSize(), m.compressedReferences() ? ", compressed references" : "", m.objectAlign());
        out.printf(Locale.ROOT, "Heap      %,d objects, %,d classes, %,d GC roots, %,d references%n",
                s.objectCount(), s.classes().size(), s.gcRoots().length, s.referenceCount());
        out.printf(Locale.ROOT, "Read in   %.1f s%n", nanos / 1e9);
    }

    static void histogram(PrintStream out, ClassHistogram h, int top) {
        List<ClassHistogram.Row> rows = top > 0 && top < h.rows().size() ? h.rows().subList(0, top) : h.rows();
        out.printf(Locale.ROOT, "Class histogram (%,d objects, %s shallow)%n", h.totalInstances(), Bytes.human(h.totalShallowBytes()));
        out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %14s %14s %6s%n", "Class", "Instances", "Shallow", "%");
        for (ClassHistogram.Row r : rows) {
            double pct = h.totalShallowBytes() == 0 ? 0 : 100.0 * r.shallowBytes() / h.totalShallowBytes();
            out.printf(Locale.ROOT, "%-" + NAME_WIDTH + "s %,14d %14s %5.1f%%%n", fit(r.className()), r.instances(),
                    Bytes.human(r.shallowBytes()), pct);
        }
        if (rows.size() < h.rows().size()) {
            out.printf(Locale.ROOT, "... %,d more classes (use --top 0 for all)%n", h.rows().size() - rows.size());
        }
    }

    static void warnings(PrintStream out, HeapSnapshot s) {
        s.truncation().ifPresent(t -> {
            out.println("WARNING: " + t.describe() + ".");
            out.println();
        });
    }

    /** Keeps the end of long class names, where the simple name is. */
    private static String fit(String name) {
        return name.length() <= NAME_WIDTH ? name : "..." + name.substring(name.length() - NAME_WIDTH + 3);
    }
}
