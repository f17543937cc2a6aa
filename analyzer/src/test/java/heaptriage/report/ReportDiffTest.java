package heaptriage.report;

import org.junit.jupiter.api.Tag;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.samples.Options;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two real dumps of the same service at two moments of a load test: the leaking service's diff names the holder
 * and its growth; the healthy service's diff shows no connection growth; a saved JSON report as baseline gives the
 * same diff as the dump it came from.
 */
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class ReportDiffTest {
    @TempDir
    static Path dir;
    private static Report leakEarly;
    private static Report leakLate;
    private static Report healthyEarly;
    private static Report healthyLate;

    @BeforeAll
    static void generateTwoMomentsOfEachService() throws Exception {
        leakEarly = report(SampleDumps.generate("h2-leak", dir, Options.defaults().withRequests(30)).dump());
        leakLate = report(SampleDumps.generate("h2-leak", dir, Options.defaults().withRequests(120)).dump());
        healthyEarly = report(SampleDumps.generate("hikari-healthy", dir, Options.defaults().withRequests(50)).dump());
        healthyLate = report(SampleDumps.generate("hikari-healthy", dir, Options.defaults().withRequests(500)).dump());
    }

    private static Report report(Path dump) throws Exception {
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE)) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    @Test
    void theLeakingPairNamesTheHolderAndItsGrowthFirst() {
        ReportDiff d = ReportDiff.of(leakEarly, leakLate);
        ReportDiff.ConnectionDelta first = d.connections().get(0);
        assertEquals("com.acme.billing.InvoiceExporter.openExports (static)", first.holder());
        assertEquals("org.h2.jdbc.JdbcConnection", first.className());
        assertEquals(30, first.open().before());
        assertEquals(120, first.open().after());
        assertEquals(90, first.open().delta());
        assertEquals("leak", first.verdictAfter());
        assertTrue(d.usedHeapBytes().delta() > 0, "the heap grew");
        ReportDiff.ClassDelta connections = d.classes().stream()
                .filter(c -> c.className().equals("org.h2.jdbc.JdbcConnection")).findFirst().orElseThrow();
        assertEquals(40, connections.instances().before());
        assertEquals(130, connections.instances().after());
    }

    @Test
    void theHealthyPairShowsNoConnectionGrowth() {
        ReportDiff d = ReportDiff.of(healthyEarly, healthyLate);
        d.connections().forEach(c -> assertEquals(0, c.open().delta(), c.holder() + " " + c.className()));
        assertTrue(d.connections().stream().noneMatch(c -> "leak".equals(c.verdictAfter())), d.connections().toString());
    }

    @Test
    void aJsonReportBaselineGivesTheSameDiffAsTheDumpItCameFrom() throws Exception {
        Path saved = Files.writeString(dir.resolve("early.json"), SampleReports.json(leakEarly));
        ReportDiff fromDump = ReportDiff.of(leakEarly, leakLate);
        ReportDiff fromJson = ReportDiff.of(JsonRenderer.read(saved), leakLate);
        assertEquals(fromDump, fromJson);
    }

    @Test
    void theDiffJsonFollowsItsSchema() throws Exception {
        var factory = com.networknt.schema.JsonSchemaFactory.getInstance(com.networknt.schema.SpecVersion.VersionFlag.V202012);
        var mapper = new com.fasterxml.jackson.databind.ObjectMapper();
        var schema = factory.getSchema(mapper.readTree(ReportDiffTest.class.getResourceAsStream("/heaptriage/report/diff-schema-v1.json")));
        java.io.StringWriter json = new java.io.StringWriter();
        ReportRenderer.of(ReportFormat.JSON, new java.io.PrintWriter(json), 0).render(ReportDiff.of(leakEarly, leakLate));
        var node = mapper.readTree(json.toString());
        assertEquals(java.util.Set.of(), schema.validate(node));
        ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("connections");
        assertTrue(!schema.validate(node).isEmpty(), "a missing key is invalid");
    }
}
