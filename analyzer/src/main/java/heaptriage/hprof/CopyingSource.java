package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * A gzip dump's stream that also writes what it inflates into a plain file, so that the dump is inflated once: when
 * the stream is read to its end, the file is a complete copy of the uncompressed bytes (up to the damage or the cut,
 * when there is one), which later passes read on two threads and random access reads in place. The writing runs on a
 * thread of its own (the kernel's part of a write costs about as much as inflating), a few chunks behind the reading.
 * The copy is given up, and the stream goes on alone, when the file cannot be written (a full disk) or when the dump
 * turns out to be a chunked one, which random access enters member by member without a copy.
 */
final class CopyingSource implements ByteSource {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int CHUNKS = 4;
    /** Handed to the writer: write no more (the stream ended, or the copy was given up). */
    private static final byte[] STOP = new byte[0];

    /** Told of a copy that is complete; it owns the file from then on. */
    interface Done {
        void copied(Path file, String damage);
    }

    /** A chunk for the writer: its bytes and how many of them to write. */
    private record Chunk(byte[] bytes, int length) {
    }

    private final ByteSource inflating;
    private final DumpFile dump;
    private final Path file;
    private final Done done;
    private final FileChannel out;
    private final BlockingQueue<Chunk> toWrite = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS);
    private final Thread writer;
    /** Set by the writer when a write failed: the copy is given up. */
    private volatile boolean failed;
    /** Whether this stream still copies: not after its end, a failure, or learning that the dump is chunked. */
    private boolean copying = true;

    CopyingSource(ByteSource inflating, DumpFile dump, Path folder, Done done) throws IOException {
        this.inflating = inflating;
        this.dump = dump;
        Files.createDirectories(folder); // --work-dir may name a folder still to make, as for the index files
        this.file = Files.createTempFile(folder, "heaptriage-inflated-", ".hprof");
        this.file.toFile().deleteOnExit(); // also on Ctrl-C and SIGTERM, which run the JVM's exit hooks
        this.done = done;
        try {
            this.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        this.writer = new Thread(this::writeAll, "heaptriage-copy-writer");
        writer.setDaemon(true); // a signal ends the JVM without waiting for it; the exit hook deletes the file
        writer.start();
    }

    /** The writer's loop: each chunk in turn, until told to stop; after a failure, it only hands chunks back. */
    private void writeAll() {
        try {
            while (true) {
                Chunk chunk = toWrite.take();
                if (chunk.bytes() == STOP) {
                    return;
                }
                if (!failed) {
                    write(chunk);
                }
                free.put(chunk.bytes());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(Chunk chunk) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(chunk.bytes(), 0, chunk.length());
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            failed = true; // no space for the copy: the later passes inflate again, as without one
        }
    }

    @Override
    public int read(byte[] into, int offset, int len) throws IOException {
        int n = inflating.read(into, offset, len);
        if (!copying) {
            return n;
        }
        if (n < 0) {
            finish(true);
        } else if (failed || dump.isChunkedGzip()) {
            finish(false);
        } else {
            handOver(into, offset, n);
        }
        return n;
    }

    /** Copies the bytes into free chunks for the writer. */
    private void handOver(byte[] from, int offset, int n) throws IOException {
        for (int at = 0; at < n; ) {
            byte[] chunk = take(free);
            int length = Math.min(chunk.length, n - at);
            System.arraycopy(from, offset + at, chunk, 0, length);
            put(new Chunk(chunk, length));
            at += length;
        }
    }

    /**
     * Stops the writer once it has written what it was given; a whole copy goes to the dump file, any other is
     * deleted.
     */
    private void finish(boolean whole) throws IOException {
        copying = false;
        put(new Chunk(STOP, 0));
        join();
        out.close();
        if (whole && !failed) {
            done.copied(file, inflating.damage());
        } else {
            Files.deleteIfExists(file);
        }
    }

    private void join() throws IOException {
        try {
            writer.join();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private static byte[] take(BlockingQueue<byte[]> queue) throws IOException {
        try {
            return queue.take();
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    private void put(Chunk chunk) throws IOException {
        try {
            toWrite.put(chunk);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    /** Keeps the thread's interrupt and says what it cut short. */
    private static IOException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new IOException("interrupted while writing the dump's plain copy", e);
    }

    @Override
    public String damage() {
        return inflating.damage();
    }

    @Override
    public void close() throws IOException {
        try {
            if (copying) { // closed before its end: the copy is not whole
                finish(false);
            }
        } finally {
            inflating.close();
        }
    }
}
