package heaptriage.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheException;
import com.github.mustachejava.MustacheFactory;
import heaptriage.analysis.Bytes;
import heaptriage.analysis.RetentionTree;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The report as one self-contained HTML page for a browser or a ticket attachment: verdict first, then the
 * warnings, the dump's facts, the connection findings, the retention tree as an icicle chart (drawn by the page's
 * script from embedded JSON), a bar chart of what filled the heap (inline SVG, so it shows without JavaScript) and
 * sortable tables. No network: the CSS and the small script that draws the icicle and sorts the tables are inline,
 * and a Content-Security-Policy forbids loading anything.
 *
 * <p>The page is a Mustache template ({@code heaptriage/report/html/report.html.mustache}, the diff's
 * {@code diff.html.mustache}) filled from an {@link HtmlView}. Every value the template writes goes through
 * {@link #esc}: every text taken from the heap is escaped, and everything outside ASCII is written as a character
 * reference, so the page reads the same whatever encoding the writer uses. The template writes only three values
 * raw, each marked there: our style sheet, our script and the retention tree's JSON, escaped for a script element.
 * Partial files end without a line break, and none ends with a section tag: Mustache.java keeps the line break after
 * a {@code {{>partial}}} tag, and that line break ends the partial's last line (the golden files catch a stray one).
 */
public final class HtmlRenderer implements ReportRenderer {
    /** Rows in the dominator chart. */
    static final int CHART_ROWS = 15;
    static final int CHART_WIDTH = 960;
    static final int CHART_LABEL = 372;
    static final int CHART_BAR = 430;
    static final int CHART_ROW = 24;
    /** Characters of a class name that fit left of the bars (12px monospace). */
    static final int CHART_LABEL_CHARS = 46;
    private static final String CSS = resource("report.css");
    private static final String SCRIPT = resource("report.js");
    /** Writes the chart's data; heap strings as valid JSON whatever they hold. */
    private static final ObjectMapper DATA_MAPPER = new ObjectMapper().registerModule(UntrustedText.jsonModule());
    /** Templates whose value tags are escaped by {@link #esc}. */
    private static final MustacheFactory TEMPLATES = new DefaultMustacheFactory("heaptriage/report/html") {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(esc(value));
            } catch (IOException e) {
                throw new MustacheException("cannot write the page", e);
            }
        }
    };
    private static final Mustache REPORT_PAGE = TEMPLATES.compile("report.html.mustache");
    private static final Mustache DIFF_PAGE = TEMPLATES.compile("diff.html.mustache");

    private final PrintWriter out;
    private final HtmlView view;

    /**
     * @param out where the page is written (flushed, not closed)
     * @param top rows per table; 0 or less for all rows
     */
    public HtmlRenderer(PrintWriter out, int top) {
        this.out = out;
        this.view = new HtmlView(top);
    }

    @Override
    public void render(Report r) {
        List<RetentionTree.Node> tree = r.retentionTree() == null ? List.of() : r.retentionTree();
        String treeJson = tree.isEmpty() ? null
                : UntrustedText.jsonForHtmlScript(retentionJson(tree, r.heap() == null ? 0 : r.heap().usedHeapBytes()));
        REPORT_PAGE.execute(out, view.report(r, CSS, SCRIPT, treeJson));
        out.flush();
    }

    /** The diff of two reports: what grew, holders whose connections grew first, with sortable tables. */
    @Override
    public void render(ReportDiff d) {
        DIFF_PAGE.execute(out, view.diff(d, CSS, SCRIPT));
        out.flush();
    }

    /**
     * The retention tree's nodes for the icicle chart, drawn by the page's script (report.js): each row one level
     * down, each node as wide as its share of the used heap; a click zooms into a node, a click on the row above zooms
     * out, hovering shows how each parent holds it and its size. The JSON is heap text, so the caller escapes it for
     * a script element ({@link UntrustedText#jsonForHtmlScript}) and the script writes it only as text, never as
     * markup.
     */
    private static String retentionJson(List<RetentionTree.Node> nodes, long usedHeapBytes) {
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
        try {
            return DATA_MAPPER.writeValueAsString(tree);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("the retention tree cannot be written as JSON", e);
        }
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
