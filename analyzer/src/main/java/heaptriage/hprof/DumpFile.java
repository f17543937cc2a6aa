package heaptriage.hprof;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
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
    /** A gzip file's last four bytes as its trailer's uncompressed size (modulo 2^32), or 0. */
    private final long gzipTrailerSize;
    private final GzipMemberIndex members = new GzipMemberIndex();
    private String gzipComment;
    private RandomAccessDump randomAccess;
    /** A whole plain copy of a gzip dump's bytes, written by its first full read; null until then, or for a plain file. */
    private Path inflatedCopy;
    /** Why the gzip data ended early, as the read that made the copy found it. */
    private String inflatedCopyDamage;
    /** Where a gzip dump's temporary files go (its plain copy, its file for field reads); null: the system's. */
    private Path workFolder;

    private DumpFile(Path path, long fileBytes, boolean gzip, long gzipTrailerSize) {
        this.path = path;
        this.fileBytes = fileBytes;
        this.gzip = gzip;
        this.gzipTrailerSize = gzipTrailerSize;
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
                return new DumpFile(path, size, gz, gz ? trailerSize(path, size) : 0);
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

    /** How the passes reach the uncompressed bytes. */
    public enum Reading {
        /** A plain file, read in place. */
        IN_PLACE(false),
        /** A gzip dump inflated once, into a plain copy that later passes and field reads use. */
        PLAIN_COPY(false),
        /** A chunked gzip dump: each pass inflates it in order, field reads inflate single members. */
        MEMBER_BY_MEMBER(true),
        /** A gzip dump without a copy (not made yet, or no room for it): each pass inflates it in order. */
        INFLATED_BY_EACH_PASS(true);

        private final boolean inOrderOnly;

        Reading(boolean inOrderOnly) {
            this.inOrderOnly = inOrderOnly;
        }
    }

    /** How the passes reach the uncompressed bytes, as things stand. */
    public synchronized Reading reading() {
        if (!gzip) {
            return Reading.IN_PLACE;
        }
        if (inflatedCopy != null) {
            return Reading.PLAIN_COPY;
        }
        return isChunkedGzip() ? Reading.MEMBER_BY_MEMBER : Reading.INFLATED_BY_EACH_PASS;
    }

    /**
     * Whether the uncompressed bytes can only be reached in order, by inflating all before them: a gzip dump with no
     * plain copy ({@link #openStreamCopyingInto}). Then a pass cannot be split between threads.
     */
    public boolean readsInOrderOnly() {
        return reading().inOrderOnly;
    }

    /** Opens a new sequential stream over the uncompressed HPROF bytes. */
    public HprofInput openStream() throws DumpNotReadableException, NotHprofException {
        try {
            return new HprofInput(source(), STREAM_BUFFER);
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * As {@link #openStream}, and for a gzip dump not yet copied, what the stream inflates is also written to a new
     * file in {@code folder}: once the stream is read to its end, later streams ({@link #openStreamAt} too) and random
     * access read that plain copy instead of inflating again, and {@link #close} deletes it. Nothing is copied for a
     * plain dump, a chunked gzip dump (random access enters it member by member), or when the folder cannot take the
     * file; the stream is then the one {@link #openStream} gives.
     */
    public HprofInput openStreamCopyingInto(Path folder) throws DumpNotReadableException, NotHprofException {
        useWorkFolder(folder);
        try {
            if (!readsInOrderOnly()) {
                return openStream();
            }
            ByteSource source = inflatingNow();
            try {
                source = new CopyingSource(source, this, folder, this::copied);
            } catch (IOException e) {
                // no copy (the folder is missing or not writable): the passes inflate the dump each time
            }
            return new HprofInput(readAhead(source), STREAM_BUFFER);
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /**
     * Where a gzip dump's temporary files go: its plain copy, or the file a single-member one is decompressed into for
     * field reads when there is no copy (an index reused without a pass). The system temp folder until this is said.
     */
    public synchronized void useWorkFolder(Path folder) {
        workFolder = folder;
    }

    private synchronized void copied(Path file, String damage) {
        if (inflatedCopy != null) {
            deleteQuietly(file); // another full read copied it first
            return;
        }
        inflatedCopy = file;
        inflatedCopyDamage = damage;
    }

    /** The uncompressed bytes from their start: the file itself, its plain copy, or inflated from the gzip file. */
    private synchronized ByteSource source() throws IOException {
        if (!gzip) {
            return new PlainFileSource(path);
        }
        if (inflatedCopy != null) {
            return copySource(0);
        }
        return readAhead(inflatingNow());
    }

    /** On two cores or more, the source read ahead on a thread of its own ({@link ReadAheadSource}). */
    private static ByteSource readAhead(ByteSource source) {
        return ReadAheadSource.pays() ? new ReadAheadSource(source) : source;
    }

    /** The plain copy from {@code offset}, which reports the damage the gzip data had where it ends. */
    private ByteSource copySource(long offset) throws IOException {
        return new PlainFileSource(inflatedCopy, offset, inflatedCopyDamage);
    }

    /** The gzip data inflated in this thread, noting the first member's comment once it is read. */
    private ByteSource inflatingNow() throws IOException {
        GzipSource gz = new GzipSource(path, members);
        return new ByteSource() {
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
    }

    /**
     * Opens a sequential stream over a plain dump that starts at {@code offset}, a record's start that an earlier
     * pass found, for identifiers of {@code idSize} bytes: one thread's share of a pass split between threads. Not for
     * gzip files, whose bytes can only be reached by inflating everything before them.
     */
    public HprofInput openStreamAt(long offset, int idSize) throws DumpNotReadableException {
        if (readsInOrderOnly()) {
            throw new IllegalStateException("a gzip dump is read from its start: " + path);
        }
        try {
            ByteSource source = gzip ? copySource(offset) : new PlainFileSource(path, offset, null);
            HprofInput in = new HprofInput(source, STREAM_BUFFER, offset);
            in.setIdSize(idSize);
            return in;
        } catch (IOException e) {
            throw new DumpNotReadableException(path + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The last four bytes, little-endian: a gzip member's uncompressed size modulo 2^32. */
    private static long trailerSize(Path path, long size) throws IOException {
        if (size < 4) {
            return 0;
        }
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            ByteBuffer last = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            channel.read(last, size - 4);
            return last.hasRemaining() ? 0 : Integer.toUnsignedLong(last.getInt(0));
        }
    }

    /**
     * The uncompressed size to plan for before anything is read: a plain file's size; for gzip, four times the file's
     * size, or the size its trailer gives when that is more (exact for a single-member file under 4 GiB uncompressed;
     * a wrapped value, or a chunked file's last member, is smaller, so the guess stands). The launcher sizes the heap
     * by the same rule.
     */
    public long plannedHprofBytes() {
        return gzip ? Math.max(4 * fileBytes, gzipTrailerSize) : fileBytes;
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
            randomAccess = RandomAccessDump.open(this, members, inflatedCopy, workFolder);
        }
        return randomAccess;
    }

    @Override
    public synchronized void close() throws IOException {
        if (randomAccess != null) {
            randomAccess.close();
            randomAccess = null;
        }
        if (inflatedCopy != null) {
            deleteQuietly(inflatedCopy);
            inflatedCopy = null;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the JVM's exit hook deletes it
        }
    }
}
