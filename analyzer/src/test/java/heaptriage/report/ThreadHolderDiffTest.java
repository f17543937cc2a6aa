package heaptriage.report;

import heaptriage.analysis.HolderKind;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.samples.Options;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * Two real dumps of a service whose static ThreadLocal accumulates connections on its 6 pool threads, after 5 and
 * after 20 requests per thread: the diff reports the growth under the one ThreadLocal holder, also from a saved JSON
 * report as the baseline.
 */
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class ThreadHolderDiffTest {
    @TempDir
    static Path dir;
    private static Report early;
    private static Report late;

    @BeforeAll
    static void generateTwoMoments() throws Exception {
        early = report(SampleDumps.generate("threadlocal-leak", dir, Options.defaults().withRequests(5)).dump());
        late = report(SampleDumps.generate("threadlocal-leak", dir, Options.defaults().withRequests(20)).dump());
    }

    private static Report report(Path dump) throws Exception {
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE)) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    @Test
    void growthIsReportedPerThreadLocalHolder() {
        Report.Connection leak = late.connections().get(0);
        assertNotNull(leak.threadHold());
        assertEquals(HolderKind.THREAD_LOCAL, leak.threadHold().kind());

        ReportDiff d = ReportDiff.of(early, late);
        ReportDiff.ConnectionDelta first = d.connections().get(0);
        assertEquals("values of ThreadLocal com.acme.reports.ReportContext.OPEN", first.holder());
        assertEquals("org.h2.jdbc.JdbcConnection", first.className());
        assertEquals(30, first.open().before());
        assertEquals(120, first.open().after());
        assertEquals(90, first.open().delta());
        assertEquals("leak", first.verdictBefore(), "5 per thread is already accumulation");
        assertEquals("leak", first.verdictAfter());
        assertEquals(1, d.connections().stream().filter(c -> c.className().equals("org.h2.jdbc.JdbcConnection")).count(),
                "the six threads are one holder, before and after");
    }

    @Test
    void aSavedJsonReportWithThreadEvidenceGivesTheSameDiff() throws Exception {
        Path saved = Files.writeString(dir.resolve("early.json"), SampleReports.json(early));
        assertEquals(ReportDiff.of(early, late), ReportDiff.of(JsonRenderer.read(saved), late));
    }
}
