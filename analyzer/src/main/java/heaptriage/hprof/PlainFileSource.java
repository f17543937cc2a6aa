package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads an uncompressed dump from its file (or a gzip dump's plain copy), read-only. */
final class PlainFileSource implements ByteSource {
    private final FileChannel channel;
    /** Why the data ends early: for a gzip dump's plain copy, what inflating it found; null otherwise. */
    private final String damage;

    PlainFileSource(Path file) throws IOException {
        this(file, 0, null);
    }

    /**
     * Reads from {@code offset} on: each thread of a split pass has its own channel. {@code damage} is the note a
     * gzip dump's plain copy carries about where its data ended, or null.
     */
    PlainFileSource(Path file, long offset, String damage) throws IOException {
        this.damage = damage;
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            channel.position(offset);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public int read(byte[] into, int offset, int len) throws IOException {
        return channel.read(ByteBuffer.wrap(into, offset, len));
    }

    @Override
    public void seek(long position) throws IOException {
        channel.position(position);
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
