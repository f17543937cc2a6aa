package heaptriage.memory;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * A private folder of index files, created under a parent folder (the system temp folder by default) and removed
 * with everything in it when closed, and also when the JVM exits for any other reason: an error, Ctrl-C or SIGTERM
 * (one shutdown hook removes every folder still open). Only SIGKILL leaves files behind.
 */
public final class WorkDir implements AutoCloseable {
    /** Mapped slices are at most 1 GiB: a mapping is int-indexed. */
    static final int SLICE_BYTES_BITS = 30;
    private static final Set<WorkDir> OPEN = ConcurrentHashMap.newKeySet();
    /** Set by the shutdown hook before it removes anything: no folder or file is created after that. */
    private static volatile boolean exiting;
    private static final Thread CLEANER = new Thread(WorkDir::removeAllOnExit, "heaptriage-workdir-cleanup");

    static {
        Runtime.getRuntime().addShutdownHook(CLEANER);
    }

    private final Path dir;
    private final int sliceBytesBits;
    private long mappedBytes;
    private int files;
    private boolean removed;

    private WorkDir(Path dir, int sliceBytesBits) {
        this.dir = dir;
        this.sliceBytesBits = sliceBytesBits;
    }

    /** The default parent: the system temp folder. */
    public static Path defaultParent() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Creates a work folder under {@code parent} after checking that its disk has {@code neededBytes} free.
     *
     * @throws WorkDirException when the space is not there or the folder cannot be created; nothing is written then
     */
    public static WorkDir create(Path parent, long neededBytes) throws WorkDirException {
        return create(parent, neededBytes, SLICE_BYTES_BITS);
    }

    /** As {@link #create(Path, long)} with smaller slices, so that tests can cross slice boundaries cheaply. */
    static WorkDir create(Path parent, long neededBytes, int sliceBytesBits) throws WorkDirException {
        long free;
        try {
            Files.createDirectories(parent);
            free = Files.getFileStore(parent).getUsableSpace();
        } catch (IOException e) {
            throw cannotCreate(parent, e);
        }
        if (free < neededBytes) {
            throw new WorkDirException(String.format(java.util.Locale.ROOT,
                    "not enough disk space for the index in %s: it needs about %,d MiB, %,d MiB is free; "
                            + "give --work-dir a folder on a bigger disk, or --memory more memory",
                    parent, neededBytes >> 20, free >> 20));
        }
        try {
            WorkDir work = new WorkDir(Files.createTempDirectory(parent, "heaptriage-index-"), sliceBytesBits);
            OPEN.add(work);
            if (exiting) { // the shutdown hook may have run between the two lines above
                work.close();
                throw new WorkDirException("the JVM is exiting: no index folder is created");
            }
            return work;
        } catch (IOException e) {
            throw cannotCreate(parent, e);
        }
    }

    private static WorkDirException cannotCreate(Path parent, IOException e) {
        return new WorkDirException("cannot create the index folder in " + parent + ": " + e
                + "; give --work-dir a writable folder", e);
    }

    public Path path() {
        return dir;
    }

    /** Bytes of the files mapped now (released arrays no longer count). */
    public synchronized long mappedBytes() {
        return mappedBytes;
    }

    /** One mapped index file: its slices, and how to give its memory and disk back. */
    record MappedFile(WorkDir owner, Path file, long bytes, MappedByteBuffer[] slices) {
        /** See {@link WorkDir#release}. */
        void release() {
            owner.release(this);
        }
    }

    /** A new zeroed file of {@code bytes}, mapped read-write in slices. */
    synchronized MappedFile map(long bytes) throws IOException {
        if (removed) {
            throw new IOException("the index folder " + dir + " was removed (the JVM is exiting or the analysis ended)");
        }
        Path file = dir.resolve("array-" + (files++) + ".bin");
        MappedByteBuffer[] slices;
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(bytes); // sparse: disk blocks are taken as pages are written
            slices = mapSlices(raf.getChannel(), FileChannel.MapMode.READ_WRITE, bytes, sliceBytesBits);
        }
        mappedBytes += bytes;
        return new MappedFile(this, file, bytes, slices);
    }

    /**
     * Gives a dead array's memory and disk back at once: the file is cut to zero length, which drops its pages from
     * the page cache without writing the dirty ones to disk (a deleted but still mapped file would be written back
     * under memory pressure), then deleted. The caller has already cut the array off its slices.
     */
    synchronized void release(MappedFile mapped) {
        if (removed) {
            return;
        }
        try (RandomAccessFile raf = new RandomAccessFile(mapped.file().toFile(), "rw")) {
            raf.setLength(0);
        } catch (IOException e) {
            // best effort: the folder's removal deletes it anyway
        }
        mapped.file().toFile().delete();
        mappedBytes -= mapped.bytes();
    }

    /** Maps {@code bytes} of a file in slices of {@code 2^sliceBytesBits} bytes (the last one may be shorter). */
    private static MappedByteBuffer[] mapSlices(FileChannel channel, FileChannel.MapMode mode, long bytes,
                                                int sliceBytesBits) throws IOException {
        long slice = 1L << sliceBytesBits;
        int count = (int) Math.max(1, (bytes + slice - 1) / slice);
        MappedByteBuffer[] slices = new MappedByteBuffer[count];
        for (int i = 0; i < count; i++) {
            long from = i * slice;
            slices[i] = channel.map(mode, from, Math.min(slice, bytes - from));
        }
        return slices;
    }

    /**
     * Maps a file written by {@link IntArray#writeTo} as an array of {@code length} ints, read-only: the file is
     * never changed through it (a write throws).
     *
     * @throws IOException when the file cannot be opened or is shorter than the array
     */
    public static IntArray mapInts(Path file, long length) throws IOException {
        return IntArray.mapped(mapExisting(file, length * Integer.BYTES), SLICE_BYTES_BITS, length);
    }

    /** As {@link #mapInts} for an array of longs written by {@link LongArray#writeTo}. */
    public static LongArray mapLongs(Path file, long length) throws IOException {
        return LongArray.mapped(mapExisting(file, length * Long.BYTES), SLICE_BYTES_BITS, length);
    }

    /** Bytes per read when a kept file is checked: 1 MiB, as {@link IntArray#writeTo} writes. */
    private static final int CHECK_CHUNK = 1 << 20;

    /**
     * The CRC-32C of every byte of a file written by {@code writeTo}, for checking a kept file before it is mapped
     * against the sum taken while it was written. Read through a channel rather than through the mapping: on the 1 GiB dump's 643 MiB index (in the page
     * cache) it took 39 to 74 ms in 1 MiB reads against 24 to 50 ms mapped, but a mapping read whole stays resident in
     * the process (peak RSS 700 MB instead of 48 MB), so a command that touches little of the index (histogram) would
     * hold all of it.
     */
    public static long crc32c(Path file) throws IOException {
        CRC32C sum = new CRC32C();
        ByteBuffer chunk = ByteBuffer.allocateDirect(CHECK_CHUNK);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            while (channel.read(chunk.clear()) >= 0) {
                sum.update(chunk.flip());
            }
        }
        return sum.getValue();
    }

    private static MappedByteBuffer[] mapExisting(Path file, long bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            if (channel.size() != bytes) {
                throw new IOException(file + " holds " + channel.size() + " bytes instead of " + bytes);
            }
            return mapSlices(channel, FileChannel.MapMode.READ_ONLY, bytes, SLICE_BYTES_BITS);
        }
    }

    /**
     * Keeps this folder's files as {@code target}, replacing what is there: the folder is renamed (one atomic step on
     * one file system, so a reader finds the old folder or the complete new one) and is no longer removed on close
     * or exit.
     *
     * @throws IOException when the folder cannot be renamed; it is then removed as on close
     */
    public synchronized void keepAs(Path target) throws IOException {
        if (removed) {
            throw new IOException("the index folder " + dir + " was removed (the JVM is exiting)");
        }
        try {
            if (Files.exists(target)) {
                deleteTree(target);
            }
            Files.move(dir, target, StandardCopyOption.ATOMIC_MOVE);
            OPEN.remove(this);
            removed = true; // nothing may be mapped into it any more: it is no longer ours
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Mapped array of ints, zeroed. */
    public IntArray ints(long length) throws IOException {
        return IntArray.mapped(map(length * Integer.BYTES), sliceBytesBits, length);
    }

    /** Mapped array of longs, zeroed. */
    public LongArray longs(long length) throws IOException {
        return LongArray.mapped(map(length * Long.BYTES), sliceBytesBits, length);
    }

    /** Removes the folder and its files. Mappings stay readable until collected; the disk space frees then. */
    @Override
    public void close() {
        if (OPEN.remove(this)) {
            remove();
        }
    }

    /**
     * Deletes the folder. Synchronized with {@link #map}: a file is either created before the folder is removed (and
     * removed with it) or refused after, so a signal arriving while the analysis maps a new array leaves nothing.
     */
    private synchronized void remove() {
        removed = true;
        deleteTree(dir);
    }

    private static void removeAllOnExit() {
        exiting = true;
        OPEN.forEach(WorkDir::remove);
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | RuntimeException e) {
            // best effort: nothing else can be done while exiting
        }
    }
}
