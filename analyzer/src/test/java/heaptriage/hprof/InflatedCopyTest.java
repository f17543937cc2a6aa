package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A gzip dump is inflated once: the first full read writes a plain copy, which later streams (from any offset) and
 * random access read, and closing the dump deletes. No copy is left by a read that stops early, nor made of a
 * chunked dump (random access enters its members one by one).
 */
class InflatedCopyTest {
    @TempDir
    Path dir;

    @TempDir
    Path work;

    private static byte[] bytes(int length) {
        byte[] data = new byte[length];
        Random random = new Random(11);
        for (int i = 0; i < length; i++) {
            data[i] = (byte) (random.nextInt(16) + (i % 251 == 0 ? 100 : 0)); // compressible, not uniform
        }
        return data;
    }

    private Path gzip(byte[] data) throws IOException {
        Path file = dir.resolve("dump.hprof.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(data);
        }
        return file;
    }

    /** Reads a stream to its end; returns the bytes and leaves the stream's damage note in {@code damage[0]}. */
    private static byte[] readAll(HprofInput in, String[] damage) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[1 << 16];
        while (in.hasMore()) {
            in.ensure(1);
            int n = Math.min(chunk.length, in.buffered());
            in.readFully(chunk, 0, n);
            out.write(chunk, 0, n);
        }
        damage[0] = in.damage();
        return out.toByteArray();
    }

    private long filesIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.count();
        }
    }

    @Test
    void aFullReadLeavesAPlainCopyThatLaterStreamsAndRandomAccessReadUntilTheDumpIsClosed() throws Exception {
        byte[] data = bytes(6_000_000);
        DumpFile dump = DumpFile.open(gzip(data));
        assertTrue(dump.readsInOrderOnly());
        assertEquals(DumpFile.Reading.INFLATED_BY_EACH_PASS, dump.reading());
        String[] damage = new String[1];
        try (HprofInput in = dump.openStreamCopyingInto(work)) {
            assertArrayEquals(data, readAll(in, damage));
        }
        assertFalse(dump.readsInOrderOnly(), "the copy lets a pass start anywhere");
        assertEquals(DumpFile.Reading.PLAIN_COPY, dump.reading());
        assertEquals(1, filesIn(work));
        try (HprofInput in = dump.openStreamAt(4_321_000, 8)) {
            assertEquals(4_321_000, in.position());
            assertArrayEquals(Arrays.copyOfRange(data, 4_321_000, data.length), readAll(in, damage));
        }
        try (HprofInput in = dump.openStream()) {
            assertArrayEquals(data, readAll(in, damage));
        }
        byte[] some = new byte[1000];
        dump.randomAccess().read(5_000_000, some, 0, some.length);
        assertArrayEquals(Arrays.copyOfRange(data, 5_000_000, 5_001_000), some);
        dump.close();
        assertEquals(0, filesIn(work), "closing the dump deletes the copy");
    }

    @Test
    void theCopyGoesIntoAWorkFolderStillToMake() throws Exception {
        byte[] data = bytes(1_000_000);
        DumpFile dump = DumpFile.open(gzip(data));
        Path folder = work.resolve("not").resolve("yet");
        String[] damage = new String[1];
        try (HprofInput in = dump.openStreamCopyingInto(folder)) {
            assertArrayEquals(data, readAll(in, damage));
        }
        assertFalse(dump.readsInOrderOnly());
        assertEquals(1, filesIn(folder));
        dump.close();
        assertEquals(0, filesIn(folder));
    }

    @Test
    void withoutAPassFieldReadsDecompressIntoTheWorkFolder() throws Exception {
        byte[] data = bytes(2_000_000);
        DumpFile dump = DumpFile.open(gzip(data)); // as for an index reused from an earlier run: no pass reads it
        Path folder = work.resolve("still-to-make");
        dump.useWorkFolder(folder);
        byte[] some = new byte[100];
        dump.randomAccess().read(1_500_000, some, 0, some.length);
        assertArrayEquals(Arrays.copyOfRange(data, 1_500_000, 1_500_100), some);
        assertTrue(Files.isDirectory(folder), "the file was made there (and unlinked once open: it goes with the dump)");
        assertEquals(0, filesIn(folder));
        dump.close();
    }

    @Test
    void aReadThatStopsBeforeTheEndLeavesNoCopy() throws Exception {
        // more than the stream's buffer and the chunks read ahead hold, so the read really stops before the end
        DumpFile dump = DumpFile.open(gzip(bytes(30_000_000)));
        try (HprofInput in = dump.openStreamCopyingInto(work)) {
            in.ensure(100);
        }
        assertTrue(dump.readsInOrderOnly());
        assertEquals(0, filesIn(work));
        dump.close();
    }

    @Test
    void aCopyOfAGzipDumpWithDamageAfterItsDataStillSaysWhereTheDataEnded() throws Exception {
        byte[] data = bytes(4_000_000);
        Path file = gzip(data);
        Files.write(file, new byte[100], java.nio.file.StandardOpenOption.APPEND); // zeros where a member should start
        DumpFile dump = DumpFile.open(file);
        String[] inflated = new String[1];
        try (HprofInput in = dump.openStreamCopyingInto(work)) {
            assertArrayEquals(data, readAll(in, inflated));
        }
        assertNotNull(inflated[0], "the inflating stream names the damage");
        assertFalse(dump.readsInOrderOnly());
        String[] copied = new String[1];
        try (HprofInput in = dump.openStream()) {
            assertArrayEquals(data, readAll(in, copied));
        }
        assertEquals(inflated[0], copied[0], "the copy reports the gzip data's own end");
        dump.close();
    }

    @Test
    void aChunkedGzipDumpIsNotCopied() throws Exception {
        byte[] data = bytes(300_000);
        Path file = dir.resolve("chunked.hprof.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int from = 0; from < data.length; from += 65_536) {
                out.write(member(Arrays.copyOfRange(data, from, Math.min(data.length, from + 65_536))));
            }
        }
        DumpFile dump = DumpFile.open(file);
        String[] damage = new String[1];
        try (HprofInput in = dump.openStreamCopyingInto(work)) {
            assertArrayEquals(data, readAll(in, damage));
        }
        assertNull(damage[0]);
        assertTrue(dump.isChunkedGzip());
        assertEquals(DumpFile.Reading.MEMBER_BY_MEMBER, dump.reading());
        assertTrue(dump.readsInOrderOnly(), "random access enters its members instead");
        assertEquals(0, filesIn(work));
        assertNotNull(dump.gzipMemberStarts());
        dump.close();
    }

    @Test
    void theSizeToPlanForIsTheTrailersWhenAGzipDumpInflatesToMoreThanFourTimesItself() throws Exception {
        byte[] zeros = new byte[10_000_000]; // a thousand times smaller gzipped
        DumpFile compressible = DumpFile.open(gzip(zeros));
        assertEquals(10_000_000, compressible.plannedHprofBytes());
        Path noise = dir.resolve("noise.hprof.gz");
        byte[] random = new byte[200_000];
        new Random(5).nextBytes(random);
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(noise))) {
            out.write(random);
        }
        DumpFile incompressible = DumpFile.open(noise);
        assertEquals(4 * Files.size(noise), incompressible.plannedHprofBytes(), "less than four times: the guess stands");
        Path plain = dir.resolve("plain.hprof");
        Files.write(plain, random);
        assertEquals(200_000, DumpFile.open(plain).plannedHprofBytes());
        assertEquals(DumpFile.Reading.IN_PLACE, DumpFile.open(plain).reading());
    }

    /** One gzip member with the comment the JVM writes on a chunked dump ({@code jcmd GC.heap_dump -gz}). */
    private static byte[] member(byte[] block) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 16, 0, 0, 0, 0, 0, (byte) 255});
        out.writeBytes("HPROF BLOCKSIZE=65536".getBytes(StandardCharsets.US_ASCII));
        out.write(0);
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(block);
        deflater.finish();
        byte[] buffer = new byte[block.length + 1024];
        int n = deflater.deflate(buffer);
        deflater.end();
        out.write(buffer, 0, n);
        CRC32 crc = new CRC32();
        crc.update(block);
        writeIntLe(out, (int) crc.getValue());
        writeIntLe(out, block.length);
        return out.toByteArray();
    }

    private static void writeIntLe(ByteArrayOutputStream out, int v) {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
    }
}
