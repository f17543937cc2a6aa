package heaptriage.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The HTML report's structure, checked in Java on real reports of the sample dumps and on a hostile one. */
class HtmlRendererTest {
    private static final Pattern VERDICT = Pattern.compile("<div id=\"verdict\" class=\"verdict (leak|neutral)\"[^>]*>([^<]*)</div>");
    private static final Pattern EXTERNAL = Pattern.compile(
            "(?i)<(script|link|img|iframe|object|embed|source|audio|video|use|image)\\b[^>]*"
            + "\\b(src|href|data|xlink:href)\\s*=\\s*[\"']?\\s*(https?:)?//");

    @Test
    void theH2LeakReportLeadsWithARedVerdict() throws Exception {
        String html = SampleReports.html(SampleReports.of("h2-leak"), 25);
        Matcher m = VERDICT.matcher(html);
        assertTrue(m.find(), "a verdict element");
        assertEquals("leak", m.group(1), "red: a connection finding is a leak");
        assertTrue(m.group(2).startsWith("Probable connection leak"), m.group(2));
        assertTrue(m.group(2).contains("com.acme.billing.InvoiceExporter.openExports"), m.group(2));
        assertTrue(html.indexOf("id=\"verdict\"") < html.indexOf("<section"), "the verdict comes first");
    }

    @Test
    void aHealthyReportHasANeutralVerdict() throws Exception {
        String html = SampleReports.html(SampleReports.of("hikari-healthy"), 25);
        Matcher m = VERDICT.matcher(html);
        assertTrue(m.find(), "a verdict element");
        assertEquals("neutral", m.group(1), m.group(2));
    }

    @Test
    void theChartIsInlineSvgWithOneBarPerTopRow() throws Exception {
        Report r = SampleReports.of("h2-leak");
        String html = SampleReports.html(r, 25);
        int start = html.indexOf("<svg id=\"dominator-chart\"");
        assertTrue(start >= 0, "the chart");
        String svg = html.substring(start, html.indexOf("</svg>", start));
        int bars = svg.split("<rect ", -1).length - 1;
        assertEquals(Math.min(HtmlRenderer.CHART_ROWS, r.dominatorRetention().size()), bars, "one bar per row, at most 15");
        assertEquals(15, bars, "h2-leak has more than 15 classes of top-level dominators");
        String label = Shorten.toWidth(r.dominatorRetention().get(0).className(), HtmlRenderer.CHART_LABEL_CHARS, Shorten.ELLIPSIS);
        assertTrue(svg.contains(">" + HtmlRenderer.esc(label) + "</text>"), "labelled");
    }

    @Test
    void everySectionAndSortableTableIsThere() throws Exception {
        Report r = SampleReports.of("h2-leak");
        String html = SampleReports.html(r, 25);
        for (String id : List.of("facts", "connections", "dominators", "holders", "suspects", "largest", "histogram", "threads")) {
            assertTrue(html.contains("<section id=\"" + id + "\">"), id);
        }
        for (String id : List.of("dominator-table", "holders-table", "largest-table", "histogram-table")) {
            assertTrue(html.contains("<table id=\"" + id + "\" class=\"sortable\">"), id);
        }
        assertEquals(25, rowsOf(html, "histogram-table"), "top N histogram rows");
        assertTrue(html.contains((r.histogram().size() - 25) + " more rows not shown"));
        assertEquals(r.dominatorRetention().size(), rowsOf(SampleReports.html(r, 0), "dominator-table"), "top 0: every row");
        assertTrue(html.contains("<details class=\"path\" open><summary>Path from GC root"), "the leak's path, open");
        assertTrue(html.contains("<details class=\"thread\">"), "collapsible stacks");
        assertTrue(html.contains("jdbc:h2:mem:billing"), "the connection's facts");
        assertTrue(html.contains("<script>") && html.contains("<style>"), "inline script and style");
    }

    private static int rowsOf(String html, String tableId) {
        int start = html.indexOf("<table id=\"" + tableId + "\"");
        String table = html.substring(start, html.indexOf("</table>", start));
        return table.split("<tr>", -1).length - 2; // minus the text before the first row and the header row
    }

    @ParameterizedTest
    @ValueSource(strings = {"h2-leak", "hikari-healthy", "socket-leak", SampleReports.TRUNCATED})
    void nothingIsLoadedFromTheNetwork(String name) throws Exception {
        String html = SampleReports.html(SampleReports.of(name), 25);
        Matcher m = EXTERNAL.matcher(html);
        assertFalse(m.find(), () -> "external resource: " + m.group());
        assertFalse(Pattern.compile("(?i)<link\\b|<img\\b|<iframe\\b|<script\\s+src|@import|url\\(").matcher(html).find(),
                "no linked resources at all");
        assertFalse(html.contains("http://") || html.contains("https://"), "no URL in the page's own markup");
        assertTrue(html.contains("Content-Security-Policy\" content=\"default-src 'none'"), "and the browser is told so");
    }

    @Test
    void theTruncatedReportShowsItsWarning() throws Exception {
        Report r = SampleReports.of(SampleReports.TRUNCATED);
        String html = SampleReports.html(r, 25);
        assertTrue(r.dump().truncated());
        assertTrue(html.contains("<div class=\"warning\"><strong>Warning:</strong> Dump is truncated"), "the warning");
        Matcher m = VERDICT.matcher(html);
        assertTrue(m.find());
        assertTrue(m.group(2).startsWith("Dump truncated"), m.group(2));
    }

    @Test
    void heapStringsAreEscaped() {
        String html = SampleReports.html(SampleReports.hostile(), 25);
        assertFalse(html.contains(SampleReports.HOSTILE_CLASS), "the raw class name never appears");
        assertTrue(html.contains("com.evil.&lt;script&gt;alert(&#39;class&#39;)&lt;/script&gt;"), "it appears escaped");
        assertEquals(2, count(html, "<script"), "only the page's own script and the chart's data");
        assertEquals(2, count(html, "</script"), "only the page's own script and the chart's data");
        assertFalse(html.contains("<img"), "no markup from a fact value");
        assertTrue(html.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&amp;amp;"), "fact value escaped");
        assertFalse(html.contains("<b>") || html.contains("<i>"), "no markup from names");
        assertTrue(html.contains("cache&lt;/details&gt;"), "path steps escaped");
        assertTrue(html.contains("worker-&lt;script&gt;"), "thread names escaped");
        assertTrue(html.contains("caf&#xe9; &#x2603; &#x1f4a5; &#xfffd;&#xfffd;"), "non-ASCII as references, controls replaced");
        assertTrue(html.chars().allMatch(c -> c == '\n' || c == '\r' || c == '\t' || c >= 0x20 && c < 0x7f), "the page is ASCII");
        Matcher m = VERDICT.matcher(html);
        assertTrue(m.find());
        assertEquals("leak", m.group(1));
    }

    /** The chart's data holds heap text: no markup character in it, and JSON.parse reads back the exact names. */
    @Test
    void theRetentionTreeDataIsEscapedJsonThatReadsBackExactly() throws Exception {
        Report r = SampleReports.hostile();
        String html = SampleReports.html(r, 25);
        String open = "<script type=\"application/json\" id=\"retention-data\">";
        int start = html.indexOf(open) + open.length();
        assertTrue(start >= open.length(), "the data element");
        String json = html.substring(start, html.indexOf("</script>", start));
        assertFalse(json.contains("<") || json.contains(">") || json.contains("&"), json);
        com.fasterxml.jackson.databind.JsonNode nodes = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).get("nodes");
        assertEquals(r.retentionTree().size(), nodes.size());
        for (int i = 0; i < nodes.size(); i++) {
            assertEquals(RetentionTreeLines.what(r.retentionTree().get(i)), nodes.get(i).get("what").asText());
            assertEquals(RetentionTreeLines.how(r.retentionTree().get(i)), nodes.get(i).get("how").asText());
            assertEquals(r.retentionTree().get(i).retainedBytes(), nodes.get(i).get("bytes").asLong());
        }
        assertTrue(nodes.get(0).get("what").asText().contains(SampleReports.HOSTILE_CLASS), "the raw name, once parsed");
        assertEquals("caf\u00e9 </script> \u2028", new com.fasterxml.jackson.databind.ObjectMapper().readValue(
                UntrustedText.jsonForHtmlScript("\"caf\u00e9 </script> \u2028\""), String.class));
    }

    /** Every value the templates write is escaped; the three written raw are our own files and the tree's JSON. */
    @Test
    void theTemplatesWriteOnlyTheStyleSheetTheScriptAndTheTreeDataUnescaped() throws Exception {
        Pattern unescaped = Pattern.compile("\\{\\{\\{\\s*([^}]*?)\\s*}}}|\\{\\{&\\s*([^}]*?)\\s*}}");
        Path dir = Path.of(HtmlRenderer.class.getResource("/heaptriage/report/html").toURI());
        Set<String> raw = new TreeSet<>();
        List<Path> templates;
        try (var files = Files.list(dir)) {
            templates = files.toList();
        }
        for (Path template : templates) {
            Matcher m = unescaped.matcher(Files.readString(template));
            while (m.find()) {
                raw.add(template.getFileName() + ": " + (m.group(1) != null ? m.group(1) : m.group(2)));
            }
        }
        assertTrue(templates.size() > 2, "the templates are found: " + templates);
        assertEquals(Set.of("page-end.mustache: page.script", "page-start.mustache: page.css",
                "report.html.mustache: json"), raw);
    }

    @Test
    void escapeCoversMarkupQuotesAndControls() {
        assertEquals("&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;", HtmlRenderer.esc("<a href=\"x\" title='y'>&</a>"));
        assertEquals("", HtmlRenderer.esc(null));
        assertEquals("a&#xfffd;b&#xfffd;c&#xfffd;", HtmlRenderer.esc("a\u0001b\u0085c\ud800"));
        assertEquals("&#x1f600;", HtmlRenderer.esc("\ud83d\ude00"));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
