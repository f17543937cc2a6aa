package heaptriage.analysis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import heaptriage.graph.HeapGraph;
import heaptriage.heap.HeapSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Recognition, state, facts, layers and pools on the committed real dumps, against their truth files. */
class ConnectionsOnSampleDumpsTest {
    private static final String SECRET = "s3cr3t-Hunter2";

    private static ConnectionRecognizer recognizer(HeapSnapshot s) {
        return ConnectionRecognizer.of(s, ConnectionCatalog.builtIn());
    }

    private static Map<ConnectionState, Integer> states(ConnectionInspector in, int[] objects) throws Exception {
        Map<ConnectionState, Integer> out = new EnumMap<>(ConnectionState.class);
        for (int o : objects) {
            out.merge(in.state(o), 1, Integer::sum);
        }
        return out;
    }

    private static PoolInfo onlyPool(HeapSnapshot s, boolean showSecrets) throws Exception {
        List<PoolInfo> pools = new PoolInspector(s, ConnectionCatalog.builtIn(), showSecrets).findPools();
        assertEquals(1, pools.size(), "pools: " + pools);
        return pools.get(0);
    }

    @Test
    void h2LeakRecognisesAll210H2ConnectionsAndAllAreOpen() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        JsonNode truth = CommittedDumps.truth("h2-leak");
        ConnectionRecognizer r = recognizer(s);
        int[] h2 = r.objectsOf("h2", null);

        assertEquals(210, h2.length);
        assertEquals(truth.path("expectedInstances").path("org.h2.jdbc.JdbcConnection").asInt(), h2.length);
        for (int o : h2) {
            assertEquals("org.h2.jdbc.JdbcConnection", s.classOf(o).name());
        }
        assertEquals(Map.of(ConnectionState.OPEN, 210), states(new ConnectionInspector(r, false), h2));
    }

    @Test
    void h2LeakConnectionsShowTheirUrlAndUserAndTheEvidenceForTheirState() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        ConnectionInspector in = new ConnectionInspector(recognizer(s), false);
        ConnectionInfo info = in.inspect(in.recognizer().objectsOf("h2", null)[0]);

        assertEquals("jdbc", info.kind().category());
        assertEquals("jdbc:h2:mem:billing", info.facts().get("url"));
        assertEquals("BILLING", info.facts().get("user"));
        assertTrue(info.stateEvidence().contains("session"), info.stateEvidence());
    }

    @Test
    void h2LeakFindsTheBillingPoolWithMaxSize10AndTenIdleConnections() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        JsonNode pool = CommittedDumps.truth("h2-leak").path("pools").get(0);
        PoolInfo p = onlyPool(s, false);

        assertEquals("hikari", p.kind().kind());
        assertEquals("billing-pool", p.name());
        assertEquals(10, p.maxSize());
        assertEquals(pool.path("maximumPoolSize").asInt(), p.maxSize());
        assertEquals(pool.path("activeConnections").asInt(), p.active());
        assertEquals(pool.path("idleConnections").asInt(), p.idle());
        assertEquals(pool.path("totalConnections").asInt(), p.total());
        assertEquals(pool.path("jdbcUrl").asText(), p.facts().get("url"));
        assertEquals(pool.path("username").asText(), p.facts().get("user"));
    }

    @Test
    void h2LeakPoolEntriesWrapTheTenPooledH2Connections() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        ConnectionInspector in = new ConnectionInspector(recognizer(s), false);
        int[] entries = in.recognizer().objectsOf("hikari-pool-entry", null);

        assertEquals(10, entries.length);
        for (int e : entries) {
            List<Layer> layers = in.layers(e);
            assertEquals(1, layers.size());
            assertEquals("h2", layers.get(0).kind().kind());
            assertEquals("idle", in.facts(e).get("poolState"));
            assertEquals(ConnectionState.OPEN, in.state(e));
        }
    }

    @Test
    void plantedPasswordAppearsInNoFactUnlessShowSecrets() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        assertEquals(SECRET, CommittedDumps.truth("h2-leak").path("plantedSecrets").get(0).asText());

        List<String> hidden = everythingShown(s, false);
        assertFalse(hidden.isEmpty());
        for (String text : hidden) {
            assertFalse(text.contains(SECRET), text);
        }
        assertEquals(Redactor.MASK, onlyPool(s, false).facts().get("password"));

        assertTrue(everythingShown(s, true).stream().anyMatch(t -> t.contains(SECRET)));
        assertEquals(SECRET, onlyPool(s, true).facts().get("password"));
    }

    /** Every fact value, state evidence and pool field a report could show. */
    private static List<String> everythingShown(HeapSnapshot s, boolean showSecrets) throws Exception {
        List<String> out = new ArrayList<>();
        ConnectionInspector in = new ConnectionInspector(recognizer(s), showSecrets);
        for (ConnectionRecognizer.Match m : in.recognizer().find()) {
            for (int o : m.objects()) {
                ConnectionInfo info = in.inspect(o);
                out.addAll(info.facts().values());
                out.add(info.stateEvidence());
            }
        }
        for (PoolInfo p : new PoolInspector(s, ConnectionCatalog.builtIn(), showSecrets).findPools()) {
            out.addAll(p.facts().values());
            out.add(p.name());
        }
        return out;
    }

    @Test
    void hikariHealthyHasThreeBorrowedProxiesEachWrappingAPoolEntryAndAnH2Connection() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("hikari-healthy");
        JsonNode truth = CommittedDumps.truth("hikari-healthy");
        ConnectionInspector in = new ConnectionInspector(recognizer(s), false);
        int[] proxies = in.recognizer().objectsOf("hikari-proxy", null);

        assertEquals(3, proxies.length);
        assertEquals(truth.path("expectedInstances").path("com.zaxxer.hikari.pool.HikariProxyConnection").asInt(),
                proxies.length);
        for (int p : proxies) {
            ConnectionInfo info = in.inspect(p);
            assertEquals(ConnectionState.OPEN, info.state());
            assertEquals("pooled-jdbc", info.kind().category());
            assertEquals("billing-pool", info.facts().get("pool"));
            List<String> chain = in.layerChain(p).stream().map(l -> l.kind().kind()).toList();
            assertEquals(List.of("hikari-pool-entry", "h2"), chain);
            int entry = in.layers(p).get(0).object();
            assertEquals("in use", in.facts(entry).get("poolState"));
        }
        assertEquals(10, in.recognizer().objectsOf("h2", null).length);
    }

    @Test
    void hikariHealthyPoolHasThreeActiveAndSevenIdle() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("hikari-healthy");
        JsonNode pool = CommittedDumps.truth("hikari-healthy").path("pools").get(0);
        PoolInfo p = onlyPool(s, false);

        assertEquals("billing-pool", p.name());
        assertEquals(3, p.active());
        assertEquals(7, p.idle());
        assertEquals(10, p.total());
        assertEquals(10, p.maxSize());
        assertEquals(pool.path("activeConnections").asInt(), p.active());
        assertEquals(pool.path("idleConnections").asInt(), p.idle());
    }

    @Test
    void socketLeakRecognises240OpenSocketsAndReadsBothEndsOfEachConnection() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("socket-leak");
        JsonNode truth = CommittedDumps.truth("socket-leak");
        ConnectionInspector in = new ConnectionInspector(recognizer(s), false);
        int[] sockets = in.recognizer().objectsOf("java-socket", null);

        assertEquals(240, sockets.length);
        assertEquals(truth.path("expectedInstances").path("java.net.Socket").asInt(), sockets.length);
        assertEquals(Map.of(ConnectionState.OPEN, 240), states(in, sockets));

        String serverPort = truth.path("details").path("serverAddress").asText().split(":")[1];
        int clientSide = 0;
        int serverSide = 0;
        for (int o : sockets) {
            Map<String, String> facts = in.facts(o);
            assertNotNull(facts.get("remoteAddress"), facts.toString());
            assertTrue(facts.get("remoteAddress").endsWith("127.0.0.1"), facts.toString());
            clientSide += serverPort.equals(facts.get("remotePort")) ? 1 : 0;
            serverSide += serverPort.equals(facts.get("localPort")) ? 1 : 0;
        }
        assertEquals(120, clientSide, "client sockets connected to the feed server");
        assertEquals(120, serverSide, "sockets the server accepted");
    }

    @Test
    void noClassOfTheSampleDumpsIsLeftToTheLowConfidenceGuess() throws Exception {
        for (String name : List.of("h2-leak", "hikari-healthy", "socket-leak")) {
            for (ConnectionRecognizer.Match m : recognizer(CommittedDumps.snapshot(name)).find()) {
                assertFalse(m.kind().lowConfidence(), name + ": " + m.kind().kind());
            }
        }
    }

    @Test
    void onlyObjectsInTheLiveSetAreReturnedWhenOneIsGiven() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        ConnectionRecognizer r = recognizer(s);
        int[] all = r.objectsOf("h2", null);
        BitSet some = new BitSet();
        for (int i = 0; i < 5; i++) {
            some.set(all[i * 7]);
        }

        assertEquals(5, r.objectsOf("h2", some).length);
        BitSet live = ConnectionRecognizer.liveObjects(HeapGraph.of(s));
        assertEquals(210, r.objectsOf("h2", live).length, "a live dump: every connection is reachable");
    }
}
