package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Span;
import heaptriage.testing.MinimalHeap;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;

/** The test writer itself produces the bytes the HPROF and gzip formats prescribe. */
class HprofWriterFormatTest {

    @Test
    void headerIsVersionNulIdSizeAndTimestamp() {
        byte[] b = HprofWriter.create(8, "1.0.2").toBytes();
        ByteBuffer bb = ByteBuffer.wrap(b);
        byte[] text = new byte[18];
        bb.get(text);
        assertEquals("JAVA PROFILE 1.0.2", new String(text, StandardCharsets.US_ASCII));
        assertEquals(0, bb.get());
        assertEquals(8, bb.getInt());
        assertEquals(1_700_000_000_000L, bb.getLong());
        assertEquals(31, b.length, "no heap records, so no HEAP DUMP END either");
        assertEquals(31, HprofWriter.create(4, "1.0.1").headerLength());
    }

    @Test
    void recordsAreTagTimeLengthBodyAndTheHeapIsSegmentsThenHeapDumpEnd() {
        HprofWriter w = HprofWriter.create(4, "1.0.2");
        w.string(0x10, "hé");
        w.rootStickyClass(0x20);
        w.endSegment();
        w.rootMonitorUsed(0x30);
        ByteBuffer bb = ByteBuffer.wrap(w.toBytes());
        bb.position(w.headerLength());
        assertEquals(0x01, bb.get());
        assertEquals(0, bb.getInt());
        assertEquals(4 + 3, bb.getInt()); // id + UTF-8 of "hé"
        assertEquals(0x10, bb.getInt());
        bb.position(bb.position() + 3);
        assertEquals(w.heapRecordStarts().get(0), bb.position());
        assertEquals(0x1C, bb.get());
        assertEquals(0, bb.getInt());
        assertEquals(5, bb.getInt());
        assertEquals(0x05, bb.get());
        assertEquals(0x20, bb.getInt());
        assertEquals(0x1C, bb.get());
        bb.getInt();
        assertEquals(5, bb.getInt());
        assertEquals(0x07, bb.get());
        assertEquals(0x30, bb.getInt());
        assertEquals(w.heapDumpEndOffset(), bb.position());
        assertEquals(0x2C, bb.get());
        assertEquals(0, bb.getInt());
        assertEquals(0, bb.getInt());
        assertEquals(0, bb.remaining());
    }

    @Test
    void singleHeapDumpRecordModeWritesOneHeapDumpAndNoEnd() {
        HprofWriter w = MinimalHeap.write(HprofWriter.create(8, "1.0.1").singleHeapDumpRecord());
        byte[] b = w.toBytes();
        assertEquals(1, w.heapRecordStarts().size());
        int start = Math.toIntExact(w.heapRecordStarts().get(0));
        assertEquals(0x0C, b[start]);
        assertEquals(b.length - start - 9, ByteBuffer.wrap(b, start + 5, 4).getInt());
        assertEquals(-1, w.heapDumpEndOffset());
    }

    @Test
    void everySpanStartsWithItsTagAndSpansTileTheHeap() {
        HprofWriter w = MinimalHeap.create(8, "1.0.2");
        byte[] b = w.toBytes();
        long expected = w.heapRecordStarts().get(0) + 9;
        for (Span s : w.spans()) {
            assertEquals(s.tag(), b[(int) s.start()] & 0xFF);
            assertEquals(expected, s.start());
            expected = s.end();
        }
        assertEquals(w.heapDumpEndOffset(), expected);
        assertEquals(MinimalHeap.RECORDS + 12, w.spans().size());
        // INSTANCE: tag, id, serial, class id, u4 length, then the fields of Node: next, x, name
        assertEquals(1 + 8 + 4 + 8 + 4 + 8 + 4 + 8, w.span(MinimalHeap.NODE1).end() - w.span(MinimalHeap.NODE1).start());
    }

    @Test
    void instanceValuesMustMatchTheClassLayout() {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        MinimalHeap.writeClasses(w);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> w.instance(0x100, MinimalHeap.C_SPECIAL, 1L, true));
        assertEquals("class 0xf000240 has 5 fields in its hierarchy, got 2 values", e.getMessage());
        // own class first, then the super class: extra (8), flag (1), next (8), x (4), name (8)
        byte[] fields = w.fieldBytes(MinimalHeap.C_SPECIAL, 42L, true, 0x77L, -7, 0L);
        assertEquals(29, fields.length);
        assertEquals(42L, ByteBuffer.wrap(fields, 0, 8).getLong());
        assertEquals(1, fields[8]);
        assertEquals(0x77L, ByteBuffer.wrap(fields, 9, 8).getLong());
        assertEquals(-7, ByteBuffer.wrap(fields, 17, 4).getInt());
    }

    @Test
    void chunkedGzipIsIndependentMembersWithTheBlockSizeCommentOnTheFirst() throws IOException {
        byte[] data = MinimalHeap.create(8, "1.0.2").toBytes();
        int block = 100;
        byte[] gz = HprofWriter.chunkedGzip(data, block);
        long[] starts = HprofWriter.chunkedGzipMemberStarts(data, block);
        assertEquals((data.length + block - 1) / block, starts.length);
        for (int i = 0; i < starts.length; i++) {
            int p = (int) starts[i];
            assertEquals(0x1f, gz[p] & 0xFF);
            assertEquals(0x8b, gz[p + 1] & 0xFF);
            assertEquals(8, gz[p + 2]);
            assertEquals(i == 0 ? 0x10 : 0, gz[p + 3]);
        }
        String comment = "HPROF BLOCKSIZE=100";
        assertEquals(comment, new String(gz, 10, comment.length(), StandardCharsets.ISO_8859_1));
        assertEquals(0, gz[10 + comment.length()]);
        // GZIPInputStream reads concatenated members and checks every CRC32 and ISIZE
        assertArrayEquals(data, gunzip(gz));
        // each member alone is a complete gzip stream of its block
        byte[] second = Arrays.copyOfRange(gz, (int) starts[1], (int) starts[2]);
        assertArrayEquals(Arrays.copyOfRange(data, block, 2 * block), gunzip(second));
    }

    @Test
    void singleGzipRoundTrips() throws IOException {
        byte[] data = MinimalHeap.create(4, "1.0.2").toBytes();
        assertArrayEquals(data, gunzip(HprofWriter.gzip(data)));
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        }
    }
}
