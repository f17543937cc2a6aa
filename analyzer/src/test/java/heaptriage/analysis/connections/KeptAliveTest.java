package heaptriage.analysis.connections;

import heaptriage.analysis.GcRootPaths;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.SetRetainedSize;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What leaked connections keep alive with their companions. On the H2 leak each of the 200 connections keeps its
 * SessionLocal open, which the engine's session list also holds: the connections retain 39 KiB, with their sessions
 * 601 KiB. Checked against a direct computation: the exact retained size of the connections and the objects their
 * {@code session}, {@code watcher} and {@code trace} fields point at.
 */
class KeptAliveTest {
    @Test
    void theH2LeaksConnectionsKeepTheirTwoHundredSessionsAliveAndThatIsWhatRemovingBothFrees() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("h2-leak");
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
        List<ConnectionFinding> findings = ConnectionFinder.find(r, GcRootPaths.of(r), ConnectionCatalog.builtIn(),
                ConnectionFinder.Options.defaults());
        ConnectionFinding leak = findings.stream().filter(ConnectionFinding::isLeak).findFirst().orElseThrow();
        ConnectionFinding.KeptAlive kept = leak.keptAlive();

        assertNotNull(kept);
        assertEquals(40_000, leak.retainedBytes(), "39.1 KiB: the connections alone");
        assertEquals(200, kept.companions());
        assertEquals("org.h2.engine.SessionLocal", kept.companionClass());
        assertEquals(615_216, kept.bytes(), "601 KiB with their sessions");
        assertEquals(100.0 * kept.bytes() / r.usedHeap(), kept.percentOfHeap(), 1e-9);

        // The oracle: the values of InvoiceExporter.openExports, read from the map itself, with what each alone refers
        // to and H2 also keeps: its session (in the engine's session list), its close watcher (in H2's static set of
        // watchers) and its trace.
        HeapClass exporter = s.classes().stream().filter(c -> c.name().equals("com.acme.billing.InvoiceExporter"))
                .findFirst().orElseThrow();
        int map = -1;
        for (int i = 0; i < exporter.statics().size(); i++) {
            if (exporter.statics().get(i).name().equals("openExports")) {
                map = s.indexOf(exporter.staticValue(i));
            }
        }
        List<Integer> leaked = new ArrayList<>();
        for (int bucket : s.objectArrayElements(s.instance(map).ref("table"))) {
            for (int node = bucket; node >= 0; node = s.instance(node).ref("next")) {
                int connection = s.instance(node).ref("value");
                leaked.add(connection);
                for (String companion : List.of("session", "watcher", "trace")) {
                    leaked.add(s.instance(connection).ref(companion));
                }
            }
        }
        assertEquals(800, leaked.size(), "200 connections, each with its session, watcher and trace");
        long oracle = SetRetainedSize.exact(r.heapGraph().graph(), r.heapGraph().roots(), s.shallowSizesIfAllFit(),
                leaked.stream().mapToInt(Integer::intValue).toArray(), r.usedHeap());
        assertEquals(oracle, kept.bytes());
        assertTrue(findings.stream().filter(f -> !f.isLeak()).allMatch(f -> f.keptAlive() == null), "only leaks get it");
    }

    @Test
    void socketsWithoutCompanionsKeepAliveWhatTheyRetain() throws Exception {
        HeapSnapshot s = CommittedDumps.snapshot("socket-leak");
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
        ConnectionFinding leak = ConnectionFinder.find(r, GcRootPaths.of(r), ConnectionCatalog.builtIn(),
                ConnectionFinder.Options.defaults()).stream().filter(ConnectionFinding::isLeak).findFirst().orElseThrow();

        assertEquals(0, leak.keptAlive().companions());
        assertNull(leak.keptAlive().companionClass());
        assertEquals(leak.retainedBytes(), leak.keptAlive().bytes());
    }
}
