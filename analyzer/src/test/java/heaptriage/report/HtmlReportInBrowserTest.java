package heaptriage.report;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.LongSummaryStatistics;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HTML report in a real browser: headless Chromium loads the page from a file (no network), runs its script
 * without a JavaScript error or a blocked resource, and the DOM it ends with has the verdict and the chart. A
 * screenshot is left in {@code target/report-screenshot.png} for a human to look at. Skips when Chromium is not
 * installed ({@code apt-get install chromium}); {@code HEAPTRIAGE_CHROMIUM} names another binary.
 */
@Tag("slow") // runs headless Chromium: runs in the integration-test phase (mvn verify)
class HtmlReportInBrowserTest {
    private static final long TIMEOUT_SECONDS = 120;
    private static Path chromium;

    @TempDir
    Path dir;

    /** Each test is reported as skipped, with the reason, when there is no browser. */
    @BeforeEach
    void findChromium() {
        String configured = System.getenv("HEAPTRIAGE_CHROMIUM");
        Path candidate = Path.of(configured != null && !configured.isBlank() ? configured : "/usr/bin/chromium");
        assumeTrue(Files.isExecutable(candidate), "browser test skipped: " + candidate
                + " not found (apt-get install chromium, or set HEAPTRIAGE_CHROMIUM)");
        chromium = candidate;
    }

    /** What one Chromium run printed: standard output and the log on standard error. */
    private record Run(String stdout, String stderr) {
        /** The page logs nothing: any console line is an error, a warning or a blocked resource. */
        List<String> consoleErrors() {
            return stderr.lines().filter(l -> l.contains("Uncaught") || l.contains("CONSOLE") || l.contains("Refused to")
                    || l.contains("Content Security Policy")).collect(Collectors.toList());
        }
    }

    private Run chromium(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--disable-dev-shm-usage", "--user-data-dir=" + Files.createTempDirectory(dir, "profile"),
                "--enable-logging=stderr", "--v=0"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Path err = Files.createTempFile(dir, "chromium", ".err");
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            fail("chromium did not finish in " + TIMEOUT_SECONDS + " s: " + String.join(" ", command) + "\n" + read(err));
        }
        Run run = new Run(read(out), read(err));
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + String.join(" ", command) + "\n" + run.stderr());
        return run;
    }

    private static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }

    private Path page(String name, String html) throws IOException {
        return Files.writeString(dir.resolve(name), html, StandardCharsets.US_ASCII);
    }

    @Test
    void theReportRendersInChromiumWithoutErrors() throws Exception {
        Report r = SampleReports.of("h2-leak");
        String html = SampleReports.html(r, 25);
        Path page = page("h2-leak.html", html);
        Files.createDirectories(Path.of("target"));
        Files.copy(page, Path.of("target", "report-h2-leak.html"), StandardCopyOption.REPLACE_EXISTING);

        Run run = chromium("--dump-dom", page.toUri().toString());
        String dom = run.stdout();
        assertTrue(dom.contains("id=\"verdict\""), "verdict element in the DOM:\n" + dom.substring(0, Math.min(2000, dom.length())));
        assertTrue(dom.contains("Probable connection leak"), "verdict text");
        assertTrue(dom.contains("id=\"dominator-chart\""), "the chart");
        assertTrue(dom.contains("<rect "), "its bars");
        assertTrue(dom.matches("(?s).*<html[^>]*class=\"[^\"]*\\bjs\\b.*"), "the script ran to its end");
        assertEquals(List.of(), run.consoleErrors(), "no JavaScript error or blocked resource:\n" + run.stderr());

        Path shot = dir.resolve("report.png");
        Run screenshot = chromium("--hide-scrollbars", "--window-size=1280,2000", "--screenshot=" + shot, page.toUri().toString());
        assertTrue(Files.size(shot) > 10_000, "a screenshot was written");
        assertEquals(List.of(), screenshot.consoleErrors(), screenshot.stderr());
        Files.copy(shot, Path.of("target", "report-screenshot.png"), StandardCopyOption.REPLACE_EXISTING);
    }

    /** Clicks headers in the browser and reads the first row back: the tables sort both ways, by number and by name. */
    @Test
    void clickingAHeaderSortsTheTable() throws Exception {
        Report r = SampleReports.of("h2-leak");
        String html = SampleReports.html(r, 25);
        // the first row's cell in the clicked column: data-v for numbers, the text for names
        String probe = """
                <script>
                (function () {
                  function first(col) {
                    var cell = document.querySelectorAll('#histogram-table tbody tr')[0].cells[col];
                    return cell.getAttribute('data-v') || cell.textContent;
                  }
                  function click(col) { document.querySelectorAll('#histogram-table thead th')[col].click(); }
                  var seen = [first(4)];
                  click(2); seen.push(first(2));  // instances: largest first
                  click(2); seen.push(first(2));  // instances: smallest first
                  click(1); seen.push(first(1));  // class name: A to Z
                  click(1); seen.push(first(1));  // class name: Z to A
                  click(4); seen.push(first(4));  // retained (no longer the sorted column): largest first
                  click(4); seen.push(first(4));  // retained: smallest first
                  var sorted = document.querySelector('#histogram-table thead th[aria-sort]');
                  seen.push(sorted.cellIndex + '=' + sorted.getAttribute('aria-sort'));
                  var out = document.createElement('pre');
                  out.id = 'probe';
                  out.textContent = seen.join('|');
                  document.body.appendChild(out);
                }());
                </script>
                """;
        List<Report.HistogramRow> rows = r.histogram().subList(0, 25);
        Run run = chromium("--dump-dom", page("probe.html", html.replace("</body>", probe + "</body>")).toUri().toString());
        assertEquals(List.of(), run.consoleErrors(), run.stderr());
        String dom = run.stdout();
        int start = dom.indexOf("<pre id=\"probe\">");
        assertTrue(start >= 0, "the probe ran");
        String[] seen = dom.substring(start + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", start)).split("\\|");
        LongSummaryStatistics instances = rows.stream().mapToLong(Report.HistogramRow::instances).summaryStatistics();
        LongSummaryStatistics retained = rows.stream().mapToLong(Report.HistogramRow::retainedBytes).summaryStatistics();
        List<String> names = rows.stream().map(x -> x.className().toLowerCase(Locale.ROOT)).sorted().toList();
        assertEquals(String.valueOf(retained.getMax()), seen[0], "as written: by retained size");
        assertEquals(String.valueOf(instances.getMax()), seen[1]);
        assertEquals(String.valueOf(instances.getMin()), seen[2]);
        assertEquals(html(names.get(0)), seen[3].toLowerCase(Locale.ROOT));
        assertEquals(html(names.get(names.size() - 1)), seen[4].toLowerCase(Locale.ROOT));
        assertEquals(String.valueOf(retained.getMax()), seen[5]);
        assertEquals(String.valueOf(retained.getMin()), seen[6]);
        assertEquals("4=ascending", seen[7]);
    }

    /**
     * The retention tree's icicle chart in the browser: its nodes are drawn as wide as their share of the heap, a
     * click on a node zooms into it (it then fills the chart's width, its ancestors above it), hovering shows the
     * path, a click on the top row zooms back out, and the page loaded no resource at all.
     */
    @Test
    void theRetentionTreeChartDrawsAndZoomsOnClick() throws Exception {
        Report r = SampleReports.of("h2-leak");
        List<heaptriage.analysis.RetentionTree.Node> nodes = r.retentionTree();
        assertTrue(nodes.size() > 1, "h2-leak has a retention tree");
        int target = 0;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).depth() == 1) {
                target = i;
                break;
            }
        }
        String probe = """
                <script>
                (function () {
                  var chart = document.getElementById('retention-chart');
                  function width(el) { return Math.round(el.getBoundingClientRect().width); }
                  var seen = [chart.getAttribute('data-focus'), chart.querySelectorAll('.cell').length, width(chart),
                    width(chart.querySelector('.cell[data-index="0"]'))];
                  chart.querySelector('.cell[data-index="TARGET"]').click();
                  var focus = chart.querySelector('.cell.focus');
                  seen.push(chart.getAttribute('data-focus'), focus.getAttribute('data-index'), width(focus),
                    chart.querySelectorAll('.cell.crumb').length, focus.title);
                  chart.querySelector('.cell.crumb[data-index="-1"]').click();
                  seen.push(chart.getAttribute('data-focus'), performance.getEntriesByType('resource').length);
                  var out = document.createElement('pre');
                  out.id = 'probe';
                  out.textContent = JSON.stringify(seen);
                  document.body.appendChild(out);
                }());
                </script>
                """.replace("TARGET", String.valueOf(target));
        String html = SampleReports.html(r, 25);
        Run run = chromium("--window-size=1280,2000", "--dump-dom",
                page("icicle.html", html.replace("</body>", probe + "</body>")).toUri().toString());
        assertEquals(List.of(), run.consoleErrors(), run.stderr());
        String dom = run.stdout();
        int start = dom.indexOf("<pre id=\"probe\">");
        assertTrue(start >= 0, "the probe ran");
        String text = dom.substring(start + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        com.fasterxml.jackson.databind.JsonNode seen = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);

        assertEquals("-1", seen.get(0).asText(), "at first the whole heap is in focus");
        assertTrue(seen.get(1).asInt() > 1 && seen.get(1).asInt() <= nodes.size() + 1, "nodes drawn: " + seen.get(1));
        double chartWidth = seen.get(2).asDouble();
        assertTrue(chartWidth > 600, "the chart fits the page width: " + chartWidth);
        double share = (double) nodes.get(0).retainedBytes() / r.heap().usedHeapBytes();
        assertEquals(chartWidth * share, seen.get(3).asDouble(), 2.0, "the largest node is as wide as its share of the heap");
        assertEquals(String.valueOf(target), seen.get(4).asText(), "the click zoomed into the node");
        assertEquals(String.valueOf(target), seen.get(5).asText());
        assertEquals(chartWidth, seen.get(6).asDouble(), 1.0, "the zoomed node fills the width");
        assertEquals(nodes.get(target).depth() + 1, seen.get(7).asInt(), "its ancestors and the heap are the rows above it");
        String title = seen.get(8).asText();
        assertTrue(title.contains(RetentionTreeLines.how(nodes.get(target))), "hover names how it is held: " + title);
        assertTrue(title.contains(heaptriage.analysis.Bytes.human(nodes.get(target).retainedBytes())), "and its size: " + title);
        assertEquals("-1", seen.get(9).asText(), "a click on the top row zooms back out");
        assertEquals(0, seen.get(10).asInt(), "the page loaded no resource");
    }

    /** Hostile heap text in the chart's data stays text in the browser: the cells show it, no element comes of it. */
    @Test
    void hostileHeapTextInTheChartStaysText() throws Exception {
        Report r = SampleReports.hostile();
        String probe = """
                <script>
                (function () {
                  var cells = document.querySelectorAll('#retention-chart .cell');
                  var seen = [cells.length, document.scripts.length, document.querySelectorAll('#retention-chart *').length,
                    document.querySelectorAll('#retention-chart script, #retention-chart i, #retention-chart b').length,
                    cells[1].textContent, cells[2].title];
                  var out = document.createElement('pre');
                  out.id = 'probe';
                  out.textContent = JSON.stringify(seen);
                  document.body.appendChild(out);
                }());
                </script>
                """;
        Run run = chromium("--dump-dom", page("hostile.html", SampleReports.html(r, 25).replace("</body>", probe + "</body>")).toUri().toString());
        assertEquals(List.of(), run.consoleErrors(), run.stderr());
        String dom = run.stdout();
        int start = dom.indexOf("<pre id=\"probe\">");
        assertTrue(start >= 0, "the probe ran");
        String text = dom.substring(start + "<pre id=\"probe\">".length(), dom.indexOf("</pre>", start))
                .replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
        com.fasterxml.jackson.databind.JsonNode seen = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        int nodes = r.retentionTree().size();
        assertEquals(nodes + 1, seen.get(0).asInt(), "the heap and each node drawn");
        assertEquals(3, seen.get(1).asInt(), "the page's script, the chart's data and this probe: no script from the heap");
        assertEquals(2 * (nodes + 1), seen.get(2).asInt(), "each cell is a div with one span: no element from the heap");
        assertEquals(0, seen.get(3).asInt());
        assertTrue(seen.get(4).asText().contains("<script>alert('class')</script>"), "the cell shows the name as text: " + seen.get(4));
        assertTrue(seen.get(5).asText().contains(SampleReports.HOSTILE_CLASS + ".conns<i> (static)"), "hover: " + seen.get(5));
    }

    /** A class name as it appears in the dumped DOM's text. */
    private static String html(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
