package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Files that are not usable dumps fail with a specific exception whose message says what is wrong. */
class BadInputTest {
    private static final String ADVICE = ". Give a dump written by jcmd GC.heap_dump, jmap -dump or -XX:+HeapDumpOnOutOfMemoryError";

    @TempDir
    Path dir;

    private static final long OBJECT = 0x1000;
    private static final long THING = 0x1040;
    private static final long THING_1 = 0x2000;

    /** java.lang.Object, com.example.Thing {int n, Object ref} and one Thing, in one open segment. */
    private static HprofWriter base(int idSize) {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        w.defineClass(OBJECT, "java/lang/Object", 0, new String[0]);
        w.defineClass(THING, "com/example/Thing", OBJECT, new String[] {"n", "ref"}, BasicType.INT, BasicType.OBJECT);
        w.instance(THING_1, THING, 5, 0L);
        return w;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Dumps.write(dir, name, bytes);
    }

    private static <T extends Throwable> T assertIndexFails(Class<T> type, Path file) {
        return assertThrows(type, () -> {
            try (HeapSnapshot s = Dumps.index(file)) {
                throw new AssertionError("indexed " + s.objectCount() + " objects");
            }
        });
    }

    // ------------------------------------------------------------------ not readable

    @Test
    void missingFileIsNotReadableAndSaysItDoesNotExist() {
        Path file = dir.resolve("nope.hprof");
        DumpNotReadableException e = assertThrows(DumpNotReadableException.class, () -> DumpFile.open(file));
        assertEquals(file + " does not exist: check the path to the heap dump", e.getMessage());
    }

    @Test
    void directoryIsNotReadableAndSaysToGiveTheFileItself() {
        DumpNotReadableException e = assertThrows(DumpNotReadableException.class, () -> DumpFile.open(dir));
        assertEquals(dir + " is a directory, not a heap dump file: give the .hprof file itself", e.getMessage());
    }

    // ------------------------------------------------------------------ not HPROF

    @Test
    void emptyFileIsNotHprofAndSaysItIsEmpty() throws Exception {
        Path file = write("empty.hprof", new byte[0]);
        NotHprofException e = assertThrows(NotHprofException.class, () -> DumpFile.open(file));
        assertEquals(file + " is empty (0 bytes): the dump was not written; take it again", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3})
    void randomBytesAreNotHprof(int seed) throws Exception {
        byte[] bytes = new byte[4096];
        new Random(seed).nextBytes(bytes);
        bytes[0] = (byte) 0x80; // not a printable character, and not the gzip magic
        Path file = write("random.hprof", bytes);
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertEquals(file + " is not an HPROF heap dump: it does not start with 'JAVA PROFILE 1.0.x'" + ADVICE, e.getMessage());
    }

    @Test
    void textFileIsNotHprof() throws Exception {
        Path file = write("notes.txt", "this is a text file, not a heap dump\nsecond line\n".getBytes(StandardCharsets.US_ASCII));
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertEquals(file + " is not an HPROF heap dump: it does not start with 'JAVA PROFILE 1.0.x'" + ADVICE, e.getMessage());
    }

    @Test
    void shortTextEndingWithANewlineIsNotHprof() throws Exception {
        Path file = write("short.txt", "hello\n".getBytes(StandardCharsets.US_ASCII));
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertTrue(e.getMessage().contains("it does not start with 'JAVA PROFILE 1.0.x'"), e.getMessage());
    }

    @Test
    void nulTerminatedTextOtherThanJavaProfileIsNotHprofAndQuotesWhatItStartsWith() throws Exception {
        Path file = write("other.bin", "MY FORMAT 2\0rest".getBytes(StandardCharsets.US_ASCII));
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertEquals(file + " is not an HPROF heap dump: it starts with 'MY FORMAT 2' instead of 'JAVA PROFILE 1.0.x'"
                + ADVICE, e.getMessage());
    }

    @Test
    void gzipOfATextFileIsNotHprofAndSaysItIsAGzipFile() throws Exception {
        Path file = write("notes.txt.gz", HprofWriter.gzip("just some text\nand more\n".getBytes(StandardCharsets.US_ASCII)));
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertEquals(file + " is a gzip file whose content is not an HPROF heap dump: it does not start with"
                + " 'JAVA PROFILE 1.0.x'" + ADVICE, e.getMessage());
    }

    @Test
    void gzipMagicFollowedByGarbageIsNotHprof() throws Exception {
        byte[] bytes = new byte[64];
        new Random(7).nextBytes(bytes);
        bytes[0] = 0x1f;
        bytes[1] = (byte) 0x8b;
        bytes[2] = 0; // not deflate
        Path file = write("fake.gz", bytes);
        NotHprofException e = assertIndexFails(NotHprofException.class, file);
        assertTrue(e.getMessage().startsWith(file + " is a gzip file whose content is not an HPROF heap dump: it starts like"
                + " gzip but its compressed data cannot be read"), e.getMessage());
    }

    // ------------------------------------------------------------------ unsupported

    @Test
    void javaProfile103IsUnsupportedAndNamesTheVersionsThatAre() throws Exception {
        Path file = MinimalHeap.create(8, "1.0.3").writeTo(dir.resolve("v103.hprof"));
        UnsupportedHprofException e = assertIndexFails(UnsupportedHprofException.class, file);
        assertEquals(file + " is 'JAVA PROFILE 1.0.3': Heap Triage reads HotSpot dumps (JAVA PROFILE 1.0.1 and 1.0.2);"
                + " convert Android dumps with hprof-conv", e.getMessage());
    }

    @Test
    void identifierSize5IsUnsupportedAndCalledDamage() throws Exception {
        Path file = HprofWriter.create(5, "1.0.2").writeTo(dir.resolve("id5.hprof"));
        UnsupportedHprofException e = assertIndexFails(UnsupportedHprofException.class, file);
        assertEquals(file + " declares 5-byte identifiers; only 4 and 8 are valid HPROF identifier sizes, so the file is"
                + " damaged", e.getMessage());
    }

    @Test
    void gzippedJavaProfile103IsUnsupportedToo() throws Exception {
        Path file = dir.resolve("v103.hprof.gz");
        MinimalHeap.create(4, "1.0.3").writeChunkedGzipTo(file, 100);
        UnsupportedHprofException e = assertIndexFails(UnsupportedHprofException.class, file);
        assertTrue(e.getMessage().contains("'JAVA PROFILE 1.0.3'"), e.getMessage());
    }

    // ------------------------------------------------------------------ corrupt structure

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void instanceWhoseLengthPointsPastItsSegmentIsCorrupt(int idSize) throws Exception {
        HprofWriter w = base(idSize);
        w.instanceRaw(0x2040, 0, THING, 1000, new byte[4 + idSize]);
        w.rootStickyClass(OBJECT); // more of the segment after it, so only the length is wrong
        byte[] bytes = w.toBytes();
        Path file = write("longinstance.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": INSTANCE DUMP sub-record declares 1000 bytes of content, past the end of its HEAP DUMP"
                + " SEGMENT record (which ends at byte " + (w.heapDumpEndOffset()) + "); its length field is damaged"
                + " (at byte " + w.startOf(0x2040) + " of the uncompressed dump)", e.getMessage());
        assertEquals(w.startOf(0x2040), e.offset());
    }

    @Test
    void objectArrayWhoseLengthPointsPastItsSegmentIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        long arrayClass = w.defineClass(0x1080, "[Ljava/lang/Object;", OBJECT, new String[0]);
        w.objectArray(0x2040, arrayClass, THING_1);
        byte[] bytes = w.toBytes();
        long start = w.startOf(0x2040);
        patchU4(bytes, start + 1 + 8 + 4, 100); // the element count
        Path file = write("longarray.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": OBJECT ARRAY DUMP sub-record declares 800 bytes of content, past the end of its HEAP DUMP"
                + " SEGMENT record (which ends at byte " + w.heapDumpEndOffset() + "); its length field is damaged"
                + " (at byte " + start + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void primitiveArrayWhoseLengthPointsPastItsSegmentIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.defineClass(0x1080, "[I", OBJECT, new String[0]);
        w.primitiveArrayRaw(0x2040, BasicType.INT.code, 1_000_000, new byte[8]);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("longints.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: PRIMITIVE ARRAY DUMP sub-record declares 4000000 bytes of content,"
                + " past the end of its HEAP DUMP SEGMENT record"), e.getMessage());
        assertEquals(w.startOf(0x2040), e.offset());
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x24, 0x99, 0xFE})
    void unknownSubRecordTagIsCorruptAndNamesTheTag(int tag) throws Exception {
        HprofWriter w = base(8);
        w.endSegment();
        w.rawSubRecord(new byte[] {(byte) tag, 1, 2, 3, 4, 5, 6, 7, 8});
        byte[] bytes = w.toBytes();
        long at = w.heapRecordStarts().get(1) + 9;
        Path file = write("tag.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": unknown heap dump sub-record tag 0x" + Integer.toHexString(tag) + " in the HEAP DUMP SEGMENT"
                + " record at byte " + w.heapRecordStarts().get(1) + "; the dump is damaged or not written by a HotSpot"
                + " JVM (at byte " + at + " of the uncompressed dump)", e.getMessage());
        assertEquals(at, e.offset());
    }

    @Test
    void instanceOfAClassWithoutClassDumpIsCorruptAndNamesTheClass() throws Exception {
        HprofWriter w = base(8);
        w.instanceRaw(0x2040, 0, 0x0BAD_0000L, -1, new byte[12]);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("noclass.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: objects refer to class 0xbad0000, which the dump never defines (no CLASS DUMP"
                + " record); the dump is damaged"), e.getMessage());
    }

    @Test
    void objectArrayOfAClassWithoutClassDumpIsCorrupt() throws Exception {
        HprofWriter w = base(4);
        w.objectArray(0x2040, 0x0BAD_0000L, THING_1);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("noarrayclass.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains("class 0xbad0000, which the dump never defines"), e.getMessage());
    }

    @Test
    void twoObjectsAtTheSameAddressAreCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.instance(THING_1, THING, 6, 0L);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("dup.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: two objects have the same address 0x2000; the dump is damaged"), e.getMessage());
    }

    @Test
    void classDumpWithAnUnknownFieldTypeIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.classDump(0x1080).superClass(OBJECT).field(w.stringId("f"), BasicType.INT).write();
        byte[] bytes = w.toBytes();
        bytes[(int) w.endOf(0x1080) - 1] = 3; // the field's type code
        Path file = write("fieldtype.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": CLASS DUMP sub-record has a field of unknown type 3; the dump is damaged (at byte "
                + w.startOf(0x1080) + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void primitiveArrayOfObjectElementsIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.primitiveArrayRaw(0x2040, BasicType.OBJECT.code, 1, new byte[8]);
        Path file = write("objprim.hprof", w.toBytes());
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": PRIMITIVE ARRAY DUMP sub-record of unknown element type 2; the dump is damaged (at byte "
                + w.startOf(0x2040) + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void subRecordRunningPastTheEndOfItsSegmentIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.rootStickyClass(OBJECT);
        w.rootMonitorUsed(THING_1);
        byte[] bytes = w.toBytes();
        long segment = w.heapRecordStarts().get(0);
        long segmentBodyStart = segment + 9;
        long segmentLength = w.heapDumpEndOffset() - segmentBodyStart;
        patchU4(bytes, segment + 5, segmentLength - 4); // the monitor root's id now ends 4 bytes past the segment
        Path file = write("pastsegment.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": a heap dump sub-record runs past the end of its HEAP DUMP SEGMENT record (which starts at"
                + " byte " + segment + "); the dump is damaged (at byte " + (segmentBodyStart + segmentLength - 4)
                + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void classDumpRunningPastTheEndOfItsSegmentIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.endSegment();
        w.classDump(0x1080).superClass(OBJECT).field(w.stringId("f"), BasicType.INT).write();
        w.endSegment();
        w.rootStickyClass(OBJECT);
        byte[] bytes = w.toBytes();
        long segment = w.heapRecordStarts().get(1);
        patchU4(bytes, segment + 5, w.endOf(0x1080) - (segment + 9) - 3); // the segment ends inside the field list
        Path file = write("classpast.hprof", bytes);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertEquals(file + ": CLASS DUMP sub-record's count of instance fields (1) needs at least 9 bytes, more than the 6"
                + " left in its HEAP DUMP SEGMENT record; the dump is damaged (at byte " + w.startOf(0x1080)
                + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void stringRecordShorterThanAnIdentifierIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.rawRecord(HprofWriter.TAG_STRING, new byte[] {0, 0, 0, 1});
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("shortstring.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: STRING record declares 4 bytes, fewer than its 8-byte identifier;"
                + " its length field is damaged (at byte "), e.getMessage());
    }

    @Test
    void stackTraceWithMoreFramesThanItsRecordHoldsIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        w.rawRecord(HprofWriter.TAG_STACK_TRACE, new byte[] {0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 100});
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("trace.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: STACK TRACE record declares 12 bytes, which do not hold its 100 frames;"
                + " the record is damaged"), e.getMessage());
    }

    @Test
    void topLevelRecordWhoseContentIsLongerThanItsLengthIsCorrupt() throws Exception {
        HprofWriter w = base(8);
        // LOAD CLASS is u4 + id + u4 + id = 24 bytes with 8-byte ids; declare only 8
        w.rawRecord(HprofWriter.TAG_LOAD_CLASS, new byte[8]);
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, write("loadclass.hprof", w.toBytes()));
        assertTrue(e.getMessage().contains(".hprof: LOAD CLASS record declares 8 bytes, but with 8-byte identifiers it"
                + " always has 24; its length field is damaged"), e.getMessage());
    }

    @Test
    void instanceShorterThanItsClassLayoutGetsNoReferenceFromTheNextRecordsBytes() throws Exception {
        HprofWriter w = HprofWriter.create(4, "1.0.2");
        w.defineClass(OBJECT, "java/lang/Object", 0, new String[0]);
        w.defineClass(THING, "com/example/Holder", OBJECT, new String[] {"ref"}, BasicType.OBJECT);
        w.instanceRaw(0x2000, 0, THING, 0, new byte[0]); // declares no field bytes, its class has a reference
        w.instance(0x3000, THING, 0L); // its record starts 21 00 00 30 00: read as an id that is 0x21000030
        w.instance(0x21000030L, THING, 0L);
        Path file = write("short.hprof", w.toBytes());
        try (HeapSnapshot s = Dumps.index(file)) {
            int shortOne = s.indexOf(0x2000);
            assertEquals(java.util.List.of(), s.instance(shortOne).fields());
            assertEquals(1, Dumps.outbound(s, shortOne).length, "only the class edge, not an edge to 0x21000030");
        } catch (CorruptHprofException acceptable) {
            assertTrue(acceptable.getMessage().contains("instance"), acceptable.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void aSuperclassLoopIsCorruptInsteadOfAHang(boolean selfLoop) throws Exception {
        HprofWriter w = base(8);
        long a = 0x1080;
        long b = selfLoop ? a : 0x10C0;
        w.defineClass(a, "com/example/A", b, new String[] {"f"}, BasicType.OBJECT);
        if (!selfLoop) {
            w.defineClass(b, "com/example/B", a, new String[] {"g"}, BasicType.OBJECT);
        }
        w.instanceRaw(0x3000, 0, a, 16, new byte[16]); // raw: the writer's own layout walk would loop too
        Path file = write("loop.hprof", w.toBytes());
        CorruptHprofException e = assertIndexFails(CorruptHprofException.class, file);
        assertTrue(e.getMessage().startsWith(file + ": the superclass chain of class com.example."), e.getMessage());
        assertTrue(e.getMessage().contains("loops back through com.example."), e.getMessage());
    }

    private static void patchU4(byte[] bytes, long at, long value) {
        int p = Math.toIntExact(at);
        bytes[p] = (byte) (value >>> 24);
        bytes[p + 1] = (byte) (value >>> 16);
        bytes[p + 2] = (byte) (value >>> 8);
        bytes[p + 3] = (byte) value;
    }
}
