package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A gzip dump's stream that also writes what it inflates into a plain file, so that the dump is inflated once: when
 * the stream is read to its end, the file is a complete copy of the uncompressed bytes (up to the damage or the cut,
 * when there is one), which later passes read on two threads and random access reads in place. The copy is given up,
 * and the stream goes on alone, when the file cannot be written (a full disk) or when the dump turns out to be a
 * chunked one, which random access enters member by member without a copy.
 */
final class CopyingSource implements ByteSource {
    /** Told of a copy that is complete; it owns the file from then on. */
    interface Done {
        void copied(Path file, String damage);
    }

    private final ByteSource inflating;
    private final DumpFile dump;
    private final Path file;
    private final Done done;
    private FileChannel out;

    CopyingSource(ByteSource inflating, DumpFile dump, Path folder, Done done) throws IOException {
        this.inflating = inflating;
        this.dump = dump;
        this.file = Files.createTempFile(folder, "heaptriage-inflated-", ".hprof");
        this.file.toFile().deleteOnExit(); // also on Ctrl-C and SIGTERM, which run the JVM's exit hooks
        this.done = done;
        try {
            this.out = FileChannel.open(file, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (IOException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    @Override
    public int read(byte[] into, int offset, int len) throws IOException {
        int n = inflating.read(into, offset, len);
        if (out == null) {
            return n;
        }
        if (n < 0) {
            out.close();
            out = null;
            done.copied(file, inflating.damage());
        } else if (n > 0) {
            if (dump.isChunkedGzip()) {
                giveUp();
            } else {
                write(into, offset, n);
            }
        }
        return n;
    }

    private void write(byte[] from, int offset, int n) {
        try {
            ByteBuffer bytes = ByteBuffer.wrap(from, offset, n);
            while (bytes.hasRemaining()) {
                out.write(bytes);
            }
        } catch (IOException e) {
            giveUp(); // no space for the copy: the later passes inflate again, as without one
        }
    }

    private void giveUp() {
        try {
            out.close();
        } catch (IOException e) {
            // the file goes anyway
        }
        out = null;
        deleteQuietly();
    }

    private void deleteQuietly() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // left to the exit hook
        }
    }

    @Override
    public String damage() {
        return inflating.damage();
    }

    @Override
    public void close() throws IOException {
        if (out != null) { // closed before its end: the copy is not whole
            giveUp();
        }
        inflating.close();
    }
}
