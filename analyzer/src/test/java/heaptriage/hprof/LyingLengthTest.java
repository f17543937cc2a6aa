package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Span;
import heaptriage.testing.MinimalHeap;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A length field that lies (a flipped bit, a writer bug) is found before anything is allocated or skipped by it:
 * in every record and sub-record kind, in plain and gzip files, the index fails with one line that names the file,
 * the record kind and its offset, and never runs out of memory or calls it a cut.
 */
class LyingLengthTest {
    private static final long[] LIES = {0x7FFF_FFF0L, 0xFFFF_FFFFL, 0x0100_0000L};
    /** The same for the u2 counts of a class dump. */
    private static final long[] SHORT_LIES = {0xFFF0, 0xFFFF, 0x8000};
    /** Far more than indexing this small dump needs, far less than what any of the lies would cost if believed. */
    private static final long ALLOCATION_LIMIT = 256L << 20;

    @TempDir
    Path dir;

    /** Where a length field lies in the test dump: the record's kind and start, and the field's offset and width. */
    record LengthField(String kind, long recordStart, long fieldOffset, int width) {
        @Override
        public String toString() {
            return kind + " at " + recordStart;
        }
    }

    static HprofWriter dump(int idSize) {
        HprofWriter w = MinimalHeap.create(idSize, "1.0.2");
        w.toBytes();
        return w;
    }

    /** The length field of every top-level record kind the dump has, and of every sub-record kind with one. */
    static List<LengthField> lengthFields(HprofWriter w) {
        byte[] bytes = w.toBytes();
        int id = w.idSize();
        List<LengthField> fields = new ArrayList<>();
        List<Integer> seenTags = new ArrayList<>();
        long at = w.headerLength();
        while (at < bytes.length) {
            int tag = bytes[(int) at] & 0xFF;
            long length = u4(bytes, at + 5);
            if (!seenTags.contains(tag)) {
                seenTags.add(tag);
                fields.add(new LengthField(HprofTag.of(tag).toString(), at, at + 5, 4));
            }
            at += 9 + length;
        }
        for (HeapDumpTag kind : List.of(HeapDumpTag.INSTANCE_DUMP, HeapDumpTag.OBJECT_ARRAY_DUMP,
                HeapDumpTag.PRIMITIVE_ARRAY_DUMP)) {
            Span s = w.spans().stream().filter(x -> x.tag() == kind.tag).findFirst().orElseThrow();
            long field = kind == HeapDumpTag.INSTANCE_DUMP ? s.start() + 1 + id + 4 + id : s.start() + 1 + id + 4;
            fields.add(new LengthField(kind.toString(), s.start(), field, 4));
        }
        // a class dump's counts: its constant pool (the first u2 after the fixed part) and its instance fields (last)
        Span node = w.span(MinimalHeap.C_NODE);
        fields.add(new LengthField(HeapDumpTag.CLASS_DUMP.toString(), node.start(), node.start() + 1 + id + 4 + 6L * id + 4, 2));
        fields.add(new LengthField(HeapDumpTag.CLASS_DUMP.toString(), node.start(), node.end() - 3L * (id + 1) - 2, 2));
        return fields;
    }

    static Stream<Arguments> everyLengthField() {
        List<Arguments> args = new ArrayList<>();
        for (int idSize : new int[] {8, 4}) {
            for (LengthField f : lengthFields(dump(idSize))) {
                for (boolean gzip : new boolean[] {false, true}) {
                    args.add(Arguments.of(idSize, f, gzip));
                }
            }
        }
        return args.stream();
    }

    @ParameterizedTest(name = "{0}-byte ids, {1}, gzip {2}")
    @MethodSource("everyLengthField")
    void aLyingLengthIsDamageNamedWithItsFileRecordAndOffset(int idSize, LengthField field, boolean gzip) throws Exception {
        for (long lie : field.width() == 2 ? SHORT_LIES : LIES) {
            byte[] bytes = dump(idSize).toBytes();
            patch(bytes, field.fieldOffset(), field.width(), lie);
            Path file = Dumps.write(dir, "lie-" + Long.toHexString(lie) + (gzip ? ".hprof.gz" : ".hprof"),
                    gzip ? HprofWriter.gzip(bytes) : bytes);
            long allocatedBefore = allocatedBytes();
            CorruptHprofException e = assertThrows(CorruptHprofException.class, () -> {
                try (HeapSnapshot s = Dumps.index(file)) {
                    throw new AssertionError("indexed " + s.objectCount() + " objects with a lying " + field);
                }
            }, field + " lying 0x" + Long.toHexString(lie));
            long allocated = allocatedBytes() - allocatedBefore;
            String message = e.getMessage();
            assertTrue(message.startsWith(file + ": "), message);
            assertFalse(message.contains("\n"), message);
            assertTrue(message.contains(field.kind()), "names the record kind: " + message);
            assertTrue(message.contains("at byte " + field.recordStart()), "names the record's offset: " + message);
            assertFalse(message.contains("cut") || message.contains("truncated"), "damage is not a cut: " + message);
            assertTrue(allocated < ALLOCATION_LIMIT, "allocated " + allocated + " bytes for " + message);
        }
    }

    @Test
    void everyRecordAndLengthCarryingSubRecordKindIsTried() {
        List<String> kinds = lengthFields(dump(8)).stream().map(LengthField::kind).distinct().toList();
        assertEquals(List.of("STRING record", "LOAD CLASS record", "STACK FRAME record", "STACK TRACE record",
                "HEAP DUMP SEGMENT record", "HEAP DUMP END record", "INSTANCE DUMP sub-record",
                "OBJECT ARRAY DUMP sub-record", "PRIMITIVE ARRAY DUMP sub-record", "CLASS DUMP sub-record"), kinds);
    }

    @Test
    void aStringLengthOf0x7ffffff0IsDamageFoundBeforeReadingIt() throws Exception {
        HprofWriter w = dump(8);
        byte[] bytes = w.toBytes();
        long string = w.headerLength();
        patch(bytes, string + 5, 4, 0x7FFF_FFF0L);
        Path file = Dumps.write(dir, "string.hprof", bytes);
        CorruptHprofException e = assertThrows(CorruptHprofException.class, () -> Dumps.index(file).close());
        assertEquals(file + ": STRING record declares 2147483632 bytes, more than any name a JVM writes (at most 1048576);"
                + " its length field is damaged (at byte " + string + " of the uncompressed dump)", e.getMessage());
    }

    @Test
    void damageAfterACompleteHeapDumpIsSkippedWithItsDescriptionAndTheDumpIsWhole() throws Exception {
        HprofWriter w = dump(8);
        byte[] whole = w.toBytes();
        byte[] padded = java.util.Arrays.copyOf(whole, whole.length + 4096); // zeros, as a preallocated file leaves
        Path file = Dumps.write(dir, "padded.hprof", padded);
        try (HeapSnapshot s = Dumps.index(file)) {
            assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
            assertTrue(s.truncation().isEmpty(), "the heap dump is whole");
            assertEquals("unknown record tag 0x0 after the HEAP DUMP END record at byte " + w.heapDumpEndOffset()
                    + " that declared 0 bytes; that length or this tag is damaged (at byte " + whole.length
                    + " of the uncompressed dump)", s.readSummary().damageAfterDump());
        }
    }

    private static long allocatedBytes() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean()).getCurrentThreadAllocatedBytes();
    }

    private static long u4(byte[] b, long at) {
        int p = (int) at;
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }

    private static void patch(byte[] bytes, long at, int width, long value) {
        for (int i = 0; i < width; i++) {
            bytes[(int) at + i] = (byte) (value >>> (8 * (width - 1 - i)));
        }
    }
}
