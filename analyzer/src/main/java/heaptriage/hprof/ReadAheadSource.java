package heaptriage.hprof;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Reads a source ahead on a thread of its own, a few chunks at a time, so that on two cores a gzip dump is inflated
 * (and its plain copy written) while the pass parses what came before: the pass then takes about as long as the
 * slower of the two instead of both. The bytes, their order, the end and the damage are the source's own.
 */
final class ReadAheadSource implements ByteSource {
    private static final int CHUNK_BYTES = 1 << 20;
    private static final int CHUNKS = 4;

    /** A chunk read ahead: its bytes, or the end of the data ({@code length} -1), or what went wrong. */
    private record Chunk(byte[] bytes, int length, Throwable failure) {
        static final Chunk END = new Chunk(null, -1, null);
    }

    private final ByteSource source;
    private final BlockingQueue<Chunk> filled = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final Thread reader;
    private volatile boolean closed;
    private Chunk current;
    private int position;
    private boolean ended;

    ReadAheadSource(ByteSource source) {
        this.source = source;
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new byte[CHUNK_BYTES]);
        }
        this.reader = new Thread(this::readAhead, "heaptriage-read-ahead");
        reader.setDaemon(true); // a signal ends the JVM without waiting for it
        reader.start();
    }

    /** Whether reading ahead can pay: with one processor the two threads would only take turns. */
    static boolean pays() {
        return Runtime.getRuntime().availableProcessors() > 1;
    }

    private void readAhead() {
        try {
            while (!closed) {
                byte[] bytes = free.take();
                int length = fill(bytes);
                filled.put(length < 0 ? Chunk.END : new Chunk(bytes, length, null));
                if (length < 0) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            try {
                filled.put(new Chunk(null, -1, t));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Fills the chunk from the source: how many bytes, or -1 at the end of the data. */
    private int fill(byte[] bytes) throws IOException {
        int length = 0;
        while (length < bytes.length) {
            int n = source.read(bytes, length, bytes.length - length);
            if (n < 0) {
                return length == 0 ? -1 : length; // the next fill finds the end again
            }
            length += n;
        }
        return length;
    }

    @Override
    public int read(byte[] into, int offset, int len) throws IOException {
        if (current == null) {
            if (ended) {
                return -1;
            }
            current = next();
            position = 0;
            if (current.length() < 0) {
                ended = true;
                Throwable failure = current.failure();
                current = null;
                rethrow(failure);
                return -1;
            }
        }
        int n = Math.min(len, current.length() - position);
        System.arraycopy(current.bytes(), position, into, offset, n);
        position += n;
        if (position == current.length()) {
            free.add(current.bytes());
            current = null;
        }
        return n;
    }

    private Chunk next() throws IOException {
        try {
            return filled.take();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the dump", e);
        }
    }

    private static void rethrow(Throwable failure) throws IOException {
        if (failure == null) {
            return;
        }
        if (failure instanceof IOException io) {
            throw io;
        }
        if (failure instanceof RuntimeException runtime) {
            throw runtime;
        }
        if (failure instanceof Error error) {
            throw error;
        }
        throw new UncheckedIOException(new IOException(failure));
    }

    /** Whether its reading thread is still running (until the end is read ahead, or it is closed). */
    boolean isReading() {
        return reader.isAlive();
    }

    /** Why the data ended early: asked once the end is read, when the reading thread has put it last. */
    @Override
    public String damage() {
        return source.damage();
    }

    /** Stops the reading thread (without interrupting it inside a read, which would close its file), then the source. */
    @Override
    public void close() throws IOException {
        closed = true;
        boolean interrupted = false;
        while (reader.isAlive()) {
            filled.clear(); // a reader waiting to hand a chunk over can, then sees it is closed
            free.offer(new byte[CHUNK_BYTES]); // a reader waiting for a free chunk gets one
            try {
                reader.join(10);
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
