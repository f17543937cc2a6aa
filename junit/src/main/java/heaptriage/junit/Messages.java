package heaptriage.junit;

import heaptriage.analysis.Bytes;
import heaptriage.report.TextRenderer;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Locale;

/** The extension's English: the failure message and the cost line. Decisions are made elsewhere, on data. */
final class Messages {
    private Messages() {
    }

    /** Names each grown holder, then shows its finding as the text report does: kind, count, holder, path. */
    static String failure(LeakCheck.Outcome outcome) {
        StringWriter text = new StringWriter();
        PrintWriter out = new PrintWriter(text);
        out.printf(Locale.ROOT, "Heap Triage: %s leaks connections: %d holder%s kept more than before it started.%n",
                outcome.label(), outcome.grown().size(), outcome.grown().size() == 1 ? "" : "s");
        TextRenderer renderer = new TextRenderer(out, Settings.REPORT_ROWS);
        for (LeakCheck.HolderGrowth g : outcome.grown()) {
            out.printf(Locale.ROOT, "%+,d %s held by %s: %,d before, %,d after%n", g.growth(), g.finding().className(),
                    g.finding().holder().description(), g.before(), g.after());
            renderer.renderConnection(g.finding());
        }
        if (outcome.keptDump() != null) {
            out.println("Dump kept at " + outcome.keptDump() + " (open it with: heaptriage analyze " + outcome.keptDump() + ")");
        }
        if (outcome.markdownReport() != null) {
            out.println("Markdown report at " + outcome.markdownReport());
        }
        out.flush();
        return text.toString().stripTrailing();
    }

    /** For the test's report entry, e.g. "2 dumps (largest 13.0 MiB) in 0.41 s, 1 analysis of 96,836 objects in 1.12 s (1.30 s CPU)". */
    static String cost(LeakCheck.Cost c) {
        return String.format(Locale.ROOT, "%d dump%s (largest %s) in %.2f s, %d analys%s of %,d objects in %.2f s (%.2f s CPU)",
                c.dumps(), c.dumps() == 1 ? "" : "s", Bytes.human(c.largestDumpBytes()), c.dumpNanos() / 1e9,
                c.analyses(), c.analyses() == 1 ? "is" : "es", c.objectsAnalysed(), c.analysisNanos() / 1e9,
                c.analysisCpuNanos() / 1e9);
    }
}
