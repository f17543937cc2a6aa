package heaptriage.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Positional reads of the uncompressed dump. Plain files are read in place. A chunked gzip dump (many members)
 * is read by inflating only the member that holds the bytes, with a small cache. A single-member gzip file cannot
 * be entered in the middle: the plain copy its first pass wrote is read, or when there is none, it is decompressed
 * once into a temporary file that is deleted on close.
 */
public abstract class RandomAccessDump implements AutoCloseable {

    /** Reads exactly len bytes at the uncompressed offset. */
    public abstract void read(long offset, byte[] into, int intoOffset, int len) throws IOException;

    @Override
    public abstract void close() throws IOException;

    /**
     * Random access to the dump; {@code inflatedCopy}, when not null, is a whole plain copy of a gzip dump's bytes, and
     * {@code workFolder} (null: the system temp folder) where a single-member one is decompressed when there is none
     * (the system temp folder too when the work folder cannot take it).
     */
    static RandomAccessDump open(DumpFile dump, GzipMemberIndex members, Path inflatedCopy, Path workFolder)
            throws IOException {
        if (!dump.isCompressed()) {
            return new Plain(FileChannel.open(dump.path(), StandardOpenOption.READ), null);
        }
        if (inflatedCopy != null) {
            return new Plain(FileChannel.open(inflatedCopy, StandardOpenOption.READ), null); // the dump file deletes it
        }
        if (members.isComplete() && members.count() > 1) {
            return new Chunked(dump.path(), members, memberCacheBytes(Runtime.getRuntime().maxMemory()));
        }
        Path systemTemp = Path.of(System.getProperty("java.io.tmpdir"));
        if (workFolder != null && !workFolder.equals(systemTemp)) {
            try {
                return decompressToTemp(dump, workFolder);
            } catch (IOException e) {
                // no room there (it may be what kept the copy from being written): the system's temp folder, as before
            }
        }
        return decompressToTemp(dump, systemTemp);
    }

    /**
     * Inflated members kept for a JVM of this maximum heap: a sixteenth of it, at most 256 MiB (a quarter of a 4 GiB
     * dump's members at the JVM's 1 MiB blocks, or all of a small one), at least 8 MiB.
     */
    static long memberCacheBytes(long maxHeapBytes) {
        return Math.max(8L << 20, Math.min(256L << 20, maxHeapBytes / 16));
    }

    /** How many gzip members were inflated so far (0 for a plain file): what a test checks the cache by. */
    long membersInflated() {
        return 0;
    }

    private static RandomAccessDump decompressToTemp(DumpFile dump, Path folder) throws IOException {
        Files.createDirectories(folder);
        Path temp = Files.createTempFile(folder, "heaptriage-", ".hprof");
        temp.toFile().deleteOnExit(); // also on Ctrl-C and SIGTERM, which skip the close below
        try (HprofInput in = dump.openStream(); OutputStream out = Files.newOutputStream(temp)) {
            byte[] chunk = new byte[1 << 20];
            while (in.hasMore()) {
                in.ensure(1);
                int n = Math.min(chunk.length, in.buffered());
                in.readFully(chunk, 0, n);
                out.write(chunk, 0, n);
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        } catch (HprofException e) {
            Files.deleteIfExists(temp);
            throw new IOException(e.getMessage(), e);
        }
        return new Plain(FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.DELETE_ON_CLOSE), temp);
    }

    /** Reads an uncompressed file in place. */
    private static final class Plain extends RandomAccessDump {
        private final FileChannel channel;
        private final Path temp;

        Plain(FileChannel channel, Path temp) {
            this.channel = channel;
            this.temp = temp;
        }

        @Override
        public void read(long offset, byte[] into, int intoOffset, int len) throws IOException {
            ByteBuffer bb = ByteBuffer.wrap(into, intoOffset, len);
            long at = offset;
            while (bb.hasRemaining()) {
                int n = channel.read(bb, at);
                if (n < 0) {
                    throw new EOFException("dump ends at byte " + at);
                }
                at += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
            if (temp != null) {
                Files.deleteIfExists(temp);
            }
        }
    }

    /**
     * Inflates single members of a chunked gzip dump on demand, keeping the most recently used ones up to a byte
     * budget. The analyses read objects in index (address) order, which jumps between members: with a cache of a few
     * members, finding the connections of a 3 MB sample dump inflated its 11 members a thousand times (1.6 s).
     */
    private static final class Chunked extends RandomAccessDump {
        private final FileChannel channel;
        private final GzipMemberIndex members;
        private final long cacheBytes;
        /** Member number to its bytes, least recently used first. */
        private final LinkedHashMap<Integer, Inflated> cache = new LinkedHashMap<>(16, 0.75f, true);
        private long cachedBytes;
        private long inflations;

        Chunked(Path path, GzipMemberIndex members, long cacheBytes) throws IOException {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.members = members;
            this.cacheBytes = cacheBytes;
        }

        @Override
        public synchronized void read(long offset, byte[] into, int intoOffset, int len) throws IOException {
            while (len > 0) {
                int member = members.memberAt(offset);
                if (member < 0) {
                    throw new EOFException("offset " + offset + " is before the first gzip member");
                }
                Inflated bytes = load(member);
                int within = (int) (offset - members.uncompressedStart(member));
                int step = Math.min(len, bytes.length() - within);
                if (step <= 0) {
                    throw new EOFException("dump ends at byte " + offset);
                }
                System.arraycopy(bytes.data(), within, into, intoOffset, step);
                offset += step;
                intoOffset += step;
                len -= step;
            }
        }

        @Override
        synchronized long membersInflated() {
            return inflations;
        }

        /** The member's bytes, from the cache or inflated (then cached, dropping the least recently used ones). */
        private Inflated load(int member) throws IOException {
            Inflated cached = cache.get(member);
            if (cached != null) {
                return cached;
            }
            long start = members.uncompressedStart(member);
            // the JVM writes equal blocks, so the last member is no bigger than the largest earlier one
            long end = member + 1 < members.count() ? members.uncompressedStart(member + 1) : start + largestMember();
            int size = (int) Math.min(end - start, 64 << 20);
            Inflated inflated = inflateMember(members.compressedStart(member), new byte[size]);
            inflations++;
            cache.put(member, inflated);
            cachedBytes += inflated.data().length;
            var eldest = cache.entrySet().iterator();
            while (cachedBytes > cacheBytes && cache.size() > 1) {
                cachedBytes -= eldest.next().getValue().data().length;
                eldest.remove();
            }
            return inflated;
        }

        private long largestMember() {
            long largest = 1 << 20;
            for (int m = 0; m + 1 < members.count(); m++) {
                largest = Math.max(largest, members.uncompressedStart(m + 1) - members.uncompressedStart(m));
            }
            return largest;
        }

        /** A member's bytes: the first {@code length} of {@code data}. */
        private record Inflated(byte[] data, int length) {
        }

        private Inflated inflateMember(long compressedStart, byte[] out) throws IOException {
            try (InputStream raw = new ChannelSlice(channel, compressedStart)) {
                byte[] header = raw.readNBytes(10);
                int flags = header[3] & 0xFF;
                if ((flags & 4) != 0) {
                    byte[] x = raw.readNBytes(2);
                    raw.skipNBytes((x[0] & 0xFF) | (x[1] & 0xFF) << 8);
                }
                if ((flags & 8) != 0) {
                    while (raw.read() > 0) { /* file name */ }
                }
                if ((flags & 16) != 0) {
                    while (raw.read() > 0) { /* comment */ }
                }
                if ((flags & 2) != 0) {
                    raw.skipNBytes(2);
                }
                Inflater inflater = new Inflater(true);
                try {
                    byte[] input = new byte[1 << 16];
                    int produced = 0;
                    while (!inflater.finished()) {
                        if (produced == out.length) {
                            out = java.util.Arrays.copyOf(out, out.length * 2); // a member bigger than expected
                        }
                        if (inflater.needsInput()) {
                            int n = raw.read(input);
                            if (n < 0) {
                                break;
                            }
                            inflater.setInput(input, 0, n);
                        }
                        produced += inflater.inflate(out, produced, out.length - produced);
                    }
                    return new Inflated(out, produced);
                } catch (DataFormatException e) {
                    throw new IOException("damaged gzip member at compressed byte " + compressedStart, e);
                } finally {
                    inflater.end();
                }
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    /** An input stream over a shared channel from a position on, using positional reads so it never moves or closes it. */
    private static final class ChannelSlice extends InputStream {
        private final FileChannel channel;
        private long position;

        ChannelSlice(FileChannel channel, long position) {
            this.channel = channel;
            this.position = position;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = channel.read(ByteBuffer.wrap(b, off, len), position);
            if (n > 0) {
                position += n;
            }
            return n;
        }
    }
}
