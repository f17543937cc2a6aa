package heaptriage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.connections.Confidence;
import heaptriage.analysis.connections.ConnectionFinder;
import heaptriage.analysis.connections.ThreadHold;
import heaptriage.analysis.connections.ThreadNames;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.samples.GeneratedDump;
import heaptriage.samples.Options;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Connections that threads hold, on dumps of real services generated on the fly (a child JVM runs the application,
 * jcmd dumps it): a worker accumulating H2 connections in a stack local and in its Runnable's field, a static
 * ThreadLocal accumulating them on an executor's threads (leaks, with the holder named and exact per-thread counts
 * from the truth file), and request threads with one pooled connection each, and an NIO server's accepted sessions
 * (healthy). Each scenario is generated once, the next one in the background while the current one is analysed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class ThreadHeldConnectionsTest {
    /** In test order, which is also the order they are generated in. */
    private static final List<String> SCENARIOS = List.of("thread-stack-leak", "thread-field-leak", "threadlocal-leak",
            "busy-threads-healthy", "nio-server-healthy");
    private static final String H2 = "org.h2.jdbc.JdbcConnection";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static ExecutorService generator;
    private static final Map<String, Future<GeneratedDump>> DUMPS = new LinkedHashMap<>();

    private record Analysed(String scenario, JsonNode truth, List<Report.Connection> connections) {
        List<Report.Connection> leaks() {
            return connections.stream().filter(Report.Connection::isLeak).toList();
        }

        Report.Connection onlyLeak() {
            assertEquals(1, leaks().size(), scenario + ": leaks " + leaks());
            return leaks().get(0);
        }

        JsonNode expectedLeak() {
            assertEquals(1, truth.path("leaks").size(), scenario + " truth");
            return truth.path("leaks").get(0);
        }
    }

    @BeforeAll
    static void startGenerating() {
        generator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sample-dump-generator");
            t.setDaemon(true);
            return t;
        });
        for (String scenario : SCENARIOS) {
            DUMPS.put(scenario, generator.submit(() -> SampleDumps.generate(scenario, dir, Options.defaults())));
        }
    }

    @AfterAll
    static void stopGenerating() throws InterruptedException {
        generator.shutdownNow();
        generator.awaitTermination(2, TimeUnit.MINUTES);
    }

    private static GeneratedDump dump(String scenario) throws Exception {
        try {
            return DUMPS.get(scenario).get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError(scenario + ": generating the dump failed: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** The report's connections with these options; the scenario's exact instance counts are checked on the way. */
    private static Analysed analyse(String scenario, ConnectionFinder.Options connections) throws Exception {
        GeneratedDump dump = dump(scenario);
        JsonNode truth = JSON.readTree(dump.readTruth());
        ReportOptions d = ReportOptions.defaults();
        ReportOptions options = new ReportOptions(d.top(), d.suspectThresholdPercent(), d.keepUnreachable(), d.catalog(),
                connections, d.matRetained());
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump.dump()), IndexListener.NONE)) {
            Report report = ReportBuilder.build(s, options, IndexListener.NONE);
            Map<String, Long> instances = new LinkedHashMap<>();
            report.histogram().forEach(row -> instances.merge(row.className(), row.instances(), Long::sum));
            truth.path("expectedInstances").fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(),
                    instances.getOrDefault(e.getKey(), 0L), scenario + ": instances of " + e.getKey()));
            return new Analysed(scenario, truth, report.connections());
        }
    }

    private static Analysed analyse(String scenario) throws Exception {
        return analyse(scenario, ConnectionFinder.Options.defaults());
    }

    /** The leak the truth file names: class, exact open count, thread-accumulation, per-thread counts, idleness. */
    private static Report.Connection checkThreadLeak(Analysed a, HolderKind kind) {
        Report.Connection leak = a.onlyLeak();
        JsonNode expected = a.expectedLeak();
        JsonNode threads = expected.path("threads");
        assertEquals(expected.path("className").asText(), leak.className());
        assertEquals(expected.path("count").asLong(), leak.count(), a.scenario() + " count");
        assertEquals(expected.path("count").asLong(), leak.open(), a.scenario() + " open");
        assertEquals("thread-accumulation", leak.leakType());
        assertEquals(Confidence.Level.HIGH, leak.confidenceLevel(), "idle threads holding them");
        assertEquals("thread", leak.holder().type());
        assertEquals(kind, leak.holder().kind());
        assertEquals(expected.path("container").asText(), leak.holder().container());
        assertFalse(leak.holder().path().isEmpty(), "a path from a GC root");

        ThreadHold hold = leak.threadHold();
        assertNotNull(hold, "thread evidence");
        assertEquals(kind, hold.kind());
        Map<String, Long> perThread = new LinkedHashMap<>();
        threads.path("perThread").fields().forEachRemaining(e -> perThread.put(e.getKey(), e.getValue().asLong()));
        Map<String, Long> found = new LinkedHashMap<>();
        hold.threads().forEach(t -> found.put(t.name(), t.open()));
        assertEquals(perThread, found, "open connections per thread");
        assertEquals(List.copyOf(perThread.keySet()), leak.holder().threads());
        assertEquals(perThread.values().stream().mapToLong(Long::longValue).max().orElseThrow(), hold.maxOpenPerThread());
        assertEquals(ConnectionFinder.Options.DEFAULT_THREAD_THRESHOLD, hold.threshold());
        assertTrue(threads.path("idle").asBoolean(), "the scenario parks its threads in take()");
        assertEquals(perThread.size(), hold.idleThreads());
        hold.threads().forEach(t -> assertEquals("java.util.concurrent.LinkedBlockingQueue.take", t.parkedIn(), t.name()));
        assertFalse(hold.ownedByPool());
        assertFalse(hold.serverSessions());
        assertTrue(leak.explanation().contains("idle"), leak.explanation());
        return leak;
    }

    @Test
    @Order(1)
    void aWorkersStackLocalOf150OpenConnectionsIsALeakNamedByThreadAndFrame() throws Exception {
        Analysed a = analyse("thread-stack-leak");
        Report.Connection leak = checkThreadLeak(a, HolderKind.THREAD_STACK);
        String frame = a.expectedLeak().path("threads").path("frame").asText(); // com.acme.reports.ReportWorker.run:30
        String line = frame.substring(frame.lastIndexOf(':') + 1);

        ThreadHold.Frame f = leak.threadHold().frame();
        assertEquals("com.acme.reports.ReportWorker", f.className());
        assertEquals("run", f.method());
        assertEquals("ReportWorker.java", f.sourceFile());
        assertEquals(Integer.parseInt(line), f.line());
        assertEquals("a local variable of com.acme.reports.ReportWorker.run (ReportWorker.java:" + line
                + ") on thread \"report-worker\"", leak.holder().description());
        assertNull(leak.threadHold().threadLocal());
        assertTrue(leak.explanation().contains("local variable of com.acme.reports.ReportWorker.run"), leak.explanation());
    }

    @Test
    @Order(2)
    void theThresholdPerThreadIsConfigurable() throws Exception {
        ConnectionFinder.Options d = ConnectionFinder.Options.defaults();
        Analysed at150 = analyse("thread-stack-leak",
                new ConnectionFinder.Options(d.openThreshold(), d.closedThreshold(), d.heapShareThreshold(), false, 150));
        assertEquals(150, at150.onlyLeak().threadHold().threshold());
        Analysed at151 = analyse("thread-stack-leak",
                new ConnectionFinder.Options(d.openThreshold(), d.closedThreshold(), d.heapShareThreshold(), false, 151));
        assertEquals(List.of(), at151.leaks(), "150 on one thread, below a threshold of 151");
        Report.Connection ok = at151.connections().stream().filter(c -> c.className().equals(H2)).findFirst().orElseThrow();
        assertEquals(150, ok.open());
        assertEquals(151, ok.threadHold().threshold());
    }

    @Test
    @Order(3)
    void aFieldOfTheWorkersRunnableWith90OpenConnectionsIsALeakNamedByFieldAndThread() throws Exception {
        Analysed a = analyse("thread-field-leak");
        Report.Connection leak = checkThreadLeak(a, HolderKind.THREAD_OWNED);

        assertEquals("com.acme.reports.ExportWorker", leak.holder().className());
        assertEquals("openDownloads", leak.holder().field());
        assertFalse(leak.holder().isStatic());
        assertEquals("com.acme.reports.ExportWorker.openDownloads, kept alive by thread \"export-worker\"",
                leak.holder().description());
        assertNull(leak.threadHold().frame());
    }

    @Test
    @Order(4)
    void aStaticThreadLocalOnSixPoolThreadsIsOneLeakNamedByTheFieldThatHoldsIt() throws Exception {
        Analysed a = analyse("threadlocal-leak");
        Report.Connection leak = checkThreadLeak(a, HolderKind.THREAD_LOCAL);
        List<String> names = leak.threadHold().threads().stream().map(ThreadHold.ThreadShare::name).toList();
        List<String> expectedNames = JSON.convertValue(a.truth().path("details").path("threads"),
                JSON.getTypeFactory().constructCollectionType(List.class, String.class));

        assertEquals(expectedNames, names);
        assertEquals(new ThreadHold.Field("com.acme.reports.ReportContext", "OPEN", true), leak.threadHold().threadLocal());
        assertEquals("com.acme.reports.ReportContext", leak.holder().className(), "the field a developer fixes");
        assertEquals("OPEN", leak.holder().field());
        assertTrue(leak.holder().isStatic());
        assertEquals("values of ThreadLocal com.acme.reports.ReportContext.OPEN on 6 threads ("
                + ThreadNames.summary(expectedNames) + ")", leak.holder().description());
        assertEquals(ThreadNames.pattern(expectedNames), leak.threadHold().threadNamePattern());
        assertTrue(leak.explanation().contains("remove()"), leak.explanation());
        assertEquals(1, a.connections().stream().filter(c -> c.className().equals(H2)).count(),
                "all threads' connections under the one ThreadLocal holder");
    }

    @Test
    @Order(5)
    void requestThreadsWithOnePooledConnectionEachAreHealthyAndCountAgainstThePool() throws Exception {
        Analysed a = analyse("busy-threads-healthy");
        JsonNode expected = a.truth().path("healthyHolders").get(1);
        JsonNode pool = a.truth().path("pools").get(0);
        assertEquals(List.of(), a.leaks());

        Report.Connection borrowed = a.connections().stream()
                .filter(c -> c.className().equals(expected.path("className").asText())).findFirst().orElseThrow();
        assertEquals(expected.path("count").asLong(), borrowed.count());
        assertEquals(expected.path("count").asLong(), borrowed.open());
        ThreadHold hold = borrowed.threadHold();
        assertEquals(HolderKind.THREAD_STACK, hold.kind());
        assertEquals(1, hold.maxOpenPerThread());
        assertEquals(expected.path("threads").path("perThread").size(), hold.threads().size());
        assertEquals(0, hold.idleThreads(), "mid-request: parked at a latch, not in a queue");
        assertTrue(hold.ownedByPool());
        assertEquals(pool.path("poolName").asText(), borrowed.pool().name());
        assertEquals(pool.path("activeConnections").asInt(), borrowed.pool().active());
        String frame = expected.path("threads").path("frame").asText();
        assertEquals(frame, hold.frame().className() + "." + hold.frame().method() + ":" + hold.frame().line());
        assertTrue(borrowed.holder().description().endsWith("on 8 threads (billing-request-1..8)"),
                borrowed.holder().description());
        assertTrue(borrowed.explanation().contains("requests in progress, not a leak"), borrowed.explanation());
        // The pool's own entries, whichever of its threads or structures holds them, stay the pool's business.
        a.connections().stream().filter(c -> c.category().equals("pool-entry"))
                .forEach(c -> assertEquals(HolderKind.POOL, c.holder().kind(), c.toString()));
    }

    @Test
    @Order(6)
    void anNioServersAcceptedSessionsAreHealthyWhereverTheServerKeepsThem() throws Exception {
        Analysed a = analyse("nio-server-healthy");
        JsonNode expected = a.truth().path("healthyHolders").get(0);
        assertEquals(List.of(), a.leaks());

        List<Report.Connection> channels = a.connections().stream()
                .filter(c -> c.className().equals(expected.path("className").asText())).toList();
        assertEquals(expected.path("count").asLong(), channels.stream().mapToLong(Report.Connection::open).sum(),
                "every accepted channel is found, open");
        for (Report.Connection c : channels) {
            assertEquals("thread", c.holder().type(), c.holder().description());
            if (c.threadHold() != null) {
                assertTrue(c.threadHold().serverSessions(), "accepted on the server's port: " + c.holder().description());
                assertTrue(c.threadHold().maxOpenPerThread() >= ConnectionFinder.Options.DEFAULT_THREAD_THRESHOLD,
                        "many on one thread, and still healthy");
            }
        }
        assertTrue(channels.stream().anyMatch(c -> c.threadHold() != null
                && c.holder().description().equals("com.acme.chat.ChatServer.sessions, kept alive by thread \"chat-selector\"")),
                channels.toString());
    }
}
