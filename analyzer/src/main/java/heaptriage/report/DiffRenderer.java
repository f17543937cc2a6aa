package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.LeakSuspects;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/** The diff for a terminal (text) or a ticket (Markdown): what grew, holders whose connections grew first. */
public final class DiffRenderer {
    private final PrintWriter out;
    private final int top;
    private final boolean markdown;

    public DiffRenderer(PrintWriter out, int top, boolean markdown) {
        this.out = markdown ? out : new PrintWriter(UntrustedText.terminalSafe(out)); // heap text may carry terminal escapes
        this.top = top;
        this.markdown = markdown;
    }

    public void render(ReportDiff d) {
        heading(1, "Heap Triage diff: " + md(d.baseline().file()) + " -> " + md(d.current().file()));
        d.warnings().forEach(w -> out.println((markdown ? "> **Warning:** " : "WARNING: ") + md(w)));
        line("Used heap", bytes(d.usedHeapBytes()));
        line("Objects", count(d.objects()));
        line("Unreachable", bytes(d.unreachableBytes()));
        connections(d.connections());
        classes("Classes by retained growth (>= : MAT's minimum retained)", d.classes());
        classes("Dominator retention by class, growth", d.dominatorRetention());
        suspects(d.newSuspects());
        out.flush();
    }

    private void heading(int level, String title) {
        out.println();
        out.println(markdown ? "#".repeat(level + 1) + " " + title : title);
        if (markdown) {
            out.println();
        }
    }

    private void line(String what, String value) {
        out.println((markdown ? "- **" + what + "**: " : String.format(Locale.ROOT, "%-12s", what)) + value);
    }

    private void connections(List<ReportDiff.ConnectionDelta> rows) {
        heading(2, "Connections by holder (grew first)");
        if (rows.isEmpty()) {
            out.println("no connection objects in either dump");
        }
        for (ReportDiff.ConnectionDelta c : rows) {
            String text = String.format(Locale.ROOT, "%s: %,d -> %,d open %s (%+,d)%s%s", md(c.holder()), c.open().before(),
                    c.open().after(), md(c.className()), c.open().delta(),
                    c.closed().before() + c.closed().after() > 0 ? String.format(Locale.ROOT, ", closed %,d -> %,d",
                            c.closed().before(), c.closed().after()) : "",
                    "leak".equals(c.verdictAfter()) ? (markdown ? " **LEAK**" : "  LEAK") : "");
            out.println((markdown ? "- " : "  ") + text);
        }
    }

    private void classes(String title, List<ReportDiff.ClassDelta> rows) {
        heading(2, title);
        if (markdown) {
            out.println("| Class | Instances | Shallow | Retained | Growth |");
            out.println("|---|---:|---:|---:|---:|");
        } else {
            out.printf(Locale.ROOT, "%-50s %20s %24s %12s%n", "Class", "Instances", "Retained", "Growth");
        }
        for (ReportDiff.ClassDelta c : rows.subList(0, Math.min(top, rows.size()))) {
            String name = c.className() + (c.appeared() ? " (new)" : "");
            if (markdown) {
                out.printf(Locale.ROOT, "| %s | %,d -> %,d | %s -> %s | %s -> %s | %s |%n", UntrustedText.markdownCode(name),
                        c.instances().before(), c.instances().after(), Bytes.human(c.shallowBytes().before()),
                        Bytes.human(c.shallowBytes().after()), Bytes.human(c.retainedBytes().before()),
                        Bytes.human(c.retainedBytes().after()), signed(c.retainedBytes().delta()));
            } else {
                out.printf(Locale.ROOT, "%-50s %20s %24s %12s%n", fit(name, 50),
                        String.format(Locale.ROOT, "%,d -> %,d", c.instances().before(), c.instances().after()),
                        Bytes.human(c.retainedBytes().before()) + " -> " + Bytes.human(c.retainedBytes().after()),
                        signed(c.retainedBytes().delta()));
            }
        }
    }

    private void suspects(List<Report.Suspect> suspects) {
        heading(2, "New leak suspects");
        if (suspects.isEmpty()) {
            out.println("none");
        }
        for (Report.Suspect s : suspects) {
            out.printf(Locale.ROOT, "%s%s %s retains %s (%.1f%%)%n", markdown ? "- " : "  ", s.kind().name().toLowerCase(Locale.ROOT),
                    md(s.className()), Bytes.human(s.retainedBytes()), s.percentOfHeap());
        }
    }

    /** Heap text as Markdown prose in the Markdown form; as it is in text (the writer shows control characters). */
    private String md(String text) {
        return markdown ? UntrustedText.markdownText(text) : text;
    }

    private static String bytes(ReportDiff.Delta d) {
        return Bytes.human(d.before()) + " -> " + Bytes.human(d.after()) + " (" + signed(d.delta())
                + (d.percent() == null ? "" : String.format(Locale.ROOT, ", %+.1f%%", d.percent())) + ")";
    }

    private static String count(ReportDiff.Delta d) {
        return String.format(Locale.ROOT, "%,d -> %,d (%+,d)", d.before(), d.after(), d.delta());
    }

    private static String signed(long bytes) {
        return (bytes < 0 ? "-" : "+") + Bytes.human(Math.abs(bytes));
    }

    private static String fit(String text, int width) {
        return text.length() <= width ? text : "..." + text.substring(text.length() - width + 3);
    }
}
