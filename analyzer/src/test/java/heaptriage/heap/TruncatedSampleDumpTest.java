package heaptriage.heap;

import heaptriage.analysis.ClassHistogram;
import heaptriage.analysis.connections.Confidence;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.hprof.DumpFile;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real dump of the incident (200 leaked H2 connections) cut short at several points, as a crash leaves it: it
 * still indexes and analyses, every connection whose record survives the cut is counted and kept in the dominator
 * tree (not dropped as garbage, since its referrers may be what was lost), and the report says it is truncated.
 */
class TruncatedSampleDumpTest {
    private static final String CONNECTION = "org.h2.jdbc.JdbcConnection";
    private static byte[] whole;
    private static HeapSnapshot complete;

    @TempDir
    static Path dir;

    @BeforeAll
    static void readTheCompleteDump() throws Exception {
        Path gz = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            whole = in.readAllBytes();
        }
        Path plain = Files.write(dir.resolve("h2-leak.hprof"), whole);
        complete = HeapIndexer.index(DumpFile.open(plain), IndexListener.NONE);
    }

    /** Connections whose whole INSTANCE record lies before the cut. */
    private static long connectionsBefore(long cut) {
        int idSize = complete.header().idSize();
        long count = 0;
        for (int i = 0; i < complete.objectCount(); i++) {
            HeapClass c = complete.classOf(i);
            if (c.name().equals(CONNECTION)) {
                // INSTANCE_DUMP: tag, id, stack serial, class id, then the count of field bytes that follow
                long fieldBytesAt = complete.recordOffset(i) + 1 + idSize + 4 + idSize;
                long end = fieldBytesAt + 4 + ByteBuffer.wrap(whole, (int) fieldBytesAt, 4).getInt();
                if (end <= cut) {
                    count++;
                }
            }
        }
        return count;
    }

    @ParameterizedTest(name = "cut at {0}% of the bytes")
    @ValueSource(ints = {30, 60, 95, 99})
    void everyConnectionBeforeTheCutIsCountedAndKept(int percent) throws Exception {
        long cut = whole.length * (long) percent / 100;
        assertCutDumpKeepsItsConnections(cut);
    }

    @ParameterizedTest(name = "cut {0} bytes into the last connection's record")
    @ValueSource(ints = {1, 13, 30})
    void aCutInsideAConnectionRecordDropsOnlyThatRecord(int into) throws Exception {
        long lastStart = -1;
        for (int i = 0; i < complete.objectCount(); i++) {
            if (complete.classOf(i).name().equals(CONNECTION)) {
                lastStart = Math.max(lastStart, complete.recordOffset(i));
            }
        }
        assertCutDumpKeepsItsConnections(lastStart + into);
    }

    private void assertCutDumpKeepsItsConnections(long cut) throws Exception {
        Path file = Files.write(dir.resolve("cut-" + cut + ".hprof"), Arrays.copyOf(whole, (int) cut));
        HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE);
        assertTrue(s.truncation().isPresent(), "the cut is noticed");
        long expected = connectionsBefore(cut);
        assertEquals(expected, ClassHistogram.of(s).instancesOf(CONNECTION), "connections in the cut file");

        RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
        long kept = 0;
        for (int i = 0; i < s.objectCount(); i++) {
            if (r.inTree(i) && s.classOf(i).name().equals(CONNECTION)) {
                kept++;
            }
        }
        assertEquals(expected, kept, "no surviving connection is dropped as garbage");

        Report report = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        assertTrue(report.dump().truncated());
        assertTrue(report.verdict().startsWith("Dump truncated"), report.verdict());
        assertTrue(report.warnings().get(0).startsWith("Dump is truncated"), report.warnings().toString());

        // the pool's 10 connections are not leaked; with at least 10 of the 200 leaked ones left, the leak must show
        long leakedLeft = expected - 10;
        List<Report.Connection> leaks = report.connections().stream().filter(Report.Connection::isLeak).toList();
        if (leakedLeft >= 10) {
            assertFalse(leaks.isEmpty(), "the leak survives the cut: " + report.connections());
            assertTrue(leaks.get(0).partial(), "marked partial");
            assertTrue(leaks.get(0).confidenceReasons().contains(Confidence.Reason.DUMP_TRUNCATED), leaks.get(0).confidence());
            assertTrue(report.verdict().contains("Probable connection leak"), report.verdict());
        }
        leaks.forEach(f -> assertEquals(CONNECTION, f.className(), "only the leaked connections are flagged"));
    }

    @ParameterizedTest(name = "healthy service cut at {0}%")
    @ValueSource(ints = {40, 70, 97})
    void aCutHealthyDumpFlagsNoLeak(int percent) throws Exception {
        byte[] healthy;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of("..", "sample-dumps", "dumps", "hikari-healthy.hprof.gz")))) {
            healthy = in.readAllBytes();
        }
        Path file = Files.write(dir.resolve("healthy-" + percent + ".hprof"), Arrays.copyOf(healthy, healthy.length * percent / 100));
        HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE);
        Report report = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        assertTrue(report.connections().stream().noneMatch(Report.Connection::isLeak), report.connections().toString());
    }
}
