package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Container;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link HprofReader} decodes every record and sub-record the writer can produce, field by field. */
class HprofReaderTest {
    @TempDir
    Path dir;

    /** Records what the reader reports, as strings easy to compare. */
    static final class Recorder implements HprofVisitor {
        final List<String> events = new ArrayList<>();
        final List<ClassDump> classDumps = new ArrayList<>();

        @Override
        public void string(long id, String text) {
            events.add("string " + Long.toHexString(id) + " " + text);
        }

        @Override
        public void loadClass(int classSerial, long classId, int stackTraceSerial, long nameId) {
            events.add("loadClass " + classSerial + " " + Long.toHexString(classId) + " " + stackTraceSerial);
        }

        @Override
        public void stackFrame(long frameId, long methodNameId, long signatureId, long sourceFileId, int classSerial, int line) {
            events.add("frame " + Long.toHexString(frameId) + " class " + classSerial + " line " + line);
        }

        @Override
        public void stackTrace(int serial, int threadSerial, long[] frameIds) {
            events.add("trace " + serial + " thread " + threadSerial + " frames " + frameIds.length);
        }

        @Override
        public void gcRoot(RootKind kind, long objectId, int threadSerial, int frameNumber) {
            events.add("root " + kind + " " + Long.toHexString(objectId) + " " + threadSerial + " " + frameNumber);
        }

        @Override
        public void classDump(ClassDump dump) {
            classDumps.add(dump);
            events.add("class " + Long.toHexString(dump.classId()) + " @" + dump.recordOffset());
        }

        @Override
        public void instance(long id, long classId, long recordOffset, int payloadLength) {
            events.add("instance " + Long.toHexString(id) + " of " + Long.toHexString(classId) + " @" + recordOffset
                    + " " + payloadLength + " bytes");
        }

        @Override
        public void objectArray(long id, long arrayClassId, long recordOffset, int length) {
            events.add("objectArray " + Long.toHexString(id) + " of " + Long.toHexString(arrayClassId) + " @" + recordOffset
                    + " length " + length);
        }

        @Override
        public void primitiveArray(long id, BasicType elementType, long recordOffset, int length) {
            events.add("primitiveArray " + Long.toHexString(id) + " " + elementType + " @" + recordOffset + " length " + length);
        }
    }

    private ReadSummary read(Path file, HprofVisitor visitor, long stopAt) throws Exception {
        try (DumpFile dump = DumpFile.open(file); HprofInput in = dump.openStream()) {
            HprofHeader header = dump.readHeader(in);
            return new HprofReader(in, header, visitor).read(stopAt);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void everyRootKindIsReportedWithItsThreadAndFrame(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        w.rootUnknown(0x11);
        w.rootJniGlobal(0x12, 0x99);
        w.rootJniLocal(0x13, 3, 4);
        w.rootJavaFrame(0x14, 5, 6);
        w.rootNativeStack(0x15, 7);
        w.rootStickyClass(0x16);
        w.rootThreadBlock(0x17, 8);
        w.rootMonitorUsed(0x18);
        w.rootThreadObject(0x19, 9, 10);
        Recorder r = new Recorder();
        ReadSummary summary = read(w.writeTo(dir.resolve("roots.hprof")), r, Long.MAX_VALUE);
        assertEquals(List.of(
                "root UNKNOWN 11 0 -1",
                "root JNI_GLOBAL 12 0 -1",
                "root JNI_LOCAL 13 3 4",
                "root JAVA_FRAME 14 5 6",
                "root NATIVE_STACK 15 7 -1",
                "root STICKY_CLASS 16 0 -1",
                "root THREAD_BLOCK 17 8 -1",
                "root MONITOR_USED 18 0 -1",
                "root THREAD_OBJECT 19 9 10"), r.events);
        assertEquals(9, summary.heapRecords());
        assertEquals(2, summary.topLevelRecords(), "one segment and HEAP DUMP END");
        assertFalse(summary.truncated());
        assertEquals(w.toBytes().length, summary.bytesRead());
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void topLevelRecordsAndObjectsAreReportedWithTheirOffsetsAndLengths(Container container) throws Exception {
        HprofWriter w = MinimalHeap.create(4, "1.0.2");
        Recorder r = new Recorder();
        ReadSummary summary = read(container.write(w, dir.resolve("minimal.hprof")), r, Long.MAX_VALUE);
        List<String> objects = r.events.stream()
                .filter(e -> e.startsWith("instance") || e.startsWith("objectArray") || e.startsWith("primitiveArray"))
                .toList();
        assertEquals(List.of(
                "instance e000100 of f0001c0 @" + w.startOf(MinimalHeap.THREAD) + " 4 bytes",
                "instance e000028 of f000240 @" + w.startOf(MinimalHeap.NODE2) + " 21 bytes",
                "instance e000000 of f000200 @" + w.startOf(MinimalHeap.NODE1) + " 12 bytes",
                "instance e000060 of f0000c0 @" + w.startOf(MinimalHeap.STR) + " 9 bytes",
                "primitiveArray e000080 BYTE @" + w.startOf(MinimalHeap.BYTES) + " length 5",
                "objectArray e0000a0 of f000140 @" + w.startOf(MinimalHeap.ARRAY) + " length 3",
                "objectArray e0000e0 of f000180 @" + w.startOf(MinimalHeap.ARRAY2) + " length 1",
                "instance e000140 of f000080 @" + w.startOf(MinimalHeap.APP_LOADER) + " 4 bytes"), objects);
        assertEquals(10, r.classDumps.size());
        for (ClassDump d : r.classDumps) {
            assertEquals(w.startOf(d.classId()), d.recordOffset());
        }
        assertEquals(List.of("trace 1 thread 1 frames 1"), r.events.stream().filter(e -> e.startsWith("trace")).toList());
        assertEquals(List.of("frame d000010 class 9 line 42"), r.events.stream().filter(e -> e.startsWith("frame")).toList());
        assertEquals("loadClass 1 f000000 0", r.events.stream().filter(e -> e.startsWith("loadClass")).findFirst().orElseThrow());
        assertFalse(summary.truncated());
        assertEquals(MinimalHeap.RECORDS + 12, summary.heapRecords());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void classDumpSkipsConstantsAndReportsStaticsAsRawBitsAndFieldsInOrder(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        w.classDump(0x100).superClass(0x200).loader(0x300).signers(0x400).protectionDomain(0x500).instanceSize(77)
                .constant(1, BasicType.LONG, 5).constant(2, BasicType.OBJECT, 0x600).constant(3, BasicType.BYTE, 1)
                .staticField(0x31, BasicType.OBJECT, 0x700)
                .staticField(0x32, BasicType.BOOLEAN, 1)
                .staticField(0x33, BasicType.CHAR, 'é')
                .staticField(0x34, BasicType.FLOAT, Float.floatToIntBits(1.5f))
                .staticField(0x35, BasicType.DOUBLE, Double.doubleToLongBits(-2.25))
                .staticField(0x36, BasicType.BYTE, 0xFE)
                .staticField(0x37, BasicType.SHORT, 0xFFFE)
                .staticField(0x38, BasicType.INT, -5)
                .staticField(0x39, BasicType.LONG, Long.MIN_VALUE)
                .field(0x41, BasicType.INT).field(0x42, BasicType.OBJECT).field(0x43, BasicType.DOUBLE)
                .write();
        Recorder r = new Recorder();
        read(w.writeTo(dir.resolve("class.hprof")), r, Long.MAX_VALUE);
        ClassDump d = r.classDumps.get(0);
        assertEquals(0x100, d.classId());
        assertEquals(0x200, d.superClassId());
        assertEquals(0x300, d.classLoaderId());
        assertEquals(0x400, d.signersId());
        assertEquals(0x500, d.protectionDomainId());
        assertEquals(77, d.instanceSize());
        assertArrayEquals(new long[] {0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38, 0x39}, d.staticNameIds());
        assertArrayEquals(new BasicType[] {BasicType.OBJECT, BasicType.BOOLEAN, BasicType.CHAR, BasicType.FLOAT,
            BasicType.DOUBLE, BasicType.BYTE, BasicType.SHORT, BasicType.INT, BasicType.LONG}, d.staticTypes());
        assertArrayEquals(new long[] {0x700, 1, 'é', Float.floatToIntBits(1.5f), Double.doubleToLongBits(-2.25), 0xFE,
            0xFFFE, -5, Long.MIN_VALUE}, d.staticValues());
        assertArrayEquals(new long[] {0x41, 0x42, 0x43}, d.fieldNameIds());
        assertArrayEquals(new BasicType[] {BasicType.INT, BasicType.OBJECT, BasicType.DOUBLE}, d.fieldTypes());
        assertEquals(w.startOf(0x100), d.recordOffset());
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void stringsAreUtf8AndUnknownTopLevelRecordsAreSkippedByTheirLength(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        w.string(0x10, "Größe – 大小");
        w.rawRecord(0x0D, new byte[] {1, 2, 3, 4, 5, 6, 7}); // CPU SAMPLES: not used, passed by its length
        w.rawRecord(0x07, new byte[24]); // HEAP SUMMARY
        w.string(0x18, "");
        Recorder r = new Recorder();
        ReadSummary summary = read(w.writeTo(dir.resolve("strings.hprof")), r, Long.MAX_VALUE);
        assertEquals(List.of("string 10 Größe – 大小", "string 18 "), r.events);
        assertEquals(4, summary.topLevelRecords());
        assertNull(summary.truncation(), "no heap dump segments, so no HEAP DUMP END is expected");
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void readingStopsAtTheGivenOffsetBetweenSubRecords(int idSize) throws Exception {
        HprofWriter w = MinimalHeap.create(idSize, "1.0.2");
        Path file = w.writeTo(dir.resolve("minimal.hprof"));
        Recorder r = new Recorder();
        read(file, r, w.startOf(MinimalHeap.STR));
        assertEquals("instance e000000 of f000200 @" + w.startOf(MinimalHeap.NODE1) + " " + (idSize == 8 ? 20 : 12) + " bytes",
                r.events.get(r.events.size() - 1), "NODE1 is the last sub-record before STR");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 64, 1000})
    void chunkedGzipMembersOfAnySizeReadTheSameAsPlain(int blockSize) throws Exception {
        HprofWriter w = MinimalHeap.create(8, "1.0.2");
        Recorder plain = new Recorder();
        read(w.writeTo(dir.resolve("plain.hprof")), plain, Long.MAX_VALUE);
        Recorder chunked = new Recorder();
        read(w.writeChunkedGzipTo(dir.resolve("chunked.hprof.gz"), blockSize), chunked, Long.MAX_VALUE);
        assertEquals(plain.events, chunked.events);
        try (DumpFile dump = DumpFile.open(dir.resolve("chunked.hprof.gz"))) {
            assertFalse(dump.isChunkedGzip(), "unknown until a stream has read the first member's header");
            try (HprofInput in = dump.openStream()) {
                dump.readHeader(in);
            }
            assertTrue(dump.isChunkedGzip());
        }
    }
}
