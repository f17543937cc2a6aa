package heaptriage.analysis.connections;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import heaptriage.graph.HeapGraph;
import heaptriage.heap.HeapSnapshot;
import heaptriage.reference.ReferenceDumps;
import heaptriage.reference.Snapshots;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Connection states on the shared reference dumps ({@code ../shared/reference-dumps}), against what each application
 * really did (its truth file). Skipped, saying so, when that folder is absent.
 */
@Tag("slow") // reads the large reference dumps: runs in the integration-test phase (mvn verify)
class ConnectionsOnReferenceDumpsTest {
    static List<String> names() throws IOException {
        return ReferenceDumps.names();
    }

    private static ConnectionInspector inspector(HeapSnapshot s) {
        return new ConnectionInspector(ConnectionRecognizer.of(s, ConnectionCatalog.builtIn()), false);
    }

    /** State counts of the recognised, live objects of one class. */
    private static Map<ConnectionState, Integer> statesOf(HeapSnapshot s, String className) throws Exception {
        ConnectionInspector in = inspector(s);
        BitSet live = ConnectionRecognizer.liveObjects(HeapGraph.of(s));
        Map<ConnectionState, Integer> out = new EnumMap<>(ConnectionState.class);
        for (ConnectionRecognizer.Match m : in.recognizer().find(live)) {
            for (int o : m.objects()) {
                if (s.classOf(o).name().equals(className)) {
                    out.merge(in.state(o), 1, Integer::sum);
                }
            }
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void everyExpectedLeakIsRecognisedWithTheStateTheApplicationLeftItIn(String name) throws Exception {
        HeapSnapshot s = Snapshots.of(ReferenceDumps.dump(name));
        JsonNode truth = ReferenceDumps.truth(name);
        for (JsonNode leak : truth.path("expectedLeaks")) {
            String className = leak.path("className").asText();
            ConnectionState expected = ConnectionState.valueOf(leak.path("state").asText().toUpperCase(Locale.ROOT));
            Map<ConnectionState, Integer> states = statesOf(s, className);
            assertEquals(leak.path("count").asInt(), states.getOrDefault(expected, 0), name + " " + className
                    + ": " + states);
            int inDump = leak.path("instanceCountInDump").asInt();
            assertEquals(inDump, states.values().stream().mapToInt(Integer::intValue).sum(),
                    name + ": every " + className + " in the dump is recognised");
        }
    }

    @Test
    void closedRetainedHas500ClosedH2ConnectionsAndNoOpenOne() throws Exception {
        String name = "pub-closed-retained";
        ReferenceDumps.requireFolder();
        JsonNode leak = ReferenceDumps.truth(name).path("expectedLeaks").get(0);
        assertEquals("closed", leak.path("state").asText());
        Map<ConnectionState, Integer> states = statesOf(Snapshots.of(ReferenceDumps.dump(name)),
                "org.h2.jdbc.JdbcConnection");

        assertEquals(Map.of(ConnectionState.CLOSED, leak.path("count").asInt()), states);
        assertEquals(500, states.get(ConnectionState.CLOSED));
    }

    @Test
    void socketLeakTellsThe300LeakedSocketsFromTheOneBeingAcceptedInto() throws Exception {
        String name = "pub-socket-leak";
        ReferenceDumps.requireFolder();
        JsonNode truth = ReferenceDumps.truth(name);
        Map<ConnectionState, Integer> states = statesOf(Snapshots.of(ReferenceDumps.dump(name)), "java.net.Socket");

        assertEquals(truth.path("expectedLeaks").get(0).path("count").asInt(), states.get(ConnectionState.OPEN));
        assertEquals(truth.path("legitimateInstances").get(0).path("count").asInt(),
                states.get(ConnectionState.NOT_CONNECTED), "the unconnected socket of ServerSocket.accept()");
        assertEquals(Map.of(ConnectionState.OPEN, 300, ConnectionState.NOT_CONNECTED, 1), states);
    }

    @Test
    void hikariHealthyPoolStockPoolHasTwoBorrowedAndSixIdleOfEight() throws Exception {
        String name = "pub-hikari-healthy";
        ReferenceDumps.requireFolder();
        JsonNode truth = ReferenceDumps.truth(name);
        assertTrue(truth.path("legitimateInstances").get(0).path("why").asText().contains("6 idle + 2 in use"));
        HeapSnapshot s = Snapshots.of(ReferenceDumps.dump(name));
        List<PoolInfo> pools = PoolInspector.of(s).findPools(ConnectionRecognizer.liveObjects(HeapGraph.of(s)));

        assertEquals(1, pools.size());
        PoolInfo p = pools.get(0);
        assertEquals("stock-pool", p.name());
        assertEquals(8, p.maxSize());
        assertEquals(2, p.active());
        assertEquals(6, p.idle());
        assertEquals(8, p.total());
        assertEquals(Map.of(ConnectionState.OPEN, 2), statesOf(s, "com.zaxxer.hikari.pool.HikariProxyConnection"));
    }
}
