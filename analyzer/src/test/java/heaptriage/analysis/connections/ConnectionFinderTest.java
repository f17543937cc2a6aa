package heaptriage.analysis.connections;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.analysis.GcRootPaths;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.reference.ReferenceDumps;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real dumps of leaking and healthy services, the finder flags exactly the leaks the application made (class,
 * count, state, holder class and field) and nothing else: a healthy pool, threads mid-request and a server's
 * sessions are not leaks.
 */
@Tag("slow") // reads the large reference dumps: runs in the integration-test phase (mvn verify)
class ConnectionFinderTest {
    private static final Path SAMPLES = Path.of("..", "sample-dumps", "dumps");

    private static List<ConnectionFinding> findings(Path dump) throws Exception {
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE)));
        return ConnectionFinder.find(r, GcRootPaths.of(r), ConnectionCatalog.builtIn(), ConnectionFinder.Options.defaults());
    }

    /** One expected leak, as a truth file states it. */
    private record Expected(String className, long count, String state, String holderClass, String holderField,
                            boolean holderStatic) {
    }

    private static void assertLeaks(List<ConnectionFinding> findings, List<Expected> expected, String dump) {
        List<ConnectionFinding> leaks = findings.stream().filter(ConnectionFinding::isLeak).toList();
        assertEquals(expected.size(), leaks.size(), dump + ": leaks found " + leaks);
        for (Expected e : expected) {
            ConnectionFinding f = leaks.stream().filter(l -> l.className().equals(e.className())).findFirst().orElseThrow();
            assertEquals(e.count(), f.count(), dump + " count");
            assertEquals(e.count(), e.state().equals("closed") ? f.closed() : f.open(), dump + " " + e.state());
            assertEquals(e.holderClass(), f.holder().className(), dump + " holder class");
            assertEquals(e.holderField(), f.holder().field(), dump + " holder field");
            assertEquals(e.holderStatic(), f.holder().isStatic(), dump + " static");
            assertFalse(f.holder().path().isEmpty(), "a path from a GC root");
            assertTrue(f.isLeak() && f.leakType() != null, dump + " leak type");
        }
    }

    @TestFactory
    Stream<DynamicTest> theCommittedSampleDumpsGiveExactlyTheirTrueLeaks() {
        return Stream.of("h2-leak", "hikari-healthy", "socket-leak").map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonNode truth = new ObjectMapper().readTree(SAMPLES.resolve(name + ".truth.json").toFile());
            List<Expected> expected = new ArrayList<>();
            for (JsonNode leak : truth.get("leaks")) {
                expected.add(new Expected(leak.get("className").asText(), leak.get("count").asLong(),
                        leak.get("state").asText().equals("closed") ? "closed" : "open", leak.get("holderClass").asText(),
                        leak.get("holderField").asText(), leak.get("holderStatic").asBoolean()));
            }
            assertLeaks(findings(SAMPLES.resolve(name + ".hprof.gz")), expected, name);
        }));
    }

    @TestFactory
    Stream<DynamicTest> theReferenceDumpsGiveExactlyTheirTrueLeaks() throws Exception {
        return ReferenceDumps.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            JsonNode truth = ReferenceDumps.truth(name);
            List<Expected> expected = new ArrayList<>();
            for (JsonNode leak : truth.get("expectedLeaks")) {
                expected.add(new Expected(leak.get("className").asText(), leak.get("count").asLong(),
                        leak.get("state").asText(), leak.get("holderClass").asText(), leak.get("holderField").asText(),
                        leak.get("holderFieldStatic").asBoolean()));
            }
            assertLeaks(findings(ReferenceDumps.dump(name)), expected, name);
        }));
    }
}
