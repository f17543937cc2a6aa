package heaptriage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HeapDumpEntry;
import heaptriage.hprof.NoSuchHeapDumpException;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import heaptriage.report.Warning;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files with several heap dumps, as the old hprof agent (JDK 5 to 8) wrote them: one on demand, one at exit, with
 * the same objects at the same addresses. They are not damaged. The last heap dump is analysed by default, any other
 * by its number, and the snapshot and the report say which.
 */
class MultipleHeapDumpsTest {
    /** An object only the second heap dump has: the program allocated it between the two dumps. */
    private static final long LATER = 0x0E00_0200L;

    @TempDir
    Path dir;

    /** The minimal heap twice, the second time with one more object; as segments or as HEAP DUMP records. */
    private static byte[] twoDumps(boolean oldStyle) {
        HprofWriter first = MinimalHeap.create(8, "1.0.2");
        HprofWriter second = MinimalHeap.create(8, "1.0.2");
        second.instance(LATER, MinimalHeap.C_NODE, 0L, 9, 0L);
        if (oldStyle) {
            first.singleHeapDumpRecord();
            second.singleHeapDumpRecord();
        }
        return concatenate(first, second);
    }

    /** One file: the first writer's stream, then the second's records (its header dropped), as one JVM writes them. */
    private static byte[] concatenate(HprofWriter first, HprofWriter second) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first.toBytes());
        byte[] more = second.toBytes();
        out.write(more, second.headerLength(), more.length - second.headerLength());
        return out.toByteArray();
    }

    private HeapSnapshot index(byte[] bytes, int heapDump) throws Exception {
        return HeapIndexer.index(DumpFile.open(Dumps.write(dir, "two.hprof", bytes)), heapDump, IndexListener.NONE);
    }

    @ParameterizedTest(name = "HEAP DUMP records: {0}")
    @ValueSource(booleans = {false, true})
    void theLastHeapDumpIsAnalysedByDefaultAndTheFileIsNotCalledDamaged(boolean oldStyle) throws Exception {
        try (HeapSnapshot s = index(twoDumps(oldStyle), HeapIndexer.LAST_HEAP_DUMP)) {
            assertEquals(MinimalHeap.RECORDS + 2, s.objectCount(), "the second heap dump, with its extra object");
            assertTrue(s.indexOf(LATER) >= 0);
            assertEquals(2, s.readSummary().selectedDump());
            List<HeapDumpEntry> dumps = s.readSummary().heapDumps();
            assertEquals(2, dumps.size());
            assertTrue(dumps.get(0).complete() && dumps.get(1).complete());
            assertTrue(dumps.get(0).end() <= dumps.get(1).offset());
            assertTrue(s.truncation().isEmpty());
        }
    }

    @ParameterizedTest(name = "HEAP DUMP records: {0}")
    @ValueSource(booleans = {false, true})
    void anotherHeapDumpIsPickedByItsNumber(boolean oldStyle) throws Exception {
        try (HeapSnapshot s = index(twoDumps(oldStyle), 1)) {
            assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
            assertEquals(-1, s.indexOf(LATER), "allocated after the first heap dump");
            assertEquals(1, s.readSummary().selectedDump());
            assertEquals("hello", s.stringValue(s.indexOf(MinimalHeap.STR)), "objects are read from the first dump");
        }
    }

    @Test
    void aNumberBeyondTheFilesHeapDumpsSaysHowManyThereAre() throws Exception {
        Path file = Dumps.write(dir, "two.hprof", twoDumps(false));
        NoSuchHeapDumpException e = assertThrows(NoSuchHeapDumpException.class,
                () -> HeapIndexer.index(DumpFile.open(file), 3, IndexListener.NONE));
        assertEquals(file + " holds 2 heap dumps, so there is no heap dump 3: choose one from 1 to 2", e.getMessage());
    }

    @Test
    void theReportSaysWhichHeapDumpItIsOf() throws Exception {
        try (HeapSnapshot s = index(twoDumps(false), HeapIndexer.LAST_HEAP_DUMP)) {
            Report r = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
            Report.HeapDumps dumps = r.dump().heapDumps();
            assertEquals(2, dumps.analysed());
            assertEquals(List.of(1, 2), dumps.inFile().stream().map(Report.HeapDump::number).toList());
            assertTrue(r.warnings().get(0).startsWith("The file holds 2 heap dumps; this report is of heap dump 2 (the last),"
                    + " written at "), r.warnings().toString());
        }
    }

    @Test
    void theTypedWarningCarriesTheHeapDumpCountAndWhichOneWasAnalysed() throws Exception {
        try (HeapSnapshot s = index(twoDumps(false), 1)) {
            Report r = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
            Warning w = r.warningDetails().get(0);
            assertEquals(Warning.Kind.SEVERAL_HEAP_DUMPS, w.kind());
            assertEquals(2, w.heapDumpCount());
            assertEquals(1, w.analysedDump());
            assertEquals(s.readSummary().selected().timeMillis(), w.writtenAtMillis());
            assertFalse(r.warnings().get(0).contains("(the last)"), r.warnings().get(0));
        }
    }

    @Test
    void aFileWithOneHeapDumpHasNoListInItsReport() throws Exception {
        try (HeapSnapshot s = Dumps.index(MinimalHeap.create(8, "1.0.2").writeTo(dir.resolve("one.hprof")))) {
            Report r = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
            assertNull(r.dump().heapDumps());
            assertEquals(1, s.readSummary().heapDumps().size());
        }
    }

    @Test
    void aCutInTheSecondHeapDumpLeavesTheFirstWholeAndTheLastTruncated() throws Exception {
        byte[] both = twoDumps(false);
        byte[] cut = Arrays.copyOf(both, both.length - 40);
        try (HeapSnapshot first = index(cut, 1)) {
            assertTrue(first.truncation().isEmpty(), "the first heap dump is whole");
            assertFalse(first.readSummary().heapDumps().get(1).complete());
        }
        try (HeapSnapshot last = index(cut, HeapIndexer.LAST_HEAP_DUMP)) {
            assertTrue(last.truncation().isPresent());
            assertEquals(2, last.readSummary().selectedDump());
        }
    }
}
