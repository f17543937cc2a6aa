package heaptriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The diff command on real dumps: growth by holder, gates, and a saved JSON report as baseline. */
class DiffCommandTest {
    private static final Path HEALTHY = Path.of("..", "sample-dumps", "dumps", "hikari-healthy.hprof.gz");
    private static final Path LEAKING = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");

    private static synchronized int run(ByteArrayOutputStream err, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        try {
            System.setOut(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            return Main.run(args);
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    void theHolderWhoseConnectionsGrewTripsTheConnectionGrowthGate(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path out = dir.resolve("diff.json");
        assertEquals(1, run(err, "diff", HEALTHY.toString(), LEAKING.toString(), "-o", out.toString(),
                "--fail-on", "connection-growth=5"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(
                "connection-growth: com.acme.billing.InvoiceExporter.openExports (static): 0 -> 200 open"), err.toString());
        JsonNode first = new ObjectMapper().readTree(out.toFile()).get("connections").get(0);
        assertEquals("com.acme.billing.InvoiceExporter.openExports (static)", first.get("holder").asText());
        assertEquals(200, first.get("open").get("delta").asLong());
    }

    @Test
    void aDumpComparedWithItselfTripsNoGate(@TempDir Path dir) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, run(err, "diff", HEALTHY.toString(), HEALTHY.toString(), "-o", dir.resolve("d.txt").toString(),
                "--fail-on", "connection-growth=0", "--max-used-heap-growth", "0%", "--max-growth", "java.lang.String=0"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSavedJsonReportAsBaselineGivesTheSameDiffAsItsDump(@TempDir Path dir) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Path baseline = dir.resolve("baseline.json");
        assertEquals(0, run(err, "analyze", HEALTHY.toString(), "-o", baseline.toString()));
        Path fromDump = dir.resolve("from-dump.json");
        Path fromReport = dir.resolve("from-report.json");
        assertEquals(0, run(err, "diff", HEALTHY.toString(), LEAKING.toString(), "-o", fromDump.toString()));
        assertEquals(0, run(err, "diff", baseline.toString(), LEAKING.toString(), "-o", fromReport.toString()));
        ObjectMapper json = new ObjectMapper();
        JsonNode a = json.readTree(fromDump.toFile());
        JsonNode b = json.readTree(fromReport.toFile());
        ((ObjectNode) a.get("baseline")).remove("file");
        ((ObjectNode) b.get("baseline")).remove("file");
        assertEquals(a, b);
    }

    @Test
    void aBadGateIsAUsageError() {
        assertEquals(2, run(new ByteArrayOutputStream(), "diff", HEALTHY.toString(), HEALTHY.toString(), "--fail-on", "growth"));
        assertEquals(2, run(new ByteArrayOutputStream(), "diff", HEALTHY.toString(), HEALTHY.toString(),
                "--max-used-heap-growth", "lots"));
    }
}
