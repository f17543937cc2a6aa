package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

class ReadAheadSourceTest {
    /** A source of the given bytes in reads of random lengths, ending with a damage note or failing part way. */
    private static final class Scripted implements ByteSource {
        private final byte[] data;
        private final int failAt;
        private final Random random = new Random(7);
        private final AtomicBoolean closed = new AtomicBoolean();
        private int at;

        Scripted(byte[] data, int failAt) {
            this.data = data;
            this.failAt = failAt;
        }

        @Override
        public int read(byte[] into, int offset, int len) throws IOException {
            if (at == failAt) {
                throw new IOException("damaged at " + at);
            }
            if (at == data.length) {
                return -1;
            }
            int limit = failAt >= 0 ? failAt : data.length;
            int n = Math.min(Math.min(len, limit - at), 1 + random.nextInt(300_000));
            System.arraycopy(data, at, into, offset, n);
            at += n;
            return n;
        }

        @Override
        public String damage() {
            return at == data.length ? "cut at " + at : null;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    private static byte[] pattern(int length) {
        byte[] data = new byte[length];
        new Random(42).nextBytes(data);
        return data;
    }

    /** Everything the source gives, read in pieces of random sizes; throws what the source threw. */
    private static byte[] readAll(ByteSource source, ByteArrayOutputStream got) throws IOException {
        Random sizes = new Random(3);
        byte[] buffer = new byte[1 << 21];
        int n;
        while ((n = source.read(buffer, 5, 1 + sizes.nextInt(buffer.length - 5))) >= 0) {
            got.write(buffer, 5, n);
        }
        assertEquals(-1, source.read(buffer, 0, 10), "the end stays the end");
        return got.toByteArray();
    }

    @Test
    void givesTheSourcesBytesInOrderAndItsEndAndDamageWhateverTheReadSizes() throws Exception {
        byte[] data = pattern(9_000_001); // several chunks and a part of one
        Scripted scripted = new Scripted(data, -1);
        try (ReadAheadSource ahead = new ReadAheadSource(scripted)) {
            assertArrayEquals(data, readAll(ahead, new ByteArrayOutputStream()));
            assertEquals("cut at 9000001", ahead.damage());
        }
        assertTrue(scripted.closed.get(), "closing it closes the source");
    }

    @Test
    void aFailureOfTheSourceReachesTheReaderAfterTheBytesBeforeIt() {
        byte[] data = pattern(3_500_000);
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        IOException e = assertThrows(IOException.class, () -> {
            try (ReadAheadSource ahead = new ReadAheadSource(new Scripted(data, 2_345_678))) {
                readAll(ahead, got);
            }
        });
        assertEquals("damaged at 2345678", e.getMessage());
        byte[] before = new byte[2_345_678];
        System.arraycopy(data, 0, before, 0, before.length);
        byte[] read = got.toByteArray();
        assertTrue(read.length <= before.length, "nothing past the failure");
        byte[] prefix = new byte[read.length];
        System.arraycopy(before, 0, prefix, 0, read.length);
        assertArrayEquals(prefix, read, "the bytes before the failure, in order");
    }

    @Test
    void closingBeforeTheEndStopsItsThreadAndClosesTheSource() throws Exception {
        Scripted scripted = new Scripted(pattern(20_000_000), -1);
        ReadAheadSource ahead = new ReadAheadSource(scripted);
        byte[] some = new byte[1000];
        assertEquals(1000, ahead.read(some, 0, 1000));
        Thread.sleep(50); // the thread has filled every chunk and waits for a free one
        ahead.close();
        assertTrue(scripted.closed.get());
        assertFalse(ahead.isReading(), "its thread is gone");
    }
}
