package heaptriage.api;

import org.junit.jupiter.api.Tag;
import heaptriage.report.Report;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeapTriageTest {
    /** Objects of a class only this test makes, kept alive while this JVM dumps itself. */
    static final List<Marker> KEPT = new ArrayList<>();

    record Marker(int n) {
    }

    private static Path committedDump(String name) {
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "dumps"), Path.of("sample-dumps", "dumps")}) {
            if (Files.isDirectory(p)) {
                return p.resolve(name + ".hprof.gz");
            }
        }
        throw new IllegalStateException("sample-dumps/dumps not found from " + Path.of("").toAbsolutePath());
    }

    @Test
    void analyzeNamesTheLeakingStaticMapOfTheCommittedH2Dump() throws Exception {
        Report report = HeapTriage.analyze(committedDump("h2-leak"), HeapTriage.Options.builder().top(3).build());

        List<Report.Connection> leaks = report.connections().stream().filter(Report.Connection::isLeak).toList();
        assertEquals(1, leaks.size(), report.verdict());
        assertEquals("openExports", leaks.get(0).holder().field());
        assertEquals(200, leaks.get(0).open());
        assertTrue(report.largestObjects().size() <= 3, "top limits the tables");
    }

    @Test
    void aLeakThresholdAboveTheLeakedCountFindsNoLeak() throws Exception {
        Report report = HeapTriage.analyze(committedDump("h2-leak"), HeapTriage.Options.builder().leakThreshold(500).build());

        assertFalse(report.connections().stream().anyMatch(Report.Connection::isLeak), report.verdict());
    }

    @Tag("slow") // dumps and analyses this JVM: runs in the integration-test phase (mvn verify)
    @Test
    void dumpThisJvmWritesADumpOfTheLiveObjectsThatAnalyzeReads(@TempDir Path dir) throws Exception {
        for (int i = 0; i < 1234; i++) {
            KEPT.add(new Marker(i));
        }
        Path dump = HeapTriage.dumpThisJvm(dir.resolve("self.hprof"));
        Report report = HeapTriage.analyze(dump, HeapTriage.Options.defaults());

        long markers = report.histogram().stream().filter(r -> r.className().equals(Marker.class.getName()))
                .mapToLong(Report.HistogramRow::instances).sum();
        assertEquals(1234, markers);
        KEPT.clear();
    }

    @Test
    void dumpThisJvmRefusesAnExistingFileAndANameWithoutHprof(@TempDir Path dir) throws Exception {
        Path existing = Files.writeString(dir.resolve("old.hprof"), "keep me");

        assertThrows(FileAlreadyExistsException.class, () -> HeapTriage.dumpThisJvm(existing));
        assertEquals("keep me", Files.readString(existing));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeapTriage.dumpThisJvm(dir.resolve("x.bin")));
        assertTrue(e.getMessage().contains(".hprof"), e.getMessage());
    }

    @Test
    void optionsRejectMeaninglessThresholds() {
        assertThrows(IllegalArgumentException.class, () -> HeapTriage.Options.builder().top(0).build());
        assertThrows(IllegalArgumentException.class, () -> HeapTriage.Options.builder().leakThreshold(0).build());
        assertThrows(IllegalArgumentException.class, () -> HeapTriage.Options.builder().suspectThresholdPercent(101).build());
    }
}
