package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads an uncompressed dump from its file, read-only. */
final class PlainFileSource implements ByteSource {
    private final FileChannel channel;

    PlainFileSource(Path file) throws IOException {
        this(file, 0);
    }

    /** Reads from {@code offset} on: each thread of a split pass has its own channel. */
    PlainFileSource(Path file, long offset) throws IOException {
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
    public void close() throws IOException {
        channel.close();
    }
}
