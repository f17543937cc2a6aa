package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * The report for a terminal: verdict first, then the tables, within 100 columns, sizes human-readable; and the diff
 * of two reports, what grew first.
 */
public final class TextRenderer implements ReportRenderer {
    private static final int NAME = 60;
    private final PrintWriter out;
    private final int top;

    public TextRenderer(PrintWriter out, int top) {
        this.out = new PrintWriter(UntrustedText.terminalSafe(out)); // heap text may carry terminal escapes
        this.top = top;
    }

    @Override
    public void render(Report r) {
        wrap(r.verdict(), "");
        r.warnings().forEach(w -> wrap("WARNING: " + w, "         "));
        out.println();
        summary(r);
        connections(r.connections());
        retentionTree(r.retentionTree());
        dominators(r.dominatorRetention());
        holders(r.holders());
        suspects(r.suspects());
        largest(r.largestObjects());
        histogram(r.histogram());
        threads(r.threads());
        out.flush();
    }

    @Override
    public void render(ReportDiff d) {
        heading("Heap Triage diff: " + d.baseline().file() + " -> " + d.current().file());
        d.warnings().forEach(w -> out.println("WARNING: " + w));
        figure("Used heap", DiffFigures.bytes(d.usedHeapBytes()));
        figure("Objects", DiffFigures.count(d.objects()));
        figure("Unreachable", DiffFigures.bytes(d.unreachableBytes()));
        heading("Connections by holder (grew first)");
        if (d.connections().isEmpty()) {
            out.println("no connection objects in either dump");
        }
        for (ReportDiff.ConnectionDelta c : d.connections()) {
            out.println("  " + DiffFigures.connection(c) + (DiffFigures.leakAfter(c) ? "  LEAK" : ""));
        }
        classDeltas("Classes by retained growth (>= : MAT's minimum retained)", d.classes());
        classDeltas("Dominator retention by class, growth", d.dominatorRetention());
        heading("New leak suspects");
        if (d.newSuspects().isEmpty()) {
            out.println("none");
        }
        for (Report.Suspect s : d.newSuspects()) {
            out.printf(Locale.ROOT, "  %s %s retains %s (%.1f%%)%n", s.kind().name().toLowerCase(Locale.ROOT), s.className(),
                    Bytes.human(s.retainedBytes()), s.percentOfHeap());
        }
        out.flush();
    }

    private void figure(String what, String value) {
        out.println(String.format(Locale.ROOT, "%-12s", what) + value);
    }

    private void classDeltas(String title, List<ReportDiff.ClassDelta> rows) {
        heading(title);
        out.printf(Locale.ROOT, "%-50s %20s %24s %12s%n", "Class", "Instances", "Retained", "Growth");
        for (ReportDiff.ClassDelta c : limit(rows)) {
            out.printf(Locale.ROOT, "%-50s %20s %24s %12s%n", Shorten.toWidth(DiffFigures.className(c), 50),
                    String.format(Locale.ROOT, "%,d -> %,d", c.instances().before(), c.instances().after()),
                    Bytes.human(c.retainedBytes().before()) + " -> " + Bytes.human(c.retainedBytes().after()),
                    DiffFigures.signed(c.retainedBytes().delta()));
        }
    }

    private void summary(Report r) {
        Report.DumpInfo d = r.dump();
        Report.HeapInfo h = r.heap();
        out.printf(Locale.ROOT, "Dump       %s (%s on disk%s)%n", d.file(), Bytes.human(d.fileBytes()), d.compressed() ? ", gzip" : "");
        out.printf(Locale.ROOT, "Format     %s, %d-byte ids%s, %d-byte alignment%n", d.hprofVersion(), d.idSize(),
                d.compressedReferences() ? ", compressed references" : "", d.objectAlignment());
        out.printf(Locale.ROOT, "Used heap  %s in %,d objects, %,d classes, %,d GC roots%n", Bytes.human(h.usedHeapBytes()),
                h.objects(), h.classes(), h.gcRoots());
        if (h.unreachable().objects() > 0) {
            out.printf(Locale.ROOT, "Garbage    %s in %,d unreachable objects, removed as MAT does%n",
                    Bytes.human(h.unreachable().shallowBytes()), h.unreachable().objects());
        }
        if (h.reachabilityUnknown().objects() > 0) {
            out.printf(Locale.ROOT, "Unknown    %s in %,d objects without a surviving path from a GC root (kept)%n",
                    Bytes.human(h.reachabilityUnknown().shallowBytes()), h.reachabilityUnknown().objects());
        }
    }

    private void heading(String title) {
        out.println();
        out.println(title);
    }

    private void connections(List<Report.Connection> findings) {
        heading("Connections (grouped by who holds them)");
        if (findings.isEmpty()) {
            out.println("no connection objects found");
        }
        findings.forEach(this::connection);
    }

    /** One connection finding as the report shows it: kind, count, holder, state, and for a leak its explanation and path. */
    public void renderConnection(Report.Connection f) {
        connection(f);
        out.flush();
    }

    private void connection(Report.Connection f) {
        out.printf(Locale.ROOT, "%s  %,d x %s [%s]%n", f.isLeak() ? "LEAK" : "ok  ", f.count(), Shorten.toWidth(f.className(), 70),
                f.category());
        wrap("      held by " + f.holder().description(), "              ");
        out.printf(Locale.ROOT, "      open %,d, closed %,d, unknown %,d; retained %s (%s each, %.1f%% of heap); confidence %s%n",
                f.open(), f.closed(), f.unknown(), Bytes.human(f.retainedBytes()), Bytes.human(f.retainedBytesPerConnection()),
                f.percentOfHeap(), f.confidence());
        if (f.pool() != null) {
            out.printf(Locale.ROOT, "      pool %s: max %s, active %s, idle %s%n", f.pool().name(), f.pool().maxSize(),
                    f.pool().active(), f.pool().idle());
        }
        if (!f.facts().isEmpty()) {
            out.println("      " + Shorten.toWidth(f.facts().toString(), 94));
        }
        if (f.isLeak()) {
            wrap("      " + f.explanation(), "      ");
            path(f.holder().path());
        }
    }

    private void retentionTree(List<RetentionTree.Node> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return;
        }
        heading("What holds the memory (retention tree by field: how each parent holds it, retained size)");
        RetentionTreeLines.of(nodes, top, 100).forEach(out::println);
        more(nodes);
    }

    private void dominators(List<TopDominatorsByClass.Row> rows) {
        heading("Dominator retention by class (top-level dominators grouped by class)");
        out.printf(Locale.ROOT, "%-" + NAME + "s %10s %12s %7s%n", "Class", "Objects", "Retained", "Heap");
        for (TopDominatorsByClass.Row row : limit(rows)) {
            out.printf(Locale.ROOT, "%-" + NAME + "s %,10d %12s %6.1f%%%n", Shorten.toWidth(row.className(), NAME), row.objects(),
                    Bytes.human(row.retainedBytes()), row.percentOfHeap());
        }
        more(rows);
    }

    private void holders(List<Report.HolderRow> rows) {
        heading("Biggest holders (static fields, threads, other GC roots)");
        out.printf(Locale.ROOT, "%-" + (NAME + 11) + "s %12s %7s%n", "Holder -> what it keeps", "Retained", "Heap");
        for (Report.HolderRow h : limit(rows)) {
            out.printf(Locale.ROOT, "%-" + (NAME + 11) + "s %12s %6.1f%%%n", Shorten.toWidth(h.name(), NAME + 11), Bytes.human(h.retainedBytes()),
                    h.percentOfHeap());
            out.printf(Locale.ROOT, "    -> %s%n", Shorten.toWidth(h.heldClassName(), 90));
        }
    }

    private void suspects(List<Report.Suspect> suspects) {
        heading("Leak suspects (MAT's rules)");
        if (suspects.isEmpty()) {
            out.println("none over the threshold");
        }
        int n = 1;
        for (Report.Suspect s : suspects) {
            String what = s.kind() == LeakSuspects.Kind.SINGLE ? "one " + s.className() + String.format(Locale.ROOT, " @ 0x%x", s.address())
                    : String.format(Locale.ROOT, "%,d instances of %s", s.objects(), s.className());
            out.printf(Locale.ROOT, "%d. %s %s %s (%.1f%%)%n", n++, what, s.objects() == 1 ? "retains" : "retain",
                    Bytes.human(s.retainedBytes()), s.percentOfHeap());
            if (s.accumulationClass() != null) {
                out.printf(Locale.ROOT, "   accumulated in %s @ 0x%x (%s)%n", s.accumulationClass(), s.accumulationAddress(),
                        Bytes.human(s.accumulationRetainedBytes()));
            }
            path(s.pathFromGcRoot());
        }
    }

    private void path(List<Report.Step> steps) {
        if (steps.isEmpty()) {
            return;
        }
        out.println("   path from GC root:");
        for (int i = 0; i < steps.size(); i++) {
            Report.Step p = steps.get(i);
            String text = Steps.line(p, i == 0, true);
            out.println("     " + "  ".repeat(Math.min(i, 12)) + Shorten.toWidth(text, 90 - 2 * Math.min(i, 12)));
        }
    }

    private void largest(List<Report.LargestObject> rows) {
        heading("Largest objects (top-level dominators)");
        out.printf(Locale.ROOT, "%-" + (NAME - 9) + "s %18s %10s %12s %5s%n", "Class", "Address", "Shallow", "Retained", "Heap");
        for (Report.LargestObject o : limit(rows)) {
            out.printf(Locale.ROOT, "%-" + (NAME - 9) + "s %18s %10s %12s %4.1f%%%n", Shorten.toWidth(o.className(), NAME - 9),
                    String.format(Locale.ROOT, "0x%x", o.address()), Bytes.human(o.shallowBytes()), Bytes.human(o.retainedBytes()),
                    o.percentOfHeap());
        }
    }

    private void histogram(List<Report.HistogramRow> rows) {
        heading("Class histogram by retained size (>= : MAT's minimum retained)");
        out.printf(Locale.ROOT, "%-" + (NAME - 2) + "s %12s %12s %14s%n", "Class", "Instances", "Shallow", "Retained >=");
        for (Report.HistogramRow row : limit(rows)) {
            out.printf(Locale.ROOT, "%-" + (NAME - 2) + "s %,12d %12s %14s%n", Shorten.toWidth(row.className(), NAME - 2), row.instances(),
                    Bytes.human(row.shallowBytes()), Bytes.human(row.retainedBytes()));
        }
        more(rows);
    }

    private void threads(List<Threads.ThreadInfo> threads) {
        heading("Threads by retained size");
        for (Threads.ThreadInfo t : threads.subList(0, Math.min(threads.size(), Math.min(top, 10)))) {
            out.printf(Locale.ROOT, "%-" + (NAME + 10) + "s %12s%n", Shorten.toWidth("\"" + t.name() + "\" " + t.className(), NAME + 10),
                    Bytes.human(t.retainedBytes()));
            for (Threads.Frame f : t.frames().subList(0, Math.min(t.frames().size(), 6))) {
                out.println("    at " + Shorten.toWidth(f.text(), 88));
                for (Threads.Local l : f.locals()) {
                    out.printf(Locale.ROOT, "       local %s (%s)%n", Shorten.toWidth(l.className(), 70), Bytes.human(l.retainedBytes()));
                }
            }
        }
    }

    /** Prints text in lines of at most 100 columns, breaking at spaces; continuation lines get the indent. */
    private void wrap(String text, String indent) {
        int width = 100;
        String rest = text;
        boolean first = true;
        while (!rest.isEmpty()) {
            String prefix = first ? "" : indent;
            int room = width - prefix.length();
            if (rest.length() <= room) {
                out.println(prefix + rest);
                return;
            }
            int cut = rest.lastIndexOf(' ', room);
            if (cut <= 0) {
                cut = room;
            }
            out.println(prefix + rest.substring(0, cut));
            rest = rest.substring(cut).stripLeading();
            first = false;
        }
    }

    private <T> List<T> limit(List<T> rows) {
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    private void more(List<?> rows) {
        if (top > 0 && rows.size() > top) {
            out.printf(Locale.ROOT, "... %,d more (--top N shows more)%n", rows.size() - top);
        }
    }
}
