package heaptriage.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.analysis.Bytes;
import heaptriage.analysis.DominatorRetention;
import heaptriage.analysis.Holders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page for a browser or a ticket attachment: verdict first, then the
 * warnings, the dump's facts, the connection findings, the retention tree as an icicle chart (drawn by the page's
 * script from embedded JSON), a bar chart of what filled the heap (inline SVG, drawn here, so it shows without
 * JavaScript) and sortable tables. No network: the CSS and the small script that draws the icicle and sorts the
 * tables are inline, and a Content-Security-Policy forbids loading anything. Every text taken from the heap is
 * escaped, and everything outside ASCII is written as a character reference, so the page reads the same whatever
 * encoding the writer uses.
 */
public final class HtmlRenderer implements ReportRenderer {
    /** Rows in the dominator chart. */
    static final int CHART_ROWS = 15;
    private static final int CHART_WIDTH = 960;
    private static final int CHART_LABEL = 372;
    private static final int CHART_BAR = 430;
    private static final int CHART_ROW = 24;
    /** Characters of a class name that fit left of the bars (12px monospace). */
    static final int CHART_LABEL_CHARS = 46;
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    /** Writes the chart's data; heap strings as valid JSON whatever they hold. */
    private static final ObjectMapper DATA_MAPPER = new ObjectMapper().registerModule(UntrustedText.jsonModule());

    private final PrintWriter out;
    private final int top;

    /**
     * @param out where the page is written (flushed, not closed)
     * @param top rows per table; 0 or less for all rows
     */
    public HtmlRenderer(PrintWriter out, int top) {
        this.out = out;
        this.top = top;
    }

    @Override
    public void render(Report r) {
        boolean leak = list(r.connections()).stream().anyMatch(Report.Connection::isLeak);
        String tool = r.tool() == null ? "heaptriage" : r.tool();
        pageStart(tool, r.dump() == null ? "report" : fileName(r.dump().file()), r.dump() == null ? null : r.dump().file());
        out.println("<div id=\"verdict\" class=\"verdict " + (leak ? "leak" : "neutral") + "\" role=\"status\">"
                + esc(r.verdict()) + "</div>");
        for (String w : list(r.warnings())) {
            out.println("<div class=\"warning\"><strong>Warning:</strong> " + esc(w) + "</div>");
        }
        nav();
        facts(r);
        connections(list(r.connections()));
        retentionTree(list(r.retentionTree()), r.heap() == null ? 0 : r.heap().usedHeapBytes());
        dominators(list(r.dominatorRetention()));
        holders(list(r.holders()));
        suspects(list(r.suspects()));
        largest(list(r.largestObjects()));
        histogram(list(r.histogram()));
        threads(list(r.threads()));
        pageEnd("Written by " + esc(tool) + ", report schema version " + r.schemaVersion()
                + ". Sizes as Eclipse MAT counts them; KiB = 1024 bytes.");
    }

    /** The diff of two reports: what grew, holders whose connections grew first, with sortable tables. */
    @Override
    public void render(ReportDiff d) {
        pageStart("heaptriage", "diff of " + fileName(d.baseline().file()) + " and " + fileName(d.current().file()),
                d.baseline().file() + " -> " + d.current().file());
        boolean leak = d.connections().stream().anyMatch(DiffFigures::leakAfter);
        out.println("<div id=\"verdict\" class=\"verdict " + (leak ? "leak" : "neutral") + "\" role=\"status\">"
                + esc(d.current().verdict() == null ? "" : d.current().verdict()) + "</div>");
        for (String w : d.warnings()) {
            out.println("<div class=\"warning\"><strong>Warning:</strong> " + esc(w) + "</div>");
        }
        out.println("<section id=\"facts\">");
        out.println("<h2>Heap Triage diff</h2>");
        out.println("<dl class=\"facts\">");
        fact("Baseline", "<code>" + esc(d.baseline().file()) + "</code>");
        fact("Current", "<code>" + esc(d.current().file()) + "</code>");
        fact("Used heap", esc(DiffFigures.bytes(d.usedHeapBytes())));
        fact("Objects", esc(DiffFigures.count(d.objects())));
        fact("Unreachable", esc(DiffFigures.bytes(d.unreachableBytes())));
        out.println("</dl>");
        out.println("</section>");
        out.println("<section id=\"connections\">");
        out.println("<h2>Connections <small>by holder, grew first</small></h2>");
        if (d.connections().isEmpty()) {
            out.println("<p class=\"none\">No connection objects in either dump.</p>");
        }
        out.println("<ul>");
        for (ReportDiff.ConnectionDelta c : d.connections()) {
            out.println("<li>" + (DiffFigures.leakAfter(c) ? "<span class=\"badge leak\">LEAK</span> " : "")
                    + esc(DiffFigures.connection(c)) + "</li>");
        }
        out.println("</ul>");
        out.println("</section>");
        classDeltas("classes", "Classes <small>by retained growth (MAT's minimum retained)</small>", d.classes());
        classDeltas("dominators", "Dominator retention by class <small>growth</small>", d.dominatorRetention());
        out.println("<section id=\"suspects\">");
        out.println("<h2>New leak suspects</h2>");
        if (d.newSuspects().isEmpty()) {
            out.println("<p class=\"none\">None.</p>");
        }
        out.println("<ul>");
        for (Report.Suspect s : d.newSuspects()) {
            out.println("<li>" + esc(s.kind().name().toLowerCase(Locale.ROOT)) + " <code>" + esc(s.className()) + "</code> retains "
                    + esc(Bytes.human(s.retainedBytes())) + " (" + pct(s.percentOfHeap()) + ")</li>");
        }
        out.println("</ul>");
        out.println("</section>");
        pageEnd("Written by heaptriage, diff schema version " + d.schemaVersion()
                + ". Sizes as Eclipse MAT counts them; KiB = 1024 bytes.");
    }

    private void classDeltas(String id, String title, List<ReportDiff.ClassDelta> rows) {
        out.println("<section id=\"" + id + "\">");
        out.println("<h2>" + title + "</h2>");
        table(id + "-growth");
        out.println("<thead><tr>" + th("Class", false, false) + th("Instances before", true, false)
                + th("Instances after", true, false) + th("Retained before", true, false) + th("Retained after", true, false)
                + th("Growth", true, true) + "</tr></thead><tbody>");
        for (ReportDiff.ClassDelta c : limit(rows)) {
            out.println("<tr>" + cls(DiffFigures.className(c)) + num(c.instances().before(), count(c.instances().before()))
                    + num(c.instances().after(), count(c.instances().after()))
                    + num(c.retainedBytes().before(), Bytes.human(c.retainedBytes().before()))
                    + num(c.retainedBytes().after(), Bytes.human(c.retainedBytes().after()))
                    + num(c.retainedBytes().delta(), DiffFigures.signed(c.retainedBytes().delta())) + "</tr>");
        }
        out.println("</tbody></table>");
        more(rows);
        out.println("</section>");
    }

    /** The page up to the start of its content: head with inline style, header line with the file. */
    private void pageStart(String tool, String title, String file) {
        out.println("<!DOCTYPE html>");
        out.println("<html lang=\"en\">");
        out.println("<head>");
        out.println("<meta charset=\"utf-8\">");
        out.println("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline';"
                + " script-src 'unsafe-inline'; img-src data:\">");
        out.println("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.println("<meta name=\"generator\" content=\"" + esc(tool) + "\">");
        out.println("<title>Heap Triage: " + esc(title) + "</title>");
        out.println("<style>");
        out.print(CSS);
        out.println("</style>");
        out.println("</head>");
        out.println("<body>");
        out.println("<header class=\"top\"><span class=\"brand\">Heap Triage</span>"
                + (file == null ? "" : " <span class=\"file\">" + esc(file) + "</span>") + "</header>");
        out.println("<main>");
    }

    /** The end of the page: footer (HTML given), the inline script that sorts the tables. */
    private void pageEnd(String footerHtml) {
        out.println("</main>");
        out.println("<footer>" + footerHtml + "</footer>");
        out.println("<script>");
        out.print(SCRIPT);
        out.println("</script>");
        out.println("</body>");
        out.println("</html>");
        out.flush();
    }

    private void nav() {
        out.println("<nav><a href=\"#facts\">Dump</a> <a href=\"#connections\">Connections</a>"
                + " <a href=\"#retention\">Retention tree</a> <a href=\"#dominators\">What filled the heap</a> <a href=\"#holders\">Holders</a>"
                + " <a href=\"#suspects\">Leak suspects</a> <a href=\"#largest\">Largest objects</a>"
                + " <a href=\"#histogram\">Histogram</a> <a href=\"#threads\">Threads</a></nav>");
    }

    private void facts(Report r) {
        out.println("<section id=\"facts\">");
        out.println("<h2>Dump and heap</h2>");
        out.println("<dl class=\"facts\">");
        Report.DumpInfo d = r.dump();
        if (d != null) {
            fact("Dump file", "<code>" + esc(d.file()) + "</code>");
            fact("On disk", esc(Bytes.human(d.fileBytes())) + (d.compressed() ? ", gzip" : ""));
            fact("Format", esc(d.hprofVersion()) + ", " + d.idSize() + "-byte ids");
            fact("Layout", (d.compressedReferences() ? "compressed references, " : "") + d.objectAlignment() + "-byte alignment");
            fact("Truncated", d.truncated() ? "<strong class=\"bad\">yes: counts and sizes are lower bounds</strong>" : "no");
        }
        Report.HeapInfo h = r.heap();
        if (h != null) {
            fact("Used heap", "<strong>" + esc(Bytes.human(h.usedHeapBytes())) + "</strong>");
            fact("Objects", count(h.objects()));
            fact("Classes", count(h.classes()));
            fact("GC roots", count(h.gcRoots()));
            if (h.unreachable() != null && h.unreachable().objects() > 0) {
                fact("Garbage removed", esc(Bytes.human(h.unreachable().shallowBytes())) + " in " + count(h.unreachable().objects())
                        + " unreachable objects");
            }
            if (h.reachabilityUnknown() != null && h.reachabilityUnknown().objects() > 0) {
                fact("Reachability unknown", esc(Bytes.human(h.reachabilityUnknown().shallowBytes())) + " in "
                        + count(h.reachabilityUnknown().objects()) + " objects (kept)");
            }
        }
        out.println("</dl>");
        if (h != null && !list(h.unreachableByClass()).isEmpty()) {
            List<Report.ClassAmount> rows = list(h.unreachableByClass());
            out.println("<details><summary>Unreachable objects removed, by class</summary>");
            table("garbage");
            out.println("<thead><tr>" + th("#", true, false) + th("Class", false, false) + th("Objects", true, false)
                    + th("Shallow", true, true) + "</tr></thead><tbody>");
            int n = 1;
            for (Report.ClassAmount c : limit(rows)) {
                out.println("<tr>" + num(n, String.valueOf(n++)) + cls(c.className()) + num(c.objects(), count(c.objects()))
                        + num(c.shallowBytes(), Bytes.human(c.shallowBytes())) + "</tr>");
            }
            out.println("</tbody></table>");
            more(rows);
            out.println("</details>");
        }
        out.println("</section>");
    }

    private void fact(String name, String html) {
        out.println("<div><dt>" + esc(name) + "</dt><dd>" + html + "</dd></div>");
    }

    private void connections(List<Report.Connection> findings) {
        out.println("<section id=\"connections\">");
        out.println("<h2>Connections <small>grouped by who holds them</small></h2>");
        if (findings.isEmpty()) {
            out.println("<p class=\"none\">No connection objects found.</p>");
        }
        for (Report.Connection f : findings) {
            boolean leak = f.isLeak();
            out.println("<article class=\"finding " + (leak ? "leak" : "ok") + "\">");
            out.println("<h3><span class=\"badge " + (leak ? "leak\">LEAK" : "ok\">ok") + "</span> " + count(f.count()) + " &times; "
                    + esc(f.displayName()) + " <code>" + esc(f.className()) + "</code> <span class=\"tag\">"
                    + esc(f.category()) + "</span>" + (f.partial() ? " <span class=\"tag bad\">partial: dump truncated</span>" : "")
                    + "</h3>");
            Report.ConnectionHolder holder = f.holder();
            if (holder != null) {
                StringBuilder more = new StringBuilder();
                append(more, "holder", holder.type());
                append(more, "through", holder.container());
                append(more, "GC root", holder.rootKind());
                out.println("<p class=\"holder\">Held by <strong>" + esc(holder.description()) + "</strong>"
                        + (more.length() == 0 ? "" : " <span class=\"muted\">(" + more + ")</span>") + "</p>");
            }
            out.println("<dl class=\"counts\">");
            fact("Open", count(f.open()));
            fact("Closed", count(f.closed()));
            fact("Unknown", count(f.unknown()));
            fact("Retained", esc(Bytes.human(f.retainedBytes())) + " <span class=\"muted\">("
                    + esc(Bytes.human(f.retainedBytesPerConnection()))
                    + " each, " + pct(f.percentOfHeap()) + " of the heap)</span>");
            fact("Verdict", esc(f.verdict()) + (f.leakType() == null ? "" : " <span class=\"muted\">(" + esc(f.leakType()) + ")</span>"));
            fact("Confidence", esc(f.confidence()));
            out.println("</dl>");
            heaptriage.analysis.connections.ConnectionFinding.Pool pool = f.pool();
            if (pool != null) {
                out.println("<p class=\"pool\">Pool <strong>" + esc(pool.name() == null ? "(unnamed)" : pool.name()) + "</strong>"
                        + (pool.className() == null ? "" : " <code>" + esc(pool.className()) + "</code>") + ": max " + opt(pool.maxSize())
                        + ", active " + opt(pool.active()) + ", idle " + opt(pool.idle()) + ", total " + opt(pool.total()) + "</p>");
            }
            Map<String, String> facts = f.facts() == null ? Map.of() : f.facts();
            if (!facts.isEmpty()) {
                out.println("<table class=\"kv\"><tbody>");
                facts.forEach((k, v) -> out.println("<tr><th scope=\"row\">" + esc(k) + "</th><td><code>" + esc(v) + "</code></td></tr>"));
                out.println("</tbody></table>");
            }
            if (!list(f.layers()).isEmpty()) {
                out.println("<p class=\"layers\">Layers: " + String.join(" &rarr; ",
                        list(f.layers()).stream().map(l -> "<code>" + esc(l) + "</code>").toList()) + "</p>");
            }
            if (f.explanation() != null) {
                out.println("<p class=\"explanation\">" + esc(f.explanation()) + "</p>");
            }
            if (holder != null) {
                path(holder.path(), leak);
            }
            out.println("</article>");
        }
        out.println("</section>");
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null && !value.isEmpty()) {
            b.append(b.length() == 0 ? "" : ", ").append(esc(name)).append(' ').append(esc(value));
        }
    }

    private void path(List<Report.Step> steps, boolean open) {
        if (steps == null || steps.isEmpty()) {
            return;
        }
        out.println("<details class=\"path\"" + (open ? " open" : "") + "><summary>Path from GC root (" + steps.size()
                + (steps.size() == 1 ? " step" : " steps") + ")</summary>");
        out.println("<ol class=\"path\">");
        for (int i = 0; i < steps.size(); i++) {
            Report.Step p = steps.get(i);
            String indent = " style=\"padding-left:" + Math.min(i, 12) + "em\"";
            String text = i == 0 ? "<code>" + esc(p.className()) + "</code> <span class=\"addr\">" + hex(p.address())
                    + "</span> <span class=\"tag\">" + esc(p.via()) + "</span>"
                    : "<span class=\"via\">." + esc(p.via()) + " &rarr;</span> <code>" + esc(p.className())
                    + "</code> <span class=\"addr\">" + hex(p.address()) + "</span>";
            out.println("<li" + indent + ">" + text + " <span class=\"muted\">" + esc(Bytes.human(p.retainedBytes())) + "</span></li>");
        }
        out.println("</ol></details>");
    }

    /**
     * The retention tree as an icicle chart of retained bytes, drawn by the page's script (report.js) from the nodes
     * embedded as JSON: each row one level down, each node as wide as its share of the used heap; a click zooms into
     * a node, a click on the row above zooms out, hovering shows how each parent holds it and its size. The JSON is
     * heap text, so it is escaped for a script element ({@link UntrustedText#jsonForHtmlScript}) and the script
     * writes it only as text, never as markup.
     */
    private void retentionTree(List<RetentionTree.Node> nodes, long usedHeapBytes) {
        out.println("<section id=\"retention\">");
        out.println("<h2>Retention tree <small>what holds the heap, by field; click a node to zoom in, the row above"
                + " to zoom out</small></h2>");
        if (nodes.isEmpty()) {
            out.println("<p class=\"none\">No object retains a share of the heap worth showing.</p>");
            out.println("</section>");
            return;
        }
        List<Map<String, Object>> data = new ArrayList<>();
        for (RetentionTree.Node n : nodes) {
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("depth", n.depth());
            node.put("how", RetentionTreeLines.how(n));
            node.put("what", RetentionTreeLines.what(n));
            node.put("bytes", n.retainedBytes());
            node.put("size", Bytes.human(n.retainedBytes()) + String.format(Locale.ROOT, " (%.1f%%)", n.percentOfHeap()));
            node.put("application", n.application());
            data.add(node);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("heapBytes", Math.max(usedHeapBytes, nodes.stream().filter(n -> n.depth() == 0)
                .mapToLong(RetentionTree.Node::retainedBytes).sum()));
        tree.put("heapSize", Bytes.human(usedHeapBytes));
        tree.put("nodes", data);
        out.println("<figure class=\"icicle\">");
        out.println("<div id=\"retention-chart\" class=\"icicle\" role=\"tree\" aria-label=\"Retention tree by retained bytes\"></div>");
        out.println("<noscript><p class=\"none\">The chart needs JavaScript; the text and Markdown reports list the same"
                + " tree.</p></noscript>");
        out.println("<figcaption>Width is retained bytes as a share of the used heap (" + esc(Bytes.human(usedHeapBytes))
                + "); orange nodes are held by a field of application code. " + count(nodes.size())
                + (nodes.size() == 1 ? " node." : " nodes.") + "</figcaption>");
        out.println("</figure>");
        out.print("<script type=\"application/json\" id=\"retention-data\">");
        out.print(UntrustedText.jsonForHtmlScript(json(tree)));
        out.println("</script>");
        out.println("</section>");
    }

    private static String json(Object value) {
        try {
            return DATA_MAPPER.writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the retention tree cannot be written as JSON", e);
        }
    }

    private void dominators(List<DominatorRetention.Row> rows) {
        out.println("<section id=\"dominators\">");
        out.println("<h2>What filled the heap <small>dominator retention by class: top-level dominators grouped by class</small></h2>");
        chart(rows);
        table("dominator-table");
        out.println("<thead><tr>" + th("#", true, false) + th("Class", false, false) + th("Objects", true, false)
                + th("Shallow", true, false) + th("Retained", true, true) + th("Heap", true, false) + "</tr></thead><tbody>");
        int n = 1;
        for (DominatorRetention.Row row : limit(rows)) {
            out.println("<tr>" + num(n, String.valueOf(n++)) + cls(row.className()) + num(row.objects(), count(row.objects()))
                    + num(row.shallowBytes(), Bytes.human(row.shallowBytes())) + num(row.retainedBytes(), Bytes.human(row.retainedBytes()))
                    + pctCell(row.percentOfHeap()) + "</tr>");
        }
        out.println("</tbody></table>");
        more(rows);
        out.println("</section>");
    }

    /** A horizontal bar chart of the top rows, bars relative to the largest, labelled with size and share. */
    private void chart(List<DominatorRetention.Row> rows) {
        List<DominatorRetention.Row> shown = rows.subList(0, Math.min(CHART_ROWS, rows.size()));
        int height = Math.max(1, shown.size()) * CHART_ROW + 8;
        out.println("<figure class=\"chart\">");
        out.println("<svg id=\"dominator-chart\" role=\"img\" aria-labelledby=\"dominator-chart-title\" viewBox=\"0 0 " + CHART_WIDTH
                + " " + height + "\" width=\"" + CHART_WIDTH + "\" height=\"" + height + "\" preserveAspectRatio=\"xMinYMin meet\""
                + " font-family=\"ui-monospace, SFMono-Regular, Menlo, Consolas, monospace\" font-size=\"12\">");
        out.println("<title id=\"dominator-chart-title\">Retained bytes of the top " + shown.size()
                + " classes of top-level dominators</title>");
        if (shown.isEmpty()) {
            out.println("<text x=\"8\" y=\"20\" fill=\"#555\">No objects.</text>");
        }
        long max = shown.stream().mapToLong(DominatorRetention.Row::retainedBytes).max().orElse(0);
        for (int i = 0; i < shown.size(); i++) {
            DominatorRetention.Row row = shown.get(i);
            int y = 4 + i * CHART_ROW;
            double width = max <= 0 ? 0 : Math.max(1, (double) CHART_BAR * row.retainedBytes() / max);
            String value = Bytes.human(row.retainedBytes()) + "  " + String.format(Locale.ROOT, "%.1f%%", row.percentOfHeap());
            out.println("<g class=\"bar\"><title>" + esc(row.className()) + ": " + esc(value) + ", " + count(row.objects())
                    + (row.objects() == 1 ? " object" : " objects") + "</title>");
            out.println("<text x=\"" + (CHART_LABEL - 8) + "\" y=\"" + (y + 16) + "\" text-anchor=\"end\" fill=\"#222\">"
                    + esc(fit(row.className(), CHART_LABEL_CHARS)) + "</text>");
            out.println(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"16\" rx=\"2\" fill=\"%s\"/>",
                    CHART_LABEL, y + 4, width, i == 0 ? "#3b6fb6" : "#6f97cf"));
            out.println(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#333\">%s</text>", CHART_LABEL + width + 6,
                    y + 16, esc(value)));
            out.println("</g>");
        }
        out.println("</svg>");
        out.println("<figcaption>Top " + shown.size() + " of " + count(rows.size())
                + " classes by retained bytes; bars relative to the largest.</figcaption>");
        out.println("</figure>");
    }

    private void holders(List<Holders.Holder> rows) {
        out.println("<section id=\"holders\">");
        out.println("<h2>Biggest holders <small>static fields, threads, other GC roots</small></h2>");
        table("holders-table");
        out.println("<thead><tr>" + th("#", true, false) + th("Holder", false, false) + th("Kind", false, false)
                + th("Keeps", false, false) + th("Retained", true, true) + th("Heap", true, false) + "</tr></thead><tbody>");
        int n = 1;
        for (Holders.Holder h : limit(rows)) {
            out.println("<tr>" + num(n, String.valueOf(n++)) + cls(h.name()) + "<td class=\"kind\">" + esc(kind(h.kind())) + "</td>"
                    + cls(h.heldClassName()) + num(h.retainedBytes(), Bytes.human(h.retainedBytes())) + pctCell(h.percentOfHeap())
                    + "</tr>");
        }
        out.println("</tbody></table>");
        more(rows);
        out.println("</section>");
    }

    private static String kind(Holders.Kind kind) {
        if (kind == null) {
            return "";
        }
        return switch (kind) {
            case STATIC_FIELD -> "static field";
            case THREAD -> "thread";
            case GC_ROOT -> "GC root";
        };
    }

    private void suspects(List<Report.Suspect> suspects) {
        out.println("<section id=\"suspects\">");
        out.println("<h2>Leak suspects <small>Eclipse MAT's rules</small></h2>");
        if (suspects.isEmpty()) {
            out.println("<p class=\"none\">None over the threshold.</p>");
        } else {
            out.println("<ol class=\"suspects\">");
            for (Report.Suspect s : suspects) {
                String what = s.kind() == LeakSuspects.Kind.SINGLE
                        ? "One <code>" + esc(s.className()) + "</code> <span class=\"addr\">" + hex(s.address()) + "</span>"
                        : count(s.objects()) + " instances of <code>" + esc(s.className()) + "</code>";
                String verb = s.kind() == LeakSuspects.Kind.SINGLE ? " retains " : " retain ";
                out.println("<li><p>" + what + verb + "<strong>" + esc(Bytes.human(s.retainedBytes())) + "</strong> ("
                        + pct(s.percentOfHeap()) + " of the heap)</p>");
                if (s.accumulationClass() != null) {
                    out.println("<p class=\"muted\">Accumulated in <code>" + esc(s.accumulationClass()) + "</code> <span class=\"addr\">"
                            + hex(s.accumulationAddress()) + "</span> (" + esc(Bytes.human(s.accumulationRetainedBytes())) + ")</p>");
                }
                path(s.pathFromGcRoot(), false);
                out.println("</li>");
            }
            out.println("</ol>");
        }
        out.println("</section>");
    }

    private void largest(List<Report.LargestObject> rows) {
        out.println("<section id=\"largest\">");
        out.println("<h2>Largest objects <small>top-level dominators</small></h2>");
        table("largest-table");
        out.println("<thead><tr>" + th("#", true, false) + th("Class", false, false) + th("Address", true, false)
                + th("Shallow", true, false) + th("Retained", true, true) + th("Heap", true, false) + "</tr></thead><tbody>");
        int n = 1;
        for (Report.LargestObject o : limit(rows)) {
            out.println("<tr>" + num(n, String.valueOf(n++)) + cls(o.className())
                    + "<td class=\"num addr\" data-v=\"" + Long.toUnsignedString(o.address()) + "\">" + hex(o.address()) + "</td>"
                    + num(o.shallowBytes(), Bytes.human(o.shallowBytes())) + num(o.retainedBytes(), Bytes.human(o.retainedBytes()))
                    + pctCell(o.percentOfHeap()) + "</tr>");
        }
        out.println("</tbody></table>");
        more(rows);
        out.println("</section>");
    }

    private void histogram(List<Report.HistogramRow> rows) {
        out.println("<section id=\"histogram\">");
        out.println("<h2>Class histogram <small>by retained size; &ge; is MAT's minimum retained size</small></h2>");
        table("histogram-table");
        out.println("<thead><tr>" + th("#", true, false) + th("Class", false, false) + th("Instances", true, false)
                + th("Shallow", true, false) + th("Retained &ge;", true, true) + "</tr></thead><tbody>");
        int n = 1;
        for (Report.HistogramRow row : limit(rows)) {
            out.println("<tr>" + num(n, String.valueOf(n++)) + cls(row.className()) + num(row.instances(), count(row.instances()))
                    + num(row.shallowBytes(), Bytes.human(row.shallowBytes())) + num(row.retainedBytes(), Bytes.human(row.retainedBytes()))
                    + "</tr>");
        }
        out.println("</tbody></table>");
        more(rows);
        out.println("</section>");
    }

    private void threads(List<Threads.ThreadInfo> threads) {
        out.println("<section id=\"threads\">");
        out.println("<h2>Threads <small>by retained size; open one for its stack and the objects its locals hold</small></h2>");
        if (threads.isEmpty()) {
            out.println("<p class=\"none\">No threads in the dump.</p>");
        }
        for (Threads.ThreadInfo t : limit(threads)) {
            List<Threads.Frame> frames = list(t.frames());
            out.println("<details class=\"thread\"><summary><code>\"" + esc(t.name()) + "\"</code> <span class=\"muted\">"
                    + esc(t.className()) + " " + hex(t.address()) + "</span> <span class=\"size\">" + esc(Bytes.human(t.retainedBytes()))
                    + "</span> <span class=\"muted\">" + frames.size() + (frames.size() == 1 ? " frame" : " frames") + "</span></summary>");
            if (frames.isEmpty()) {
                out.println("<p class=\"none\">No stack trace in the dump.</p>");
            } else {
                out.println("<ol class=\"stack\">");
                for (Threads.Frame f : frames) {
                    out.print("<li><code>at " + esc(f.text()) + "</code>");
                    List<Threads.Local> locals = list(f.locals());
                    if (!locals.isEmpty()) {
                        out.print("<ul class=\"locals\">");
                        for (Threads.Local l : locals) {
                            out.print("<li>local <code>" + esc(l.className()) + "</code> <span class=\"addr\">" + hex(l.address())
                                    + "</span> <span class=\"muted\">" + esc(Bytes.human(l.retainedBytes())) + "</span></li>");
                        }
                        out.print("</ul>");
                    }
                    out.println("</li>");
                }
                out.println("</ol>");
            }
            out.println("</details>");
        }
        more(threads);
        out.println("</section>");
    }

    private void table(String id) {
        out.println("<div class=\"scroll\"><table id=\"" + id + "\" class=\"sortable\">");
    }

    /** A header cell; numeric columns sort largest first on the first click; the table starts sorted by one. */
    private static String th(String label, boolean numeric, boolean sortedDescending) {
        return "<th scope=\"col\" tabindex=\"0\"" + (numeric ? " class=\"num\"" : "")
                + (sortedDescending ? " aria-sort=\"descending\"" : "") + " title=\"Sort\">" + label + "</th>";
    }

    private static String num(long sortKey, String text) {
        return "<td class=\"num\" data-v=\"" + sortKey + "\">" + esc(text) + "</td>";
    }

    private static String pctCell(double percent) {
        return "<td class=\"num\" data-v=\"" + String.format(Locale.ROOT, "%.6f", percent) + "\">" + pct(percent) + "</td>";
    }

    /** A name cell; long names may wrap after a dot or a dollar sign. */
    private static String cls(String className) {
        return "<td class=\"name\"><code>" + esc(className).replace(".", ".<wbr>").replace("$", "$<wbr>") + "</code></td>";
    }

    private <T> List<T> limit(List<T> rows) {
        return top > 0 && rows.size() > top ? rows.subList(0, top) : rows;
    }

    private void more(List<?> rows) {
        if (top > 0 && rows.size() > top) {
            out.println("<p class=\"more\">" + count(rows.size() - top) + " more rows not shown (<code>--top N</code> shows more).</p>");
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String pct(double percent) {
        return String.format(Locale.ROOT, "%.1f%%", percent);
    }

    private static String hex(long address) {
        return "0x" + Long.toHexString(address);
    }

    private static String opt(Integer n) {
        return n == null ? "?" : count(n);
    }

    private static <T> List<T> list(List<T> rows) {
        return rows == null ? List.of() : rows;
    }

    private static String fileName(String path) {
        if (path == null) {
            return "report";
        }
        int slash = Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\'));
        return path.substring(slash + 1);
    }

    /** Keeps the end of long names, where the simple name is. */
    static String fit(String text, int width) {
        if (text == null) {
            return "";
        }
        return text.codePointCount(0, text.length()) <= width ? text
                : "\u2026" + text.substring(text.offsetByCodePoints(text.length(), -(width - 1)));
    }

    /**
     * Text for HTML element content and attribute values: markup characters as entities, everything outside ASCII
     * as a numeric character reference, and control characters (and lone surrogates), which HTML does not allow,
     * as U+FFFD. Null is the empty string.
     */
    static String esc(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                case '\t', '\n', '\r' -> b.append((char) c);
                default -> {
                    if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c <= 0xffff && Character.isSurrogate((char) c)) {
                        b.append("&#xfffd;");
                    } else if (c > 0x7e) {
                        b.append("&#x").append(Integer.toHexString(c)).append(';');
                    } else {
                        b.append((char) c);
                    }
                }
            }
        }
        return b.toString();
    }

    private static String resource(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("heaptriage/report/" + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
