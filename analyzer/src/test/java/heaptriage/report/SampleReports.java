package heaptriage.report;

import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.LargestHolders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.Reference;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;
import heaptriage.analysis.connections.Confidence;
import heaptriage.analysis.connections.ConnectionFinding;
import heaptriage.hprof.RootKind;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Real reports of the committed sample dumps (and of h2-leak cut at 60%), built once per test JVM, and a report
 * built by hand whose heap strings are hostile markup.
 */
final class SampleReports {
    static final List<String> NAMES = List.of("h2-leak", "hikari-healthy", "socket-leak");
    static final String TRUNCATED = "h2-leak-cut-60";
    static final String HOSTILE_CLASS = "com.evil.<script>alert('class')</script>";
    private static final Map<String, Report> CACHE = new HashMap<>();

    private SampleReports() {
    }

    static Path folder() {
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "dumps"), Path.of("sample-dumps", "dumps")}) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("sample-dumps/dumps not found from " + Path.of("").toAbsolutePath());
    }

    /** The report of a committed dump (by name, without .hprof.gz), or of {@link #TRUNCATED}. */
    static synchronized Report of(String name) throws Exception {
        Report r = CACHE.get(name);
        if (r == null) {
            r = name.equals(TRUNCATED) ? truncated() : build(folder().resolve(name + ".hprof.gz"));
            CACHE.put(name, r);
        }
        return r;
    }

    static Report build(Path dump) throws Exception {
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE)) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    /** h2-leak's decompressed bytes cut at 60%, as a crash leaves a dump. */
    private static Report truncated() throws Exception {
        byte[] whole;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(folder().resolve("h2-leak.hprof.gz")))) {
            whole = in.readAllBytes();
        }
        Path file = Files.createTempFile("h2-leak-cut-60-", ".hprof");
        try {
            Files.write(file, Arrays.copyOf(whole, (int) (whole.length * 60L / 100)));
            return build(file);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    static String html(Report r, int top) {
        StringWriter text = new StringWriter();
        ReportRenderer.of(ReportFormat.HTML, new PrintWriter(text), top).render(r);
        return text.toString();
    }

    static String json(Report r) {
        StringWriter text = new StringWriter();
        ReportRenderer.of(ReportFormat.JSON, new PrintWriter(text), 0).render(r);
        return text.toString();
    }

    /** A small report made by hand: every string a heap could supply carries markup, quotes and odd characters. */
    static Report hostile() {
        String evil = "\"><img src=x onerror=alert(1)>&amp;";
        List<Report.Step> path = List.of(
                new Report.Step("class " + HOSTILE_CLASS, 0x1000, "<JNI Global>", 4096, ReferenceKind.GC_ROOT, null, null,
                        List.of(RootKind.JNI_GLOBAL)),
                new Report.Step("java.util.HashMap<K,V>", 0x2000, "cache</details>", 2048, ReferenceKind.STATIC_FIELD,
                        "cache</details>", null, List.of()),
                new Report.Step(HOSTILE_CLASS, 0x3000, "value", 1024, ReferenceKind.FIELD, "value", null, List.of()));
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("url", "jdbc:h2:mem:x;INIT=<script>alert('fact')</script>");
        facts.put("user<b>", evil);
        Report.Connection leak = new Report.Connection("jdbc", "h2", "H2 <b>JDBC</b> connection", HOSTILE_CLASS, 42, 40, 2, 0,
                42_000, 1000, 12.5, Report.Connection.LEAK, "open-connections-held", "high",
                new Report.ConnectionHolder("application", "class " + HOSTILE_CLASS, "conns<i>", true, "java.util.HashMap", "JNI Global",
                        HOSTILE_CLASS + ".conns (static)", path, HolderKind.STATIC_FIELD, List.of()),
                new ConnectionFinding.Pool("pool</p><script>alert('pool')</script>", "com.zaxxer.hikari.pool.HikariPool", 10, null, 3,
                        null, java.util.Map.of("jdbcUrl", "jdbc:h2:mem:<b>x</b>")),
                facts, List.of("org.h2.engine.SessionLocal (session<>)"), false,
                "42 open connections in " + HOSTILE_CLASS,
                "Probable connection leak: " + HOSTILE_CLASS + " keeps them; caf\u00e9 \u2603 \ud83d\udca5 \u0000\u0007",
                Confidence.Level.HIGH, List.of(), new ConnectionFinding.KeptAlive(84_000, 25.0, 42, "org.h2.engine.SessionLocal<b>"),
                null);
        return new Report(Report.SCHEMA_VERSION, Report.SCHEMA_MINOR_VERSION, "heaptriage",
                "Probable connection leak: 42 open " + HOSTILE_CLASS + " connections.", Report.VerdictKind.CONNECTION_LEAK,
                new Report.DumpInfo("/tmp/<script>alert('file')</script>.hprof", 1234, 8, false, false, "JAVA PROFILE 1.0.2", true, 8),
                new Report.HeapInfo(100, 10, 5, 336_000, new Report.Amount(3, 48), new Report.Amount(0, 0),
                        List.of(new Report.ClassAmount(HOSTILE_CLASS, 3, 48))),
                List.of(new Report.HistogramRow(HOSTILE_CLASS, 42, 4200, 42_000),
                        new Report.HistogramRow("java.lang.String", 10, 240, 480)),
                List.of(new TopDominatorsByClass.Row(HOSTILE_CLASS, 1, 32, 42_000, 12.5),
                        new TopDominatorsByClass.Row("java.lang.Thread & <friends>", 3, 300, 3000, 0.9)),
                List.of(new Report.HolderRow(LargestHolders.Kind.STATIC_FIELD, HOSTILE_CLASS + ".conns (static)", "java.util.HashMap", 0x2000,
                        42_000, 12.5)),
                List.of(new Report.Suspect(LeakSuspects.Kind.GROUP, HOSTILE_CLASS, 0x1000, 42, 42_000, 12.5, "java.util.HashMap",
                        0x2000, 42_000, path, true, Reference.staticField(HOSTILE_CLASS, "conns<i>"))),
                List.of(leak),
                List.of(new Report.LargestObject("java.util.HashMap", 0x2000, 48, 42_000, 12.5)),
                List.of(new Threads.ThreadInfo("worker-<script>alert('thread')</script>", 0x4000, "java.lang.Thread", 512,
                        List.of(new Threads.Frame("com.evil.Foo.<init>(Foo.java:1)",
                                List.of(new Threads.Local(HOSTILE_CLASS, 0x3000, 1024)))))),
                List.of("Warning from the heap: <script>alert('warning')</script>"),
                List.of(),
                new RetentionTree.Headline(Reference.staticField(HOSTILE_CLASS, "conns<i>"), "java.util.HashMap", 0x2000, 42_000, 12.5,
                        new RetentionTree.Contents(RetentionTree.ContainerKind.COLLECTION, 42, HOSTILE_CLASS, 41_000), List.of()),
                List.of(new RetentionTree.Node(0, new Reference(ReferenceKind.GC_ROOT, null, "JNI_GLOBAL", null), false,
                        "class " + HOSTILE_CLASS, 0x1000, 42_100, 12.6, 1, null),
                        new RetentionTree.Node(1, Reference.staticField(HOSTILE_CLASS, "conns<i>"), true, "java.util.HashMap", 0x2000,
                                42_000, 12.5, 1, new RetentionTree.Contents(RetentionTree.ContainerKind.COLLECTION, 42, HOSTILE_CLASS, 41_000))));
    }
}
