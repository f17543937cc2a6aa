package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.DominatorRetention;
import heaptriage.analysis.Holders;
import heaptriage.analysis.LeakSuspects;

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
        suspects(r.suspects());
        dominators(r.dominatorRetention());
        holders(r.holders());
        out.flush();
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
                List<Report.Step> path = s.pathFromGcRoot();
                List<String> lines = new java.util.ArrayList<>();
                for (int i = 0; i < path.size(); i++) {
                    Report.Step p = path.get(i);
                    lines.add("  ".repeat(Math.min(i, 12)) + UntrustedText.forTerminal(i == 0 ? p.className() + " [" + p.via() + "]"
                            : "." + p.via() + " -> " + p.className()));
                }
                String fence = UntrustedText.markdownFence(lines);
                out.println("   " + fence);
                lines.forEach(line -> out.println("   " + line));
                out.println("   " + fence);
            }
        }
    }

    private void dominators(List<DominatorRetention.Row> rows) {
        out.println();
        out.println("### What filled the heap (dominator retention by class)");
        out.println();
        out.println("| Class | Objects | Retained | Heap |");
        out.println("|---|---:|---:|---:|");
        for (DominatorRetention.Row row : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %,d | %s | %.1f%% |%n", code(row.className()), row.objects(),
                    Bytes.human(row.retainedBytes()), row.percentOfHeap());
        }
    }

    private void holders(List<Holders.Holder> rows) {
        out.println();
        out.println("### Biggest holders");
        out.println();
        out.println("| Holder | Keeps | Retained | Heap |");
        out.println("|---|---|---:|---:|");
        for (Holders.Holder h : rows.subList(0, Math.min(top, rows.size()))) {
            out.printf(Locale.ROOT, "| %s | %s | %s | %.1f%% |%n", code(h.name()), code(h.heldClassName()),
                    Bytes.human(h.retainedBytes()), h.percentOfHeap());
        }
    }

    /** Heap text as a code span: inert in prose and in table cells. */
    private static String code(String text) {
        return UntrustedText.markdownCode(text);
    }
}
