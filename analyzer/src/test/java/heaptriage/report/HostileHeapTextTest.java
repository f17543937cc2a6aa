package heaptriage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.BasicType;
import heaptriage.hprof.DumpFile;
import heaptriage.testing.HprofWriter;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer.Builder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static heaptriage.hprof.BasicType.BYTE;
import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A hand-written dump whose thread name, map keys, connection URL and user, frame method, and even class and field
 * names carry terminal escapes, HTML and Markdown metacharacters. The text report shows no raw control character,
 * the Markdown report renders (through a CommonMark + GFM-tables renderer) to nothing but text, the HTML page stays
 * inert, and the JSON carries the exact strings as valid JSON.
 */
class HostileHeapTextTest {
    private static final String ESCAPES = "\u001b]0;PWNED\u0007\u001b[2J\u001b[31m";
    private static final String THREAD_NAME = "evil" + ESCAPES + "<img src=x onerror=alert(1)>";
    private static final String URL = "jdbc:h2:mem:x;" + ESCAPES + "<script>alert(1)</script>|`code`|*bold*|[a](http://evil.example)";
    private static final String USER = "\u202eadmin\u0007 <b>bold</b> _em_";
    private static final String KEY = "key\u001b[2J<i>|";
    private static final String METHOD = "run\u001b[31m<u>";
    /** The holder's class and field names, from the dump's own string table. */
    private static final String HOLDER_CLASS = "com/evil/Reg<img src=x onerror=alert(2)>|*x*`";
    private static final String HOLDER_FIELD = "open<b>|~~x~~";
    private static final int CONNECTIONS = 12;

    @TempDir
    static Path dir;
    static Report report;
    private static long cString;

    @BeforeAll
    static void reportOnAHostileHeap() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        String[] none = {};
        BasicType[] noTypes = {};
        long cObject = w.defineClass("java/lang/Object", 0, none, noTypes);
        List<Long> classes = new ArrayList<>(List.of(cObject, w.defineClass("java/lang/Class", cObject, none, noTypes)));
        cString = w.defineClass("java/lang/String", cObject, new String[] {"value", "hash", "coder"}, OBJECT, INT, BYTE);
        long cThread = w.defineClass("java/lang/Thread", cObject, new String[] {"name"}, OBJECT);
        long cSession = w.defineClass("org/h2/engine/SessionLocal", cObject, none, noTypes);
        long cH2 = w.defineClass("org/h2/jdbc/JdbcConnection", cObject, new String[] {"session", "url", "user"},
                OBJECT, OBJECT, OBJECT);
        long cMap = w.defineClass("java/util/HashMap", cObject, new String[] {"table", "size"}, OBJECT, INT);
        long cNode = w.defineClass("java/util/HashMap$Node", cObject, new String[] {"key", "value", "next"},
                OBJECT, OBJECT, OBJECT);
        long cNodes = w.defineClass("[Ljava/util/HashMap$Node;", cObject, none, noTypes);
        classes.addAll(List.of(cString, w.defineClass("[B", cObject, none, noTypes), cThread, cSession, cH2, cMap, cNode, cNodes));

        long[] nodes = new long[CONNECTIONS];
        for (int i = 0; i < CONNECTIONS; i++) {
            long session = w.newId();
            w.instance(session, cSession);
            long connection = w.newId();
            w.instance(connection, cH2, session, string(w, URL), string(w, USER));
            nodes[i] = w.newId();
            w.instance(nodes[i], cNode, string(w, KEY + i), connection, 0L);
        }
        long table = w.newId();
        w.objectArray(table, cNodes, nodes);
        long map = w.newId();
        w.instance(map, cMap, table, CONNECTIONS);
        long cHolder = w.newId();
        w.newClass(cHolder, HOLDER_CLASS).superClass(cObject).staticField(HOLDER_FIELD, OBJECT, map).write();
        classes.add(cHolder);

        long thread = w.newId();
        w.instance(thread, cThread, string(w, THREAD_NAME));
        long frame = w.newId();
        w.stackFrame(frame, METHOD, "()V", "Evil.java", w.classSerial(cHolder), 7);
        w.stackTrace(1, 1, frame);
        w.rootThreadObject(thread, 1, 1);
        w.rootJavaFrame(string(w, KEY + "local"), 1, 0);
        classes.forEach(w::rootStickyClass);

        Path file = w.writeTo(dir.resolve("hostile.hprof"));
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE)) {
            report = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    /** A JDK 9+ String in UTF16 (coder 1), in the byte order HotSpot writes, so any character can be in it. */
    private static long string(HprofWriter w, String text) {
        byte[] utf16 = text.getBytes(ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN
                ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        long bytes = w.newId();
        w.byteArray(bytes, utf16);
        long s = w.newId();
        w.instance(s, cString, bytes, 0, 1);
        return s;
    }

    @Test
    void theReportModelHoldsTheHostileTextAsItIs() {
        assertTrue(report.threads().stream().anyMatch(t -> t.name().equals(THREAD_NAME)), "the thread name is read");
        assertTrue(report.connections().stream().anyMatch(c -> URL.equals(c.facts().get("url"))), "the URL fact is read");
        assertTrue(report.verdict().contains(HOLDER_FIELD), report.verdict());
    }

    @Test
    void theTextReportShowsControlCharactersAsVisibleEscapes() {
        StringWriter out = new StringWriter();
        new TextRenderer(new PrintWriter(out), 25).render(report);
        String text = out.toString();
        assertNoRawControlCharacter(text);
        assertTrue(text.contains("evil\\e]0;PWNED\\x07\\e[2J\\e[31m"), "the thread name, escaped: " + text);
        assertTrue(text.contains("\\u202eadmin\\x07"), "the user fact, with its bidi override visible");
    }

    @Test
    void theMarkdownReportRendersHeapTextAsTextOnly() {
        StringWriter out = new StringWriter();
        new MarkdownRenderer(new PrintWriter(out), 25).render(report);
        String md = out.toString();
        assertNoRawControlCharacter(md);
        String html = markdownToHtml(md);
        for (String tag : new String[] {"<img", "<script", "<b>", "<i>", "<u>", "<a ", "<em>", "<del>", "<s>"}) {
            assertFalse(html.contains(tag), tag + " rendered from heap text:\n" + html);
        }
        String holder = HOLDER_CLASS.replace('/', '.');
        assertTrue(html.contains(htmlEscaped(holder)), "the class name survives whole, pipes and all:\n" + html);
        assertTrue(html.contains(htmlEscaped(HOLDER_FIELD)), "the field name survives whole:\n" + html);
    }

    @Test
    void theMarkdownDiffRendersHeapTextAsTextOnly() {
        StringWriter out = new StringWriter();
        ReportRenderer.of(ReportFormat.MARKDOWN, new PrintWriter(out), 25).render(ReportDiff.of(report, report));
        String md = out.toString();
        assertNoRawControlCharacter(md);
        String html = markdownToHtml(md);
        for (String tag : new String[] {"<img", "<script", "<b>", "<i>", "<a ", "<em>", "<del>"}) {
            assertFalse(html.contains(tag), tag + " rendered from heap text:\n" + html);
        }
        assertTrue(html.contains(htmlEscaped(HOLDER_FIELD)), html);

        StringWriter text = new StringWriter();
        ReportRenderer.of(ReportFormat.TEXT, new PrintWriter(text), 25).render(ReportDiff.of(report, report));
        assertNoRawControlCharacter(text.toString());
    }

    @Test
    void theHtmlPageStaysInert() {
        StringWriter out = new StringWriter();
        new HtmlRenderer(new PrintWriter(out), 25).render(report);
        String page = out.toString();
        assertFalse(page.contains("<img") || page.contains("alert(1)</script>") || page.contains("<b>bold"), "markup from the heap");
        assertFalse(page.chars().anyMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), "no raw control characters");
    }

    @Test
    void theJsonCarriesTheExactStringsAsValidJson() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintWriter writer = new PrintWriter(new java.io.OutputStreamWriter(out, java.nio.charset.StandardCharsets.UTF_8));
        ReportRenderer.of(ReportFormat.JSON, writer, 25).render(report);
        String json = strictUtf8(out.toByteArray());
        assertNoRawControlCharacter(json.replace("\u202e", ""));
        JsonNode tree = new ObjectMapper().readTree(json);
        List<String> names = new ArrayList<>();
        tree.get("threads").forEach(t -> names.add(t.get("name").asText()));
        assertTrue(names.contains(THREAD_NAME), names.toString());
    }

    @Test
    void unpairedSurrogatesBecomeReplacementCharactersInJson() throws Exception {
        ObjectMapper mapper = new ObjectMapper().registerModule(UntrustedText.jsonModule());
        byte[] bytes = mapper.writeValueAsBytes(Map.of("key\uD800", List.of("a\uDC00b", "ok \uD83D\uDE00")));
        JsonNode tree = new ObjectMapper().readTree(strictUtf8(bytes));
        assertEquals("a\uFFFDb", tree.get("key\uFFFD").get(0).asText());
        assertEquals("ok \uD83D\uDE00", tree.get("key\uFFFD").get(1).asText(), "a real pair is kept");
    }

    private static void assertNoRawControlCharacter(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean control = (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F) || c == 0x202E;
            assertFalse(control, String.format("raw U+%04X at %d: ...%s...", (int) c, i,
                    text.substring(Math.max(0, i - 40), Math.min(text.length(), i + 20))));
        }
    }

    private static String markdownToHtml(String md) {
        List<org.commonmark.Extension> tables = List.of(TablesExtension.create());
        Builder html = org.commonmark.renderer.html.HtmlRenderer.builder().extensions(tables);
        return html.build().render(Parser.builder().extensions(tables).build().parse(md));
    }

    private static String htmlEscaped(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    private static String strictUtf8(byte[] bytes) throws CharacterCodingException {
        return Charset.forName("UTF-8").newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    }

}
