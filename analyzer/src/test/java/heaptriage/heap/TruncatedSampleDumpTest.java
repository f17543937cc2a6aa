package heaptriage.heap;

import heaptriage.analysis.ClassHistogram;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.Retention;
import heaptriage.hprof.DumpFile;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
                long end = complete.recordOffset(i) + 1 + idSize + 4 + idSize + 4 + c.payloadSize;
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

        Retention r = Retention.of(HeapGraph.of(s));
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
    }
}
