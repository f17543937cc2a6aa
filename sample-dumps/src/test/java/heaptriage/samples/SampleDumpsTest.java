package heaptriage.samples;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Generates the small scenarios for real (child JVM + jcmd) and checks dump, histogram and truth agree. */
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class SampleDumpsTest {

    private static final String HPROF_HEADER = "JAVA PROFILE 1.0.2";

    // The numbers are pinned here, not only read from the truth file, because the truth file is
    // written by the same code under test.
    @ParameterizedTest(name = "{0} gzip={1}")
    @CsvSource({
            "socket-leak,     true,  java.net.Socket,                              240, 120, com.acme.feed.PriceFeedClient",
            "h2-leak,         false, org.h2.jdbc.JdbcConnection,                   210, 200, com.acme.billing.InvoiceExporter",
            "hikari-healthy,  true,  com.zaxxer.hikari.pool.HikariProxyConnection, 3,   0,   ''",
            "pool-exhausted,  false, com.zaxxer.hikari.pool.HikariProxyConnection, 10,  10,  com.acme.orders.OrderBatcher",
            "closed-retained, true,  org.h2.jdbc.JdbcConnection,                   160, 150, com.acme.audit.AuditTrail",
            "http-leak,       false, sun.net.www.protocol.http.HttpURLConnection,  65,  60,  com.acme.pricing.RateFetcher",
    })
    void dumpHistogramAndTruthAgree(String scenario, boolean gzip, String className, long inHeap, int leaked,
                                    String holder, @TempDir Path dir) throws IOException {
        GeneratedDump dump = SampleDumps.generate(scenario, dir, Options.defaults().withGzip(gzip));

        assertEquals(dir.resolve(scenario + (gzip ? ".hprof.gz" : ".hprof")), dump.dump());
        assertEquals(HPROF_HEADER, header(dump.dump(), gzip));

        Histogram histogram = dump.readHistogram();
        assertEquals(inHeap, histogram.instances(className), className + " in the histogram");
        Map<String, Long> expected = dump.expectedInstances();
        assertEquals(inHeap, expected.get(className), className + " in the truth file");
        expected.forEach((name, count) ->
                assertEquals(count, histogram.instances(name), name + ": truth file vs histogram"));

        String truth = dump.readTruth();
        assertTrue(truth.contains("\"scenario\": \"" + scenario + "\""), truth);
        assertTrue(truth.contains("\"leakExpected\": " + (leaked > 0)), truth);
        if (leaked > 0) {
            assertTrue(truth.contains("\"count\": " + leaked + ",\n      \"holderClass\": \"" + holder + "\""), truth);
        }
    }

    // Two moments of the same load test into one directory, for the diff: the leak grows with the
    // request count, the pool's 10 connections stay, and neither run overwrites the other.
    @Test
    void requestsSetTheLeakSizeAndNameTheFiles(@TempDir Path dir) {
        GeneratedDump early = SampleDumps.generate("h2-leak", dir, Options.defaults().withRequests(30));
        GeneratedDump late = SampleDumps.generate("h2-leak", dir, Options.defaults().withRequests(120));

        assertEquals(dir.resolve("h2-leak-r30.hprof"), early.dump());
        assertEquals(dir.resolve("h2-leak-r30.histo.txt"), early.histogram());
        assertEquals(dir.resolve("h2-leak-r30.truth.json"), early.truth());
        assertEquals(dir.resolve("h2-leak-r120.hprof"), late.dump());
        assertTrue(Files.exists(early.dump()), "the second run must not remove the first one's dump");

        assertEquals(40, early.readHistogram().instances("org.h2.jdbc.JdbcConnection"));
        assertEquals(130, late.readHistogram().instances("org.h2.jdbc.JdbcConnection"));
        assertEquals(40L, early.expectedInstances().get("org.h2.jdbc.JdbcConnection"));
        assertEquals(130L, late.expectedInstances().get("org.h2.jdbc.JdbcConnection"));
        assertEquals(10L, late.readHistogram().instances("com.zaxxer.hikari.pool.PoolEntry"));
        assertTrue(early.readTruth().contains("\"count\": 30,\n      \"holderClass\": \"com.acme.billing.InvoiceExporter\""),
                early.readTruth());
        assertTrue(late.readTruth().contains("\"requests\": 120"), late.readTruth());
    }

    @Test
    void optionsWithoutRequestsKeepTheScenarioDefault() {
        Options opts = new Options(true, 0, false, null);
        assertFalse(opts.hasRequests());
        assertEquals("h2-leak", opts.baseName("h2-leak"));
        assertEquals("hikari-healthy-r0", opts.withRequests(0).baseName("hikari-healthy"));
        assertThrows(IllegalArgumentException.class, () -> Options.defaults().withRequests(-1));
    }

    @Test
    void gzipDumpIsChunkedGzipOfAWholeHprof(@TempDir Path dir) throws IOException {
        GeneratedDump dump = SampleDumps.generate("socket-leak", dir, Options.defaults().withGzip(true));

        byte[] raw = Files.readAllBytes(dump.dump());
        assertEquals(0x1f, raw[0] & 0xff);
        assertEquals(0x8b, raw[1] & 0xff);
        // GZIPInputStream reads concatenated members, so this checks all of jcmd's chunks decode.
        long uncompressed;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(dump.dump()))) {
            uncompressed = in.transferTo(OutputStream.nullOutputStream());
        }
        assertTrue(uncompressed > 2L * raw.length, "uncompressed " + uncompressed + " vs gzip " + raw.length);
        assertFalse(Files.exists(dir.resolve("socket-leak.hprof")), "no stale uncompressed dump next to it");
    }

    @Test
    void unknownScenarioIsAOneLineError(@TempDir Path dir) {
        SampleDumpException e = assertThrows(SampleDumpException.class,
                () -> SampleDumps.generate("no-such-scenario", dir, Options.defaults()));
        assertTrue(e.getMessage().startsWith("unknown scenario 'no-such-scenario' (known: h2-leak,"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    private static String header(Path dump, boolean gzip) throws IOException {
        try (InputStream file = Files.newInputStream(dump);
             InputStream in = gzip ? new GZIPInputStream(file) : file) {
            return new String(in.readNBytes(HPROF_HEADER.length()), StandardCharsets.US_ASCII);
        }
    }
}
