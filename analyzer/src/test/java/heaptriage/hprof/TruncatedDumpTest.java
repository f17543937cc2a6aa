package heaptriage.hprof;

import static heaptriage.testing.MinimalHeap.ARRAY;
import static heaptriage.testing.MinimalHeap.BYTES;
import static heaptriage.testing.MinimalHeap.C_NODE;
import static heaptriage.testing.MinimalHeap.C_OBJECT;
import static heaptriage.testing.MinimalHeap.NODE1;
import static heaptriage.testing.MinimalHeap.NODE2;
import static heaptriage.testing.MinimalHeap.STR;
import static heaptriage.testing.MinimalHeap.THREAD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.InstanceView;
import heaptriage.report.WarningSentences;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Container;
import heaptriage.testing.HprofWriter.Span;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A dump cut short (the JVM died while writing it, the disk filled, the copy stopped) must still be analysed:
 * the objects before the cut are all there, the partial record is dropped, and the snapshot says where the cut
 * is. Cuts of the HPROF bytes are tried in plain files and inside complete gzip files; cuts of the gzip bytes
 * themselves are tried for single-member and chunked gzip files.
 */
class TruncatedDumpTest {
    @TempDir
    Path dir;

    private static HprofWriter minimal(int idSize) {
        HprofWriter w = MinimalHeap.create(idSize, "1.0.2");
        w.toBytes();
        return w;
    }

    private HeapSnapshot indexCut(HprofWriter w, long cut, Container container) throws Exception {
        byte[] bytes = Dumps.cut(w.toBytes(), cut);
        return Dumps.index(Dumps.write(dir, "cut-" + cut + "-" + container + ".hprof", container.encode(bytes)));
    }

    /** Exactly the class dumps, instances and arrays that end at or before validEnd are objects of the snapshot. */
    private static void assertObjectsBeforeTheCutArePresent(HprofWriter w, HeapSnapshot s) {
        long validEnd = s.truncation().orElseThrow().validEnd();
        int present = 0;
        for (Span span : w.spans()) {
            if (span.id() == -1) {
                continue; // roots
            }
            boolean complete = span.end() <= validEnd;
            assertEquals(complete, s.indexOf(span.id()) >= 0,
                    "object 0x" + Long.toHexString(span.id()) + " ending at " + span.end() + ", valid end " + validEnd);
            present += complete ? 1 : 0;
        }
        assertEquals(present + 1, s.objectCount(), "records before the cut plus the boot loader pseudo object");
    }

    /** The cut is reported inside the record that starts at recordStart, at or before the end of the data. */
    private static void assertCutInside(Truncation t, long recordStart, long dataEnd) {
        assertTrue(t.cutAt() > recordStart && t.cutAt() <= dataEnd,
                "cut reported at " + t.cutAt() + ", expected in (" + recordStart + ", " + dataEnd + "]");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void truncatedMidInstanceKeepsEarlierObjectsAndReportsTheCut(Container container) throws Exception {
        HprofWriter w = minimal(8);
        long start = w.startOf(NODE1);
        long cut = start + 1 + 8 + 4 + 8 + 4 + 3; // three bytes into NODE1's fields
        try (HeapSnapshot s = indexCut(w, cut, container)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(start, t.validEnd());
            assertCutInside(t, start, cut);
            assertEquals("INSTANCE DUMP sub-record (0x21) starting at byte " + start, t.cutRecord());
            assertEquals(w.heapDumpEndOffset() - t.cutAt(), t.missingBytesOfCutRecord(), "the rest of the segment");
            assertTrue(t.heapDumpEndMissing());
            assertNull(t.damage());
            assertTrue(WarningSentences.truncation(t).startsWith("dump is truncated at byte " + t.cutAt() + " inside INSTANCE DUMP sub-record (0x21)"
                    + " starting at byte " + start), WarningSentences.truncation(t));
            assertObjectsBeforeTheCutArePresent(w, s);
            assertEquals(1 + 10 + 2, s.objectCount()); // pseudo loader, all classes, THREAD and NODE2
            assertEquals(-1, s.indexOf(NODE1));
            // what survived is fully usable, and references into the lost part are counted, not followed
            assertEquals(42, s.instance(s.indexOf(NODE2)).longValue("extra"));
            assertEquals(InstanceView.MISSING, s.instance(s.indexOf(THREAD)).ref("name"), "STR was after the cut: unknown, not null");
            assertEquals(2, s.danglingReferences(), "THREAD.name -> STR and Node.ROOT -> NODE1");
            ClassHistogram h = ClassHistogram.of(s);
            assertEquals(0, h.instancesOf("com.example.Node"));
            assertEquals(1, h.instancesOf("com.example.SpecialNode"));
            assertEquals(1, h.instancesOf("java.lang.Thread"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void truncatedMidObjectArrayDropsTheArrayAndKeepsWhatCameBefore(int idSize) throws Exception {
        HprofWriter w = minimal(idSize);
        long start = w.startOf(ARRAY);
        long cut = start + 1 + idSize + 4 + 4 + idSize + idSize + 2; // inside the second element
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(start, t.validEnd());
            assertCutInside(t, start, cut);
            assertEquals("OBJECT ARRAY DUMP sub-record (0x22) starting at byte " + start, t.cutRecord());
            assertObjectsBeforeTheCutArePresent(w, s);
            assertEquals(1 + 10 + 5, s.objectCount());
            assertEquals(-1, s.indexOf(ARRAY));
            assertEquals("hello", s.stringValue(s.indexOf(STR)), "the String and its byte[] came before the cut");
            assertEquals(s.indexOf(NODE2), s.instance(s.indexOf(NODE1)).ref("next"));
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void truncatedMidClassDumpKeepsTheEarlierClasses(int idSize) throws Exception {
        HprofWriter w = minimal(idSize);
        long start = w.startOf(C_NODE);
        long cut = start + 1 + idSize + 4 + 3; // inside the super class id
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(start, t.validEnd());
            assertCutInside(t, start, cut);
            assertEquals("CLASS DUMP sub-record (0x20) starting at byte " + start, t.cutRecord());
            assertObjectsBeforeTheCutArePresent(w, s);
            assertEquals(1 + 8, s.objectCount());
            ClassHistogram h = ClassHistogram.of(s);
            assertEquals(8, h.instancesOf("java.lang.Class"));
            assertEquals(1, h.instancesOf("java.lang.ClassLoader"));
            assertEquals(8, s.classes().size());
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void truncatedExactlyBeforeHeapDumpEndKeepsEveryObjectAndSaysTheEndIsMissing(Container container) throws Exception {
        HprofWriter w = minimal(4);
        long cut = w.heapDumpEndOffset();
        try (HeapSnapshot s = indexCut(w, cut, container)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(cut, t.validEnd());
            assertEquals(cut, t.cutAt());
            assertEquals(0, t.missingBytesOfCutRecord());
            assertTrue(t.heapDumpEndMissing());
            assertEquals("dump is truncated: it has no HEAP DUMP END record after byte " + cut
                    + "; everything after the cut is lost, so counts and sizes are lower bounds", WarningSentences.truncation(t));
            assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
            assertEquals(0, s.danglingReferences());
            assertEquals("hello", s.instance(s.indexOf(NODE1)).string("name"));
        }
    }

    @Test
    void truncatedBetweenTwoSubRecordsKeepsBothSidesOfTheBoundaryApart() throws Exception {
        HprofWriter w = minimal(8);
        long cut = w.startOf(STR); // == end of NODE1
        assertEquals(w.endOf(NODE1), cut);
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(cut, t.validEnd());
            assertTrue(t.cutAt() >= t.validEnd());
            assertTrue(t.heapDumpEndMissing());
            assertObjectsBeforeTheCutArePresent(w, s);
            assertTrue(s.indexOf(NODE1) >= 0);
            assertEquals(-1, s.indexOf(STR));
            assertEquals(InstanceView.MISSING, s.instance(s.indexOf(NODE1)).ref("name"));
        }
    }

    @Test
    void truncatedInsideASegmentHeaderKeepsEverythingBeforeTheSegment() throws Exception {
        HprofWriter w = MinimalHeap.write(HprofWriter.create(8, "1.0.2").maxSegmentBytes(1)); // one sub-record each
        w.toBytes();
        long segmentStart = w.startOf(NODE1) - 9;
        long cut = segmentStart + 5; // in the segment's length field
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(segmentStart, t.validEnd());
            assertTrue(t.cutAt() > segmentStart && t.cutAt() <= cut);
            assertObjectsBeforeTheCutArePresent(w, s);
            assertEquals(-1, s.indexOf(NODE1));
            assertTrue(s.indexOf(NODE2) >= 0);
        }
    }

    @Test
    void aDumpCutRightAfterItsFirstClassDumpStillIndexesThatClass() throws Exception {
        HprofWriter w = minimal(8);
        long cut = w.endOf(C_OBJECT);
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            assertEquals(cut, s.truncation().orElseThrow().validEnd());
            assertEquals(2, s.objectCount());
            assertEquals("java.lang.Object", s.describedClass(s.indexOf(C_OBJECT)).name());
            assertEquals("java.lang.Class", s.classOf(s.indexOf(C_OBJECT)).name(), "implied, as MAT does");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 20})
    void truncatedBeforeAnyCompleteObjectIsACorruptDumpWithAClearMessage(int bytesIntoFirstClassDump) throws Exception {
        HprofWriter w = minimal(8);
        long cut = w.startOf(C_OBJECT) + bytesIntoFirstClassDump;
        Path file = Dumps.write(dir, "early.hprof", Dumps.cut(w.toBytes(), cut));
        CorruptHprofException e = assertThrows(CorruptHprofException.class, () -> Dumps.index(file));
        assertEquals(file + ": nothing to analyse: the file ends at byte " + cut + " inside the CLASS DUMP sub-record (0x20)"
                + " starting at byte " + w.startOf(C_OBJECT) + ", before any complete heap object: it was cut while being"
                + " written or copied; take or copy the dump again", e.getMessage());
    }

    @Test
    void truncatedInsideTheTopLevelRecordsIsACorruptDumpWithAClearMessage() throws Exception {
        HprofWriter w = minimal(8);
        long cut = w.headerLength() + 12; // inside the first STRING record
        Path file = Dumps.write(dir, "early.hprof", Dumps.cut(w.toBytes(), cut));
        CorruptHprofException e = assertThrows(CorruptHprofException.class, () -> Dumps.index(file));
        assertEquals(file + ": nothing to analyse: the file ends at byte " + cut + " inside the STRING record (0x1)"
                + " starting at byte " + w.headerLength() + ", before any complete heap object: it was cut while being"
                + " written or copied; take or copy the dump again", e.getMessage());
    }

    @Test
    void aDumpWithoutHeapRecordsIsACorruptDumpThatSaysSo() throws Exception {
        HprofWriter w = minimal(8);
        long cut = w.heapRecordStarts().get(0); // every top-level record complete, no heap dump at all
        Path file = Dumps.write(dir, "noheap.hprof", Dumps.cut(w.toBytes(), cut));
        CorruptHprofException e = assertThrows(CorruptHprofException.class, () -> Dumps.index(file));
        assertTrue(e.getMessage().contains("it holds no heap dump records"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 18, 19, 30})
    void truncatedInsideTheHeaderIsNotAHeapDump(int cut) throws Exception {
        HprofWriter w = minimal(8);
        assertEquals(31, w.headerLength());
        Path file = Dumps.write(dir, "header.hprof", Dumps.cut(w.toBytes(), cut));
        NotHprofException e = assertThrows(NotHprofException.class, () -> Dumps.index(file));
        String expected = cut == 0 ? "is empty (0 bytes)" : cut <= 18 ? "it ends before its header does" : "it ends inside its header";
        assertTrue(e.getMessage().contains(expected), e.getMessage());
    }

    // ------------------------------------------------------------------ cuts of the compressed bytes

    /** The minimal heap followed by enough varied nodes that gzip cuts land well inside the heap. */
    private static HprofWriter biggerHeap() {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        MinimalHeap.writeClasses(w);
        MinimalHeap.writeInstances(w);
        Random random = new Random(42);
        long previous = 0;
        for (int i = 0; i < 400; i++) {
            long id = 0x1000_0000L + 40L * i;
            w.instance(id, C_NODE, previous, random.nextInt(), STR);
            previous = id;
        }
        MinimalHeap.writeRoots(w);
        MinimalHeap.writeStack(w);
        w.toBytes();
        return w;
    }

    /** How many bytes the gzip members in these (possibly cut or damaged) bytes inflate to, as far as they go. */
    private static long inflatedLength(byte[] gz) {
        long total = 0;
        int p = 0;
        while (p + 10 <= gz.length) {
            int flags = gz[p + 3] & 0xFF;
            p += 10;
            if ((flags & 0x10) != 0) {
                while (p < gz.length && gz[p] != 0) {
                    p++;
                }
                p++;
            }
            Inflater inf = new Inflater(true);
            inf.setInput(gz, p, Math.max(0, gz.length - p));
            byte[] out = new byte[1 << 16];
            try {
                while (!inf.finished()) {
                    int n = inf.inflate(out);
                    total += n;
                    if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
                        return total;
                    }
                }
            } catch (DataFormatException e) {
                return total;
            } finally {
                p = gz.length - inf.getRemaining() + 8;
                inf.end();
            }
        }
        return total;
    }

    /** End of the last complete sub-record within the first n bytes. */
    private static long lastCompleteEnd(HprofWriter w, long n) {
        return w.spans().stream().mapToLong(Span::end).filter(e -> e <= n).max().orElseThrow();
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.35, 0.6, 0.9})
    void singleGzipCutMidMemberKeepsTheObjectsInflatedBeforeTheCut(double fraction) throws Exception {
        HprofWriter w = biggerHeap();
        byte[] gz = HprofWriter.gzip(w.toBytes());
        byte[] cutGz = Arrays.copyOf(gz, (int) (gz.length * fraction));
        long inflated = inflatedLength(cutGz);
        assertTrue(inflated > w.endOf(0x1000_0000L) && inflated < w.heapDumpEndOffset(), "cut lands in the nodes");
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "cut.hprof.gz", cutGz))) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(lastCompleteEnd(w, inflated), t.validEnd());
            assertTrue(t.cutAt() > t.validEnd() && t.cutAt() <= inflated, t.toString());
            assertTrue(t.heapDumpEndMissing());
            assertNull(t.damage(), "a cut file is not damaged data");
            assertObjectsBeforeTheCutArePresent(w, s);
            int last = s.indexOf(0x1000_0000L);
            assertEquals(s.indexOf(STR), s.instance(last).ref("name"));
            assertEquals("hello", s.instance(last).string("name"));
            assertFalse(s.dump().isChunkedGzip());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 7})
    void chunkedGzipCutMidMemberKeepsEveryCompleteMemberAndWhatInflatedOfTheCutOne(int bytesIntoMember) throws Exception {
        HprofWriter w = biggerHeap();
        int block = 256;
        byte[] hprof = w.toBytes();
        byte[] gz = HprofWriter.chunkedGzip(hprof, block);
        long[] members = HprofWriter.chunkedGzipMemberStarts(hprof, block);
        int k = members.length / 2;
        int headerBytes = 10; // members after the first carry no comment
        byte[] cutGz = Arrays.copyOf(gz, (int) members[k] + (bytesIntoMember == 0 ? 0 : headerBytes + bytesIntoMember));
        long inflated = inflatedLength(cutGz);
        assertTrue(inflated >= (long) k * block && inflated < (long) (k + 1) * block, "inflated " + inflated);
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "cut-chunked.hprof.gz", cutGz))) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(lastCompleteEnd(w, inflated), t.validEnd());
            assertTrue(t.cutAt() > t.validEnd() && t.cutAt() <= inflated, t.toString());
            assertNull(t.damage());
            assertObjectsBeforeTheCutArePresent(w, s);
            assertTrue(s.dump().isChunkedGzip(), "the first member's comment was seen");
            int node1 = s.indexOf(NODE1);
            assertEquals(1, s.instance(node1).intValue("x"));
            assertEquals("hello", s.instance(node1).string("name"));
        }
    }

    @Test
    void damagedChunkedGzipMemberEndsTheDataThereAndTheTruncationSaysWhy() throws Exception {
        HprofWriter w = biggerHeap();
        int block = 256;
        byte[] hprof = w.toBytes();
        byte[] gz = HprofWriter.chunkedGzip(hprof, block);
        long[] members = HprofWriter.chunkedGzipMemberStarts(hprof, block);
        int k = members.length / 2;
        gz[(int) members[k] + 10] = (byte) 0xFF; // deflate block type 3 is reserved: the inflater must reject it
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "damaged.hprof.gz", gz))) {
            Truncation t = s.truncation().orElseThrow();
            assertEquals(lastCompleteEnd(w, (long) k * block), t.validEnd());
            assertNotNull(t.damage());
            assertTrue(t.damage().startsWith("gzip data is damaged near compressed byte "), t.damage());
            assertTrue(WarningSentences.truncation(t).contains(t.damage()), WarningSentences.truncation(t));
            assertObjectsBeforeTheCutArePresent(w, s);
            assertEquals("hello", s.stringValue(s.indexOf(STR)));
        }
    }

    @Test
    void describeNamesTheCutRecordAndHowManyBytesItLacks() throws Exception {
        HprofWriter w = minimal(8);
        long start = w.startOf(BYTES);
        long cut = start + 1 + 8 + 4 + 4 + 1 + 2; // two of the five bytes of "hello"
        try (HeapSnapshot s = indexCut(w, cut, Container.PLAIN)) {
            Truncation t = s.truncation().orElseThrow();
            assertCutInside(t, start, cut);
            assertEquals("dump is truncated at byte " + t.cutAt() + " inside PRIMITIVE ARRAY DUMP sub-record (0x23) starting at byte " + start
                    + " (that record alone is missing " + (w.heapDumpEndOffset() - t.cutAt()) + " bytes); the partial record"
                    + " was dropped; everything after the cut is lost, so counts and sizes are lower bounds", WarningSentences.truncation(t));
            assertNull(s.stringValue(s.indexOf(STR)), "its byte[] value was cut off");
        }
    }
}
