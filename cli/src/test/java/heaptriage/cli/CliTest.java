package heaptriage.cli;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Runs the real command line on the bundled sample dumps and on bad input, checking output and exit codes. */
class CliTest {
    private static final Path H2_LEAK = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");

    private static CliRun.Result run(String... args) {
        return CliRun.run(args);
    }

    @Test
    void analyzeOnTheIncidentSampleExitsZeroAndShowsWhereTheLeakedConnectionsHang() {
        CliRun.Result r = run("analyze", H2_LEAK.toString(), "--top", "10");
        assertEquals(0, r.exitCode(), r.err());
        String flat = r.out().replaceAll("\\s+", " "); // the verdict is wrapped at 100 columns
        assertTrue(flat.startsWith("Probable connection leak: 200 open H2 JDBC connections are held by the static field"
                + " com.acme.billing.InvoiceExporter.openExports"), r.out());
        assertTrue(r.out().lines().allMatch(line -> line.length() <= 100), "fits a 100-column terminal");
        assertTrue(r.out().contains("Dominator retention by class"), r.out());
        assertTrue(r.out().contains("com.acme.billing.InvoiceExporter"), "the path to the leak names the holder class");
        assertTrue(r.out().contains("openExports (static)"), "the path names the static field that holds the connections");
        assertFalse(r.out().contains("s3cr3t-Hunter2"), "the planted password is never printed");
    }

    @Test
    void jsonReportHasTheContractKeysAndEveryClassInTheHistogram(@TempDir Path dir) throws Exception {
        Path report = dir.resolve("report.json");
        CliRun.Result r = run("analyze", H2_LEAK.toString(), "-o", report.toString());
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        for (String key : new String[] {"schemaVersion", "dump", "heap", "histogram", "dominatorRetention", "suspects",
                "connections", "largestObjects", "threads", "warnings"}) {
            assertTrue(json.has(key), key);
        }
        for (String key : new String[] {"file", "fileBytes", "idSize", "compressed", "truncated", "hprofVersion"}) {
            assertTrue(json.get("dump").has(key), "dump." + key);
        }
        for (String key : new String[] {"objects", "classes", "gcRoots", "usedHeapBytes", "unreachable"}) {
            assertTrue(json.get("heap").has(key), "heap." + key);
        }
        long connections = 0;
        for (JsonNode row : json.get("histogram")) {
            if (row.get("className").asText().equals("org.h2.jdbc.JdbcConnection")) {
                connections = row.get("instances").asLong();
            }
        }
        assertEquals(210, connections, "200 leaked + 10 in the pool");
        JsonNode leak = json.get("connections").get(0);
        assertEquals("leak", leak.get("verdict").asText());
        assertEquals("jdbc", leak.get("category").asText());
        assertEquals(200, leak.get("count").asLong());
        assertEquals(200, leak.get("open").asLong());
        assertEquals("com.acme.billing.InvoiceExporter", leak.get("holder").get("className").asText());
        assertEquals("openExports", leak.get("holder").get("field").asText());
        for (String key : new String[] {"className", "closed", "retainedBytes", "confidence", "pool", "facts", "explanation"}) {
            assertTrue(leak.has(key), "connections[]." + key);
        }
        assertFalse(Files.readString(report).contains("s3cr3t-Hunter2"));
    }

    @Test
    void benchmarkSaysWhereTheIndexLivedAndWhetherTheSideWalksRanBeside() {
        CliRun.Result onHeap = run("benchmark", H2_LEAK.toString());
        assertEquals(0, onHeap.exitCode(), onHeap.err());
        assertTrue(onHeap.out().contains("index on the heap"), onHeap.out());
        assertTrue(onHeap.out().contains(", gzip in members: inflated by each pass"), onHeap.out()); // jcmd -gz
        assertTrue(onHeap.out().contains("walks        beside each other on two cores")
                || onHeap.out().contains("walks        in turn: one core"), onHeap.out());
        CliRun.Result mapped = run("benchmark", H2_LEAK.toString(), "--memory", "16m");
        assertEquals(0, mapped.exitCode(), mapped.err());
        assertTrue(mapped.out().contains("index in mapped files"), mapped.out());
        assertTrue(mapped.out().contains("walks        in turn:"), mapped.out());
    }

    @Test
    void aMissingDumpIsOneLineAndExitCode3() {
        CliRun.Result r = run("analyze", "no/such/dump.hprof");
        assertEquals(3, r.exitCode());
        assertEquals(1, r.err().strip().lines().count(), r.err());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void aFileThatIsNotHprofIsOneLineAndExitCode3(@TempDir Path dir) throws Exception {
        Path text = Files.writeString(dir.resolve("notes.hprof"), "hello, this is not a heap dump\n");
        CliRun.Result r = run("histogram", text.toString());
        assertEquals(3, r.exitCode());
        assertTrue(r.err().contains("not an HPROF heap dump"), r.err());
        assertFalse(r.err().contains("Exception"), "no stack trace: " + r.err());
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithExitCode2() {
        CliRun.Result r = run("analyze", "--no-such-option", H2_LEAK.toString());
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("Unknown option"), r.err());
    }

    @Test
    void aTruncatedDumpIsAnalysedWithAWarningAndExitCode0(@TempDir Path dir) throws Exception {
        byte[] whole;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(H2_LEAK))) {
            whole = in.readAllBytes();
        }
        Path cut = dir.resolve("cut.hprof");
        Files.write(cut, java.util.Arrays.copyOf(whole, whole.length * 6 / 10));
        CliRun.Result r = run("analyze", cut.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Dump truncated"), r.out());
        assertTrue(r.out().contains("WARNING: Dump is truncated at byte"), r.out());
    }

    @Test
    void aTrippedGateExitsOneAndStillWritesTheReport(@TempDir Path dir) {
        Path report = dir.resolve("r.json");
        CliRun.Result r = run("analyze", H2_LEAK.toString(), "-o", report.toString(), "--fail-on", "connection-leak");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(Files.exists(report), "the report is written even when a gate trips");
        assertTrue(r.err().contains("gate tripped: connection-leak: 200 org.h2.jdbc.JdbcConnection"), r.err());
    }

    @Test
    void aHealthyDumpPassesTheConnectionLeakGate(@TempDir Path dir) {
        Path healthy = Path.of("..", "sample-dumps", "dumps", "hikari-healthy.hprof.gz");
        CliRun.Result r = run("analyze", healthy.toString(), "-o", dir.resolve("r.json").toString(), "--fail-on", "connection-leak");
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test
    void theSuspectGateIgnoresMachinerySuspectsOfAHealthyDumpAndItsVerdictSaysNoLeak(@TempDir Path dir) {
        Path healthy = Path.of("..", "sample-dumps", "dumps", "hikari-healthy.hprof.gz");
        CliRun.Result r = run("analyze", healthy.toString(), "--fail-on", "suspect");
        assertEquals(0, r.exitCode(), "MAT's suspects here are the java.lang.Class group and H2's own store: " + r.err());
        String flat = r.out().replaceAll("\\s+", " ");
        assertTrue(flat.startsWith("No connection leak found. 23% of the heap (958 KiB) is held by"
                + " com.acme.billing.CustomerDirectory.byId, a java.util.HashMap of 2,000 entries of com.acme.billing.Customer."),
                r.out());
    }

    @Test
    void sizeGatesCompareUsedHeapAndAClassesRetainedSize(@TempDir Path dir) {
        Path out = dir.resolve("r.md");
        assertEquals(1, run("analyze", H2_LEAK.toString(), "-o", out.toString(), "--max-used-heap", "1m").exitCode());
        assertEquals(0, run("analyze", H2_LEAK.toString(), "-o", out.toString(), "--max-used-heap", "1g").exitCode());
        assertEquals(1, run("analyze", H2_LEAK.toString(), "-o", out.toString(), "--max-retained", "java.lang.String=10k").exitCode());
        assertEquals(2, run("analyze", H2_LEAK.toString(), "--max-used-heap", "lots").exitCode(), "not a size");
    }

    @Test
    void strictTurnsATruncatedDumpIntoAFailure(@TempDir Path dir) throws Exception {
        byte[] whole;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(H2_LEAK))) {
            whole = in.readAllBytes();
        }
        Path cut = Files.write(dir.resolve("cut.hprof"), java.util.Arrays.copyOf(whole, whole.length / 2));
        assertEquals(1, run("analyze", cut.toString(), "--strict", "-o", dir.resolve("r.txt").toString()).exitCode());
    }

    @Test
    void aSavedJsonReportRendersAsMarkdownWithoutTheDump(@TempDir Path dir) {
        Path json = dir.resolve("r.json");
        assertEquals(0, run("analyze", H2_LEAK.toString(), "-o", json.toString()).exitCode());
        CliRun.Result md = run("render", json.toString(), "--format", "md");
        assertEquals(0, md.exitCode(), md.err());
        assertTrue(md.out().startsWith("## Heap Triage: Probable connection leak"), md.out());
        assertTrue(md.out().contains("| Class | Objects | Retained | Heap |"), md.out());
    }

    @Test
    void pathsShowsHowAClassesInstancesAreHeldFromAGcRoot() {
        CliRun.Result r = run("paths", H2_LEAK.toString(), "--class", "org.h2.jdbc.JdbcConnection", "--top", "1");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("210 live instances of org.h2.jdbc.JdbcConnection"), r.out());
        assertEquals(2, run("paths", H2_LEAK.toString()).exitCode(), "--class or --object is required");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String command : new String[] {"analyze", "histogram", "paths", "render", "schema", "benchmark"}) {
            CliRun.Result r = run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertTrue(r.out().contains("Example"), command + " --help teaches with an example");
        }
    }

    @Tag("slow") // starts a child JVM: runs in the integration-test phase (mvn verify)
    @Test
    void runningOutOfMemoryIsOneLineAndExitCode4() throws Exception {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(javaBin, "-Xmx12m", "-cp", System.getProperty("java.class.path"),
                "heaptriage.cli.Main", "analyze", H2_LEAK.toString()).redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().remove("HEAPTRIAGE_HEAP_SIZED_BY"); // java run directly: no launcher sized the heap
        Process p = pb.start();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS), "finishes");
        assertEquals(4, p.exitValue(), err);
        assertTrue(err.contains("out of memory") && err.contains("-Xmx") && err.contains("launcher"), err);
        assertFalse(err.contains("--memory"), "--memory sizes no heap without the launcher: " + err);
        assertFalse(err.contains("\tat "), "no stack trace: " + err);
    }

    @Test
    void schemaPrintsTheJsonSchemaOfTheReport() throws Exception {
        CliRun.Result r = run("schema");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode schema = new ObjectMapper().readTree(r.out());
        assertTrue(schema.get("required").toString().contains("connections"), r.out());
    }

    @Test
    void anHtmlReportIsOneSelfContainedPageWithTheVerdict(@TempDir Path dir) throws Exception {
        Path html = dir.resolve("report.html");
        assertEquals(0, run("analyze", H2_LEAK.toString(), "-o", html.toString()).exitCode());
        String page = Files.readString(html);
        assertTrue(page.contains("id=\"verdict\"") && page.contains("Probable connection leak"), "verdict");
        assertTrue(page.contains("id=\"dominator-chart\""), "chart");
        assertFalse(page.contains("src=\"http") || page.contains("href=\"http"), "no network resources");
    }

    @Test
    void thePlantedPasswordAppearsInNoFormatUnlessAskedFor(@TempDir Path dir) throws Exception {
        for (String ext : new String[] {"txt", "json", "md", "html"}) {
            Path out = dir.resolve("report." + ext);
            assertEquals(0, run("analyze", H2_LEAK.toString(), "-o", out.toString(), "--format",
                    ext.equals("txt") ? "text" : ext).exitCode());
            assertFalse(Files.readString(out).contains("s3cr3t-Hunter2"), ext + " report leaks the password");
        }
        Path shown = dir.resolve("shown.json");
        assertEquals(0, run("analyze", H2_LEAK.toString(), "-o", shown.toString(), "--show-secrets").exitCode());
        assertTrue(Files.readString(shown).contains("s3cr3t-Hunter2"), "--show-secrets shows it (so the test can fail)");
    }
}
