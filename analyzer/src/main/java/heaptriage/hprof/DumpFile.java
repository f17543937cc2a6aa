package heaptriage.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A heap dump file on disk, plain or gzip-compressed (detected by content), opened read-only. It hands out
 * sequential streams for the parsing passes and random access for reading objects lazily afterwards.
 */
public final class DumpFile implements AutoCloseable {
    private static final int STREAM_BUFFER = 4 << 20;

    private final Path path;
    private final long fileBytes;
    private final boolean gzip;
    private final GzipMemberIndex members = new GzipMemberIndex();
    private String gzipComment;
    private RandomAccessDump randomAccess;

    private DumpFile(Path path, long fileBytes, boolean gzip) {
        this.path = path;
        this.fileBytes = fileBytes;
        this.gzip = gzip;
    }

    /** Checks that the file exists, is a readable regular file, and looks like a (possibly gzipped) dump. */
    public static DumpFile open(Path path) throws HprofException {
        if (Files.isDirectory(path)) {
            throw new DumpNotReadableException(path + " is a directory, not a heap dump file: give the .hprof file itself");
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.exists(path)) {
            throw new DumpNotReadableException(path + " does not exist: check the path to the heap dump");
        }
        if (!Files.isReadable(path)) {
            throw new DumpNotReadableException(path + " cannot be read: check its permissions");
        }
        try {
            long size = Files.size(path);
            if (size == 0) {
                throw new NotHprofException(path + " is empty (0 bytes): the dump was not written; take it again");
            }
            byte[] magic = new byte[2];
            try (InputStream in = Files.newInputStream(path, StandardOpenOption.READ)) {
                int n = in.readNBytes(magic, 0, 2);
                boolean gz = n == 2 && (magic[0] & 0xFF) == 0x1F && (magic[1] & 0xFF) == 0x8B;
                return new DumpFile(path, size, gz);
            }
        } catch (NoSuchFileException e) {
            throw new DumpNotReadableException(path + " does not exist: check the path to the heap dump");
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    public Path path() {
        return path;
    }

    /** Size of the file on disk (compressed size for gzip files). */
    public long fileBytes() {
        return fileBytes;
    }

    public boolean isCompressed() {
        return gzip;
    }

    /** True for a gzip file written by the JVM in independent blocks ({@code jcmd GC.heap_dump -gz}). */
    public boolean isChunkedGzip() {
        return gzip && gzipComment != null && gzipComment.startsWith("HPROF BLOCKSIZE=");
    }

    /** Opens a new sequential stream over the uncompressed HPROF bytes. */
    public HprofInput openStream() throws DumpNotReadableException, NotHprofException {
        try {
            ByteSource source;
            if (gzip) {
                GzipSource gz = new GzipSource(path, members);
                source = new ByteSource() {
                    @Override
                    public int read(byte[] into, int offset, int len) throws IOException {
                        int n = gz.read(into, offset, len);
                        if (gzipComment == null) {
                            gzipComment = gz.firstComment();
                        }
                        return n;
                    }

                    @Override
                    public String damage() {
                        return gz.damage();
                    }

                    @Override
                    public void close() throws IOException {
                        gz.close();
                    }
                };
            } else {
                source = new PlainFileSource(path);
            }
            return new HprofInput(source, STREAM_BUFFER);
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Opens a sequential stream over a plain dump that starts at {@code offset}, a record's start that an earlier
     * pass found, for identifiers of {@code idSize} bytes: one thread's share of a pass split between threads. Not for
     * gzip files, whose bytes can only be reached by inflating everything before them.
     */
    public HprofInput openStreamAt(long offset, int idSize) throws DumpNotReadableException {
        if (gzip) {
            throw new IllegalStateException("a gzip dump is read from its start: " + path);
        }
        try {
            HprofInput in = new HprofInput(new PlainFileSource(path, offset), STREAM_BUFFER, offset);
            in.setIdSize(idSize);
            return in;
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Reads the header from a fresh stream and leaves the stream positioned at the first record. */
    public HprofHeader readHeader(HprofInput in) throws HprofException {
        try {
            byte[] text = new byte[32];
            int len = 0;
            while (true) {
                if (!in.hasMore()) {
                    throw notHprof("it ends before its header does");
                }
                int b = in.u1();
                if (b == 0) {
                    break;
                }
                if (b < 0x20 || b > 0x7E || len == text.length) {
                    throw notHprof("it does not start with 'JAVA PROFILE 1.0.x'");
                }
                text[len++] = (byte) b;
            }
            String version = new String(text, 0, len, java.nio.charset.StandardCharsets.US_ASCII);
            if (!version.startsWith("JAVA PROFILE ")) {
                throw notHprof("it starts with '" + version + "' instead of 'JAVA PROFILE 1.0.x'");
            }
            if (!version.equals("JAVA PROFILE 1.0.1") && !version.equals("JAVA PROFILE 1.0.2")) {
                throw new UnsupportedHprofException(path + " is '" + version
                        + "': Heap Triage reads HotSpot dumps (JAVA PROFILE 1.0.1 and 1.0.2); convert Android dumps with hprof-conv");
            }
            int idSize = in.i4();
            if (idSize != 4 && idSize != 8) {
                throw new UnsupportedHprofException(path + " declares " + idSize
                        + "-byte identifiers; only 4 and 8 are valid HPROF identifier sizes, so the file is damaged");
            }
            long timestamp = in.i8();
            in.setIdSize(idSize);
            return new HprofHeader(version, idSize, timestamp, (int) in.position());
        } catch (java.io.EOFException e) {
            throw notHprof("it ends inside its header");
        } catch (IOException e) {
            if (gzip && in.position() == 0) {
                throw notHprof("it starts like gzip but its compressed data cannot be read (" + e.getMessage() + ")");
            }
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    private NotHprofException notHprof(String why) {
        String what = gzip ? "a gzip file whose content is not an HPROF heap dump" : "not an HPROF heap dump";
        return new NotHprofException(path + " is " + what + ": " + why
                + ". Give a dump written by jcmd GC.heap_dump, jmap -dump or -XX:+HeapDumpOnOutOfMemoryError");
    }

    /**
     * Where each gzip member starts, as {compressed starts, uncompressed starts}, once a full read of a gzip dump has
     * found them all; null otherwise (a plain file, or not read through yet). A kept index saves it, so that random
     * access to a chunked gzip dump needs no full read.
     */
    public synchronized long[][] gzipMemberStarts() {
        if (!gzip || !members.isComplete()) {
            return null;
        }
        long[] compressed = new long[members.count()];
        long[] uncompressed = new long[members.count()];
        for (int i = 0; i < compressed.length; i++) {
            compressed[i] = members.compressedStart(i);
            uncompressed[i] = members.uncompressedStart(i);
        }
        return new long[][] {compressed, uncompressed};
    }

    /**
     * Restores the gzip member starts that {@link #gzipMemberStarts} gave for this same file (a kept index keyed by
     * its size, time and first bytes); only on a dump not read yet.
     */
    public synchronized void restoreGzipMemberStarts(long[] compressed, long[] uncompressed) {
        if (!gzip || members.count() > 0 || compressed.length != uncompressed.length) {
            return;
        }
        for (int i = 0; i < compressed.length; i++) {
            members.add(compressed[i], uncompressed[i]);
        }
        members.markComplete();
    }

    /** Random access to the uncompressed bytes, for reading objects lazily once the dump is indexed. */
    public synchronized RandomAccessDump randomAccess() throws IOException {
        if (randomAccess == null) {
            randomAccess = RandomAccessDump.open(this, members);
        }
        return randomAccess;
    }

    @Override
    public synchronized void close() throws IOException {
        if (randomAccess != null) {
            randomAccess.close();
            randomAccess = null;
        }
    }
}
