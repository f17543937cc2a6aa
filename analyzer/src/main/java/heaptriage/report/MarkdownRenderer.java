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
 * The report for an incident ticket: GitHub/Jira-friendly Markdown, short, verdict first; and the diff of two
 * reports, what grew first.
 */
public final class MarkdownRenderer implements ReportRenderer {
    /** Most rows of a report's table: a ticket stays short. */
    private static final int MAX_REPORT_ROWS = 15;
    private final PrintWriter out;
    private final int top;
    private final int diffRows;

    public MarkdownRenderer(PrintWriter out, int top) {
        this.out = out;
        this.top = Math.min(top, MAX_REPORT_ROWS);
        this.diffRows = top;
    }

    @Override
    public void render(ReportDiff d) {
        heading("## Heap Triage diff: " + UntrustedText.markdownText(d.baseline().file()) + " -> "
                + UntrustedText.markdownText(d.current().file()));
        d.warnings().forEach(w -> out.println("> **Warning:** " + UntrustedText.markdownText(w)));
        figure("Used heap", DiffFigures.bytes(d.usedHeapBytes()));
        figure("Objects", DiffFigures.count(d.objects()));
        figure("Unreachable", DiffFigures.bytes(d.unreachableBytes()));
        heading("### Connections by holder (grew first)");
        if (d.connections().isEmpty()) {
            out.println("no connection objects in either dump");
        }
        for (ReportDiff.ConnectionDelta c : d.connections()) {
            out.println("- " + DiffFigures.connection(c, UntrustedText::markdownText) + (DiffFigures.leakAfter(c) ? " **LEAK**" : ""));
        }
        classDeltas("### Classes by retained growth (>= : MAT's minimum retained)", d.classes());
        classDeltas("### Dominator retention by class, growth", d.dominatorRetention());
        heading("### New leak suspects");
        if (d.newSuspects().isEmpty()) {
            out.println("none");
        }
        for (Report.Suspect s : d.newSuspects()) {
            out.printf(Locale.ROOT, "- %s %s retains %s (%.1f%%)%n", s.kind().name().toLowerCase(Locale.ROOT),
                    UntrustedText.markdownText(s.className()),
                    Bytes.human(s.retainedBytes()), s.percentOfHeap());
        }
        out.flush();
    }

    private void heading(String title) {
        out.println();
        out.println(title);
        out.println();
    }

    private void figure(String what, String value) {
        out.println("- **" + what + "**: " + value);
    }

    private void classDeltas(String title, List<ReportDiff.ClassDelta> rows) {
        heading(title);
        out.println("| Class | Instances | Shallow | Retained | Growth |");
        out.println("|---|---:|---:|---:|---:|");
        for (ReportDiff.ClassDelta c : rows.subList(0, Math.min(diffRows, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %,d -> %,d | %s -> %s | %s -> %s | %s |%n", code(DiffFigures.className(c)),
                    c.instances().before(), c.instances().after(), Bytes.human(c.shallowBytes().before()),
                    Bytes.human(c.shallowBytes().after()), Bytes.human(c.retainedBytes().before()),
                    Bytes.human(c.retainedBytes().after()), DiffFigures.signed(c.retainedBytes().delta()));
        }
    }

    @Override
    public void render(Report r) {
        out.println("## Heap Triage: " + UntrustedText.markdownText(r.verdict()));
        out.println();
        for (String w : r.warnings()) {
            out.println("> **Warning:** " + UntrustedText.markdownText(w));
        }
        if (!r.warnings().isEmpty()) {
            out.println();
        }
        Report.DumpInfo d = r.dump();
        Report.HeapInfo h = r.heap();
        out.printf(Locale.ROOT, "%s (%s on disk), %s, used heap **%s** in %,d objects, %,d classes, %,d GC roots.%n",
                code(d.file()), Bytes.human(d.fileBytes()), UntrustedText.markdownText(d.hprofVersion()), Bytes.human(h.usedHeapBytes()),
                h.objects(), h.classes(), h.gcRoots());
        if (h.unreachable().objects() > 0) {
            out.printf(Locale.ROOT, "Unreachable garbage removed: %s in %,d objects.%n", Bytes.human(h.unreachable().shallowBytes()),
                    h.unreachable().objects());
        }
        connections(r.connections());
        retentionTree(r.retentionTree());
        suspects(r.suspects());
        dominators(r.dominatorRetention());
        holders(r.holders());
        largest(r.largestObjects());
        histogram(r.histogram());
        threads(r.threads());
        out.flush();
    }

    private void section(String title) {
        out.println();
        out.println(title);
        out.println();
    }

    /** The lines in a fenced block, indented under a list item or not: heap text stays inert. */
    private void block(String indent, List<String> lines) {
        List<String> safe = lines.stream().map(UntrustedText::forTerminal).toList();
        String fence = UntrustedText.markdownFence(safe);
        out.println(indent + fence);
        safe.forEach(line -> out.println(indent + line));
        out.println(indent + fence);
    }

    private void connections(List<Report.Connection> findings) {
        if (findings == null) {
            return;
        }
        section("### Connections (grouped by who holds them)");
        if (findings.isEmpty()) {
            out.println("No connection objects found.");
            return;
        }
        for (Report.Connection f : findings) {
            out.printf(Locale.ROOT, "- **%s** %,d x %s [%s], held by %s%n", f.isLeak() ? "LEAK" : "ok", f.count(),
                    code(f.className()), UntrustedText.markdownText(f.category()), code(f.holder().description()));
            out.printf(Locale.ROOT, "  - open %,d, closed %,d, unknown %,d; retained %s (%s each, %.1f%% of the heap);"
                    + " confidence %s%n", f.open(), f.closed(), f.unknown(), Bytes.human(f.retainedBytes()),
                    Bytes.human(f.retainedBytesPerConnection()), f.percentOfHeap(), UntrustedText.markdownText(f.confidence()));
            if (f.pool() != null) {
                out.printf(Locale.ROOT, "  - pool %s: max %s, active %s, idle %s%n", code(String.valueOf(f.pool().name())),
                        f.pool().maxSize(), f.pool().active(), f.pool().idle());
            }
            if (f.facts() != null && !f.facts().isEmpty()) {
                out.println("  - facts: " + String.join(", ", f.facts().entrySet().stream()
                        .map(e -> code(e.getKey() + "=" + e.getValue())).toList()));
            }
            if (f.isLeak()) {
                out.println("  - " + UntrustedText.markdownText(f.explanation()));
                List<Report.Step> path = f.holder().path();
                if (path != null && !path.isEmpty()) {
                    out.println("  - path from GC root:");
                    out.println();
                    block("    ", pathLines(path));
                    out.println();
                }
            }
        }
    }

    private static List<String> pathLines(List<Report.Step> path) {
        List<String> lines = new java.util.ArrayList<>();
        for (int i = 0; i < path.size(); i++) {
            Report.Step p = path.get(i);
            lines.add("  ".repeat(Math.min(i, 12)) + Steps.line(p, i == 0, false));
        }
        return lines;
    }

    private void retentionTree(List<RetentionTree.Node> nodes) {
        if (nodes == null || nodes.isEmpty()) {
            return;
        }
        section("### What holds the memory (retention tree by field)");
        block("", RetentionTreeLines.of(nodes, top, 0));
    }

    private void largest(List<Report.LargestObject> rows) {
        if (rows == null) {
            return;
        }
        section("### Largest objects");
        out.println("| Class | Address | Shallow | Retained | Heap |");
        out.println("|---|---|---:|---:|---:|");
        for (Report.LargestObject o : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | `0x%x` | %s | %s | %.1f%% |%n", code(o.className()), o.address(),
                    Bytes.human(o.shallowBytes()), Bytes.human(o.retainedBytes()), o.percentOfHeap());
        }
    }

    private void histogram(List<Report.HistogramRow> rows) {
        if (rows == null) {
            return;
        }
        section("### Class histogram by retained size (MAT's minimum retained)");
        out.println("| Class | Instances | Shallow | Retained >= |");
        out.println("|---|---:|---:|---:|");
        for (Report.HistogramRow row : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %,d | %s | %s |%n", code(row.className()), row.instances(),
                    Bytes.human(row.shallowBytes()), Bytes.human(row.retainedBytes()));
        }
    }

    private void threads(List<Threads.ThreadInfo> threads) {
        if (threads == null || threads.isEmpty()) {
            return;
        }
        section("### Threads by retained size");
        for (Threads.ThreadInfo t : threads.subList(0, Math.min(threads.size(), Math.min(top, 10)))) {
            out.printf(Locale.ROOT, "- %s %s: %s%n", code(t.name()), code(t.className()), Bytes.human(t.retainedBytes()));
            List<String> lines = new java.util.ArrayList<>();
            for (Threads.Frame f : t.frames().subList(0, Math.min(t.frames().size(), 6))) {
                lines.add("at " + f.text());
                f.locals().forEach(l -> lines.add("   local " + l.className() + " (" + Bytes.human(l.retainedBytes()) + ")"));
            }
            if (!lines.isEmpty()) {
                out.println();
                block("  ", lines);
                out.println();
            }
        }
    }

    private void suspects(List<Report.Suspect> suspects) {
        out.println();
        out.println("### Leak suspects");
        out.println();
        if (suspects.isEmpty()) {
            out.println("None over the threshold.");
            return;
        }
        int n = 1;
        for (Report.Suspect s : suspects) {
            String what = s.kind() == LeakSuspects.Kind.SINGLE ? "One " + code(s.className())
                    : String.format(Locale.ROOT, "%,d instances of %s", s.objects(), code(s.className()));
            out.printf(Locale.ROOT, "%d. %s retain **%s** (%.1f%% of the heap)%s%n", n++, what, Bytes.human(s.retainedBytes()),
                    s.percentOfHeap(), s.accumulationClass() == null ? ""
                            : ", accumulated in " + code(s.accumulationClass()));
            if (!s.pathFromGcRoot().isEmpty()) {
                out.println();
                block("   ", pathLines(s.pathFromGcRoot()));
            }
        }
    }

    private void dominators(List<TopDominatorsByClass.Row> rows) {
        out.println();
        out.println("### What filled the heap (dominator retention by class)");
        out.println();
        out.println("| Class | Objects | Retained | Heap |");
        out.println("|---|---:|---:|---:|");
        for (TopDominatorsByClass.Row row : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %,d | %s | %.1f%% |%n", code(row.className()), row.objects(),
                    Bytes.human(row.retainedBytes()), row.percentOfHeap());
        }
    }

    private void holders(List<Report.HolderRow> rows) {
        out.println();
        out.println("### Biggest holders");
        out.println();
        out.println("| Holder | Keeps | Retained | Heap |");
        out.println("|---|---|---:|---:|");
        for (Report.HolderRow h : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %.1f%% |%n", code(h.name()), code(h.heldClassName()),
                    Bytes.human(h.retainedBytes()), h.percentOfHeap());
        }
    }

    /** Heap text as a code span: inert in prose and in table cells. */
    private static String code(String text) {
        return UntrustedText.markdownCode(text);
    }
}
