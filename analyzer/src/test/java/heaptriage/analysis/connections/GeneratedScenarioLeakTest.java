package heaptriage.analysis.connections;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.analysis.ClassHistogram;
import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.HolderKind;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.samples.GeneratedDump;
import heaptriage.samples.Options;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The scenarios that are not committed as dumps, generated on the fly (a child JVM runs the application, jcmd dumps
 * it) and held to their truth files as {@link ConnectionFinderTest} holds the committed ones: exactly the true leaks
 * (class, count, open or closed, holder class, field and staticness, container), no leak at a healthy holder, and
 * the exact instance counts the scenario guarantees. Each scenario is generated once, the next one in the background
 * while the current one is analysed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class GeneratedScenarioLeakTest {
    /** In test order, which is also the order they are generated in. */
    private static final List<String> SCENARIOS = List.of("http-leak", "pool-exhausted", "closed-retained", "big-cache");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    private static ExecutorService generator;
    private static final Map<String, Future<GeneratedDump>> DUMPS = new LinkedHashMap<>();

    /** What the tests need from one analysed dump; the heap itself is released right away. */
    private record Analysed(String scenario, JsonNode truth, List<ConnectionFinding> findings,
                            Map<String, Long> instances) {
        List<ConnectionFinding> leaks() {
            return findings.stream().filter(ConnectionFinding::isLeak).toList();
        }

        ConnectionFinding onlyLeakOf(String className) {
            List<ConnectionFinding> of = leaks().stream().filter(f -> f.className().equals(className)).toList();
            assertEquals(1, of.size(), scenario + ": leaks of " + className + ": " + of);
            return of.get(0);
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
            // Uncompressed: jcmd writes it faster, and the analyzer reads it in place.
            DUMPS.put(scenario, generator.submit(() -> SampleDumps.generate(scenario, dir, Options.defaults())));
        }
    }

    @AfterAll
    static void stopGenerating() throws InterruptedException {
        generator.shutdownNow();
        // Let a generation still under way (after an earlier failure) finish before the temporary folder goes.
        generator.awaitTermination(2, TimeUnit.MINUTES);
    }

    private static Analysed analyse(String scenario) throws Exception {
        GeneratedDump dump;
        try {
            dump = DUMPS.get(scenario).get(3, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError(scenario + ": generating the dump failed: " + e.getCause().getMessage(), e.getCause());
        }
        JsonNode truth = JSON.readTree(dump.readTruth());
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump.dump()), IndexListener.NONE)) {
            RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
            List<ConnectionFinding> findings = ConnectionFinder.find(r, GcRootPaths.of(r), ConnectionCatalog.builtIn(),
                    ConnectionFinder.Options.defaults());
            BitSet live = new BitSet(s.objectCount());
            for (int i = 0; i < s.objectCount(); i++) {
                if (r.inTree(i)) {
                    live.set(i);
                }
            }
            ClassHistogram histogram = ClassHistogram.of(s, live);
            Map<String, Long> instances = new LinkedHashMap<>();
            truth.path("expectedInstances").fieldNames().forEachRemaining(c -> instances.put(c, histogram.instancesOf(c)));
            return new Analysed(scenario, truth, findings, instances);
        }
    }

    /** Everything the truth file states, checked the same way for every scenario. */
    private static Analysed analyseAndCheckTruth(String scenario) throws Exception {
        Analysed a = analyse(scenario);
        JsonNode truth = a.truth();
        List<ConnectionFinding> leaks = a.leaks();

        assertEquals(truth.path("leakExpected").asBoolean(), !leaks.isEmpty(), scenario + ": leaks found " + leaks);
        assertEquals(truth.path("leaks").size(), leaks.size(), scenario + ": leaks found " + leaks);
        for (JsonNode expected : truth.path("leaks")) {
            String className = expected.path("className").asText();
            long count = expected.path("count").asLong();
            ConnectionFinding f = a.onlyLeakOf(className);
            assertEquals(count, f.count(), scenario + " count");
            if (expected.path("state").asText().equals("closed")) {
                assertEquals(count, f.closed(), scenario + " closed");
            } else {
                assertEquals(count, f.open(), scenario + " open");
            }
            assertEquals(HolderKind.Role.APPLICATION, f.holder().kind().role(), scenario + " holder role");
            assertEquals(expected.path("holderClass").asText(), f.holder().className(), scenario + " holder class");
            assertEquals(expected.path("holderField").asText(), f.holder().field(), scenario + " holder field");
            assertEquals(expected.path("holderStatic").asBoolean(), f.holder().isStatic(), scenario + " static");
            if (expected.has("container")) {
                assertEquals(expected.path("container").asText(), f.holder().container(), scenario + " container");
            }
            assertFalse(f.holder().path().isEmpty(), scenario + ": a path from a GC root");
        }
        for (JsonNode healthy : truth.path("healthyHolders")) {
            String holderClass = healthy.path("holderClass").asText();
            String field = healthy.path("holderField").asText();
            for (ConnectionFinding f : a.findings()) {
                if (holderClass.equals(f.holder().className()) && field.equals(f.holder().field())) {
                    assertFalse(f.isLeak(), scenario + ": healthy holder " + holderClass + "." + field + " called a leak: " + f);
                    if (f.className().equals(healthy.path("className").asText())) {
                        long count = healthy.path("count").asLong();
                        assertEquals(count, f.count(), scenario + ": " + holderClass + "." + field);
                        if (healthy.path("state").asText().equals("closed")) {
                            assertEquals(count, f.closed(), scenario + ": closed at " + holderClass + "." + field);
                        } else if (healthy.has("state")) {
                            assertEquals(count, f.open(), scenario + ": open at " + holderClass + "." + field);
                        }
                    }
                }
            }
        }
        truth.path("expectedInstances").fields().forEachRemaining(e -> assertEquals(e.getValue().asLong(),
                a.instances().get(e.getKey()), scenario + ": instances of " + e.getKey()));
        return a;
    }

    @Test
    @Order(1)
    void httpLeakIsOneFindingOf60OpenHttpUrlConnectionsInRateFetcherPending() throws Exception {
        Analysed a = analyseAndCheckTruth("http-leak");
        ConnectionFinding leak = a.onlyLeakOf("sun.net.www.protocol.http.HttpURLConnection");

        assertEquals(60, leak.count());
        assertEquals("jdk-http-url-connection", leak.kind().kind());
        assertEquals("http", leak.kind().category());
        assertEquals(LeakType.OPEN_CONNECTIONS_HELD, leak.leakType());
        assertEquals(Confidence.Level.HIGH, leak.confidence().level());
        assertEquals("com.acme.pricing.RateFetcher", leak.holder().className());
        assertEquals("pending", leak.holder().field());
        assertTrue(leak.holder().isStatic());
        assertEquals(List.of("sun.net.www.http.HttpClient (http)"), leak.layers(), "the HttpClient is a layer");
        assertTrue(leak.facts().getOrDefault("url", "").matches("http://127\\.0\\.0\\.1:\\d+/rates/\\w+"), leak.facts().toString());
        assertEquals("GET", leak.facts().get("method"));

        // The HttpClient and its socket are layers of the 60 connections, not findings of their own: at most the one
        // keep-alive socket of the correct requests, idle in the JDK's KeepAliveCache, shows up on its own.
        for (ConnectionFinding f : a.findings()) {
            if (Set.of("sun.net.www.http.HttpClient", "java.net.Socket").contains(f.className())) {
                assertTrue(f.count() <= 1 && !f.isLeak(), "a layer reported on its own: " + f);
            }
        }
        // The 5 correct requests kept for diagnostics: read to the end and stream closed, so closed and fine.
        ConnectionFinding recent = a.findings().stream()
                .filter(f -> "recent".equals(f.holder().field())).findFirst().orElseThrow();
        assertEquals(Verdict.OK, recent.verdict());
        assertEquals(5, recent.closed());
    }

    @Test
    @Order(2)
    void poolExhaustedIsTheTenBorrowedHikariProxiesInOrderBatcherInFlight() throws Exception {
        Analysed a = analyseAndCheckTruth("pool-exhausted");
        ConnectionFinding leak = a.onlyLeakOf("com.zaxxer.hikari.pool.HikariProxyConnection");
        JsonNode pool = a.truth().path("pools").get(0);

        assertTrue(Set.of(LeakType.POOL_EXHAUSTED, LeakType.OPEN_CONNECTIONS_HELD).contains(leak.leakType()), String.valueOf(leak.leakType()));
        assertNotNull(leak.pool(), "the pool the proxies were borrowed from");
        assertEquals(pool.path("poolName").asText(), leak.pool().name());
        assertEquals(pool.path("maximumPoolSize").asInt(), leak.pool().maxSize());
        assertEquals(pool.path("activeConnections").asInt(), leak.pool().active());
        assertEquals(pool.path("idleConnections").asInt(), leak.pool().idle());
        assertTrue(leak.layers().contains("org.h2.jdbc.JdbcConnection (delegate)"), leak.layers().toString());
        assertNoFindingOf(a, "org.h2.jdbc.JdbcConnection"); // physical connections are layers of the proxies
    }

    @Test
    @Order(3)
    void closedRetainedIsTheHundredFiftyClosedH2ConnectionsInAuditTrailHistory() throws Exception {
        Analysed a = analyseAndCheckTruth("closed-retained");
        ConnectionFinding leak = a.onlyLeakOf("org.h2.jdbc.JdbcConnection");

        assertEquals(LeakType.CLOSED_CONNECTIONS_RETAINED, leak.leakType());
        assertEquals(0, leak.open());
        assertEquals(150, leak.closed());
        assertEquals(Confidence.Level.HIGH, leak.confidence().level());
        // The pool's 10 open physical connections are layers of its pool entries, which are the pool's own business.
        for (ConnectionFinding f : a.findings()) {
            if (f != leak) {
                assertEquals(HolderKind.POOL, f.holder().kind(), f.toString());
                assertEquals(Verdict.OK, f.verdict(), f.toString());
            }
        }
    }

    @Test
    @Order(4)
    void bigCacheHasNoConnectionLeakAtAll() throws Exception {
        Analysed a = analyseAndCheckTruth("big-cache");

        assertEquals(List.of(), a.leaks());
        assertFalse(a.findings().isEmpty(), "the healthy pool's connections are still found");
        for (ConnectionFinding f : a.findings()) {
            assertEquals(HolderKind.POOL, f.holder().kind(), f.toString());
        }
    }

    private static void assertNoFindingOf(Analysed a, String className) {
        for (ConnectionFinding f : a.findings()) {
            if (f.className().equals(className)) {
                fail(a.scenario() + ": " + className + " reported on its own: " + f);
            }
        }
    }
}
