package heaptriage.heap;

import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HprofException;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.Storage;
import heaptriage.memory.WorkDir;
import heaptriage.memory.WorkDirException;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;

/**
 * Keeps a dump's index in a folder so that the next command on the same dump reads it instead of parsing the dump
 * again, as Eclipse MAT keeps its index files. The folder holds the per-object arrays as raw files (written in one
 * sequential pass each, read back by mapping them once their checksums match), the small tables in one meta file,
 * and a manifest written last that keys the index to the dump (see {@link IndexManifest}). An index that no longer
 * matches its dump is not used; one that cannot be read is ignored: either way the dump is parsed, and the listener
 * hears why.
 */
public final class IndexStore {
    private static final String ADDRESSES = "addresses.bin";
    private static final String RECORD_OFFSETS = "record-offsets.bin";
    private static final String CLASS_SLOTS = "class-slots.bin";
    private static final String SHALLOW_SIZES = "shallow-sizes.bin";
    private static final String OUTBOUND_OFFSETS = "outbound-offsets.bin";
    private static final String OUTBOUND_TARGETS = "outbound-targets.bin";
    private static final String META = "meta.bin";
    /** Work-folder indexes are named by a hash of the dump's canonical path. */
    private static final String WORK_DIR_PREFIX = "heaptriage-kept-";
    private static final String BESIDE_SUFFIX = ".heaptriage-index";

    private IndexStore() {
    }

    /**
     * The snapshot of one heap dump of the file ({@code heapDump}: 1-based, or {@link HeapIndexer#LAST_HEAP_DUMP}):
     * read from a matching kept index when {@code policy} allows and one is found (beside the dump or in the work
     * folder), else parsed, and then kept where {@code policy} says.
     *
     * @throws WorkDirException when the index is to be kept where it cannot be written, or that disk lacks the space;
     *                          a folder beside the dump that is not writable is refused before the dump is read
     */
    public static HeapSnapshot open(DumpFile dump, int heapDump, IndexListener listener, MemorySettings memory,
                                    IndexPolicy policy) throws HprofException, WorkDirException {
        dump.useWorkFolder(memory.workDirParent()); // a reused index's field reads may decompress a gzip dump there
        IndexManifest.Key key = null;
        if (policy.reuse() || policy.keep() != IndexPolicy.Keep.NONE) {
            key = keyOf(dump, heapDump);
        }
        if (policy.reuse()) {
            for (Path folder : candidates(dump.path(), heapDump, memory.workDirParent())) {
                HeapSnapshot reused = tryLoad(folder, key, dump, memory, listener);
                if (reused != null) {
                    return reused;
                }
            }
        }
        Path target = null;
        if (policy.keep() != IndexPolicy.Keep.NONE) {
            target = folderFor(dump.path(), heapDump, policy.keep(), memory.workDirParent());
            checkWritable(target.getParent(), policy.keep());
        }
        HeapSnapshot snapshot = HeapIndexer.index(dump, heapDump, listener, memory);
        if (target != null) {
            try {
                save(snapshot, key, target);
            } catch (WorkDirException | RuntimeException | Error e) {
                closeQuietly(snapshot);
                throw e;
            }
            snapshot.keptIn(target);
            listener.keptIndex(KeptIndexEvent.kept(target));
        }
        return snapshot;
    }

    /** Where the index of this dump is kept for {@code where}: beside the dump, or in the work folder. */
    public static Path folderFor(Path dump, int heapDump, IndexPolicy.Keep where, Path workDirParent) {
        String suffix = heapDump == HeapIndexer.LAST_HEAP_DUMP ? "" : "-dump" + heapDump;
        Path absolute = dump.toAbsolutePath();
        if (where == IndexPolicy.Keep.BESIDE_DUMP) {
            return absolute.resolveSibling(absolute.getFileName() + BESIDE_SUFFIX + suffix);
        }
        String canonical;
        try {
            canonical = absolute.toRealPath().toString();
        } catch (IOException e) {
            canonical = absolute.normalize().toString();
        }
        String hash = IndexManifest.sha256(canonical.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 16);
        return workDirParent.toAbsolutePath().resolve(WORK_DIR_PREFIX + hash + suffix);
    }

    private static IndexManifest.Key keyOf(DumpFile dump, int heapDump) throws DumpNotReadableException {
        try {
            return IndexManifest.Key.of(dump.path(), heapDump);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** Kept index folders that exist for this dump: beside it first, then in the work folder. */
    private static List<Path> candidates(Path dump, int heapDump, Path workDirParent) {
        List<Path> found = new ArrayList<>();
        for (IndexPolicy.Keep where : List.of(IndexPolicy.Keep.BESIDE_DUMP, IndexPolicy.Keep.WORK_DIR)) {
            Path folder = folderFor(dump, heapDump, where, workDirParent);
            if (Files.isDirectory(folder)) {
                found.add(folder);
            }
        }
        return found;
    }

    /** The snapshot from this kept index, or null (the listener hears why) when it is stale or damaged. */
    private static HeapSnapshot tryLoad(Path folder, IndexManifest.Key key, DumpFile dump, MemorySettings memory,
                                        IndexListener listener) throws WorkDirException {
        IndexManifest manifest;
        try {
            manifest = IndexManifest.read(folder.resolve(IndexManifest.FILE_NAME));
        } catch (IOException e) {
            listener.keptIndex(KeptIndexEvent.damaged(folder, messageOf(e)));
            return null;
        }
        IndexManifest.Change change = manifest.changeFrom(key);
        if (change != null) {
            listener.keptIndex(KeptIndexEvent.stale(folder, change));
            return null;
        }
        try {
            HeapSnapshot snapshot = load(folder, manifest, dump, memory);
            listener.keptIndex(KeptIndexEvent.reused(folder));
            return snapshot;
        } catch (WorkDirException e) {
            throw e; // not the index's fault: the graph phases' own work folder cannot be made
        } catch (IOException | CorruptHprofException | RuntimeException e) {
            listener.keptIndex(KeptIndexEvent.damaged(folder, messageOf(e)));
            return null;
        }
    }

    private static HeapSnapshot load(Path folder, IndexManifest m, DumpFile dump, MemorySettings memory)
            throws IOException, CorruptHprofException {
        byte[] meta = Files.readAllBytes(folder.resolve(META));
        if (crc(meta) != m.metaCrc()) {
            throw new IOException(META + " does not match its checksum");
        }
        SnapshotMeta.Parts parts = SnapshotMeta.read(new DataInputStream(new ByteArrayInputStream(meta)));
        if (parts.gzipMemberStarts() != null) {
            // random access then inflates one member, as after a parse, instead of decompressing the whole dump
            dump.restoreGzipMemberStarts(parts.gzipMemberStarts()[0], parts.gzipMemberStarts()[1]);
        }
        long n = m.objects();
        LongArray addresses = WorkDir.mapLongs(arrayFile(folder, m, ADDRESSES), n);
        LongArray recordOffsets = WorkDir.mapLongs(arrayFile(folder, m, RECORD_OFFSETS), n);
        IntArray classSlots = WorkDir.mapInts(arrayFile(folder, m, CLASS_SLOTS), n);
        IntArray shallow = WorkDir.mapInts(arrayFile(folder, m, SHALLOW_SIZES), n);
        IntArray outboundOffsets = WorkDir.mapInts(arrayFile(folder, m, OUTBOUND_OFFSETS), n + 1);
        IntArray outboundTargets = WorkDir.mapInts(arrayFile(folder, m, OUTBOUND_TARGETS), m.references());
        if (n < 2 || outboundOffsets.get(n) > m.references()) {
            throw new IOException("its reference offsets do not fit its " + m.references() + " references");
        }
        // the graph phases' arrays go where the budget says, as after a parse
        Storage storage = memory.storageFor(HeapIndexer.estimatedNeed(n, m.references()));
        try {
            return new HeapSnapshot(dump, parts.header(), parts.summary(), parts.sizes(), parts.classTable(), addresses,
                    new AddressIndex(addresses, storage), recordOffsets, classSlots, shallow, parts.hugeSizes(),
                    outboundOffsets, outboundTargets, parts.roots(), parts.danglingReferences(), parts.stackTraces(),
                    storage, folder);
        } catch (RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    /**
     * An array file of the index, checked against the length and the CRC-32C the manifest recorded for it: the whole
     * file is read once, so a byte changed in place (a disk error, a stray write) is found here instead of giving a
     * wrong report or failing in a later phase.
     */
    private static Path arrayFile(Path folder, IndexManifest m, String name) throws IOException {
        Long bytes = m.fileBytes().get(name);
        Long crc = m.fileCrc32c().get(name);
        if (bytes == null || crc == null) {
            throw new IOException(IndexManifest.FILE_NAME + " does not list " + name + " with its checksum");
        }
        Path file = folder.resolve(name);
        long actual = Files.size(file);
        if (actual != bytes) {
            throw new IOException(name + " holds " + actual + " bytes instead of " + bytes + " (cut short or replaced)");
        }
        if (WorkDir.crc32c(file) != crc) {
            throw new IOException(name + " does not match its checksum");
        }
        return file;
    }

    /**
     * Saves the snapshot's index as {@code target}: written into a new work folder beside it (its disk checked for the
     * space first), then renamed into place, replacing an older one. Nothing is left behind when writing fails.
     */
    static void save(HeapSnapshot s, IndexManifest.Key key, Path target) throws WorkDirException {
        byte[] meta = metaBytes(s);
        Map<String, Long> files = new LinkedHashMap<>();
        Map<String, Long> crcs = new LinkedHashMap<>();
        files.put(ADDRESSES, s.addresses().bytes());
        files.put(RECORD_OFFSETS, s.recordOffsets().bytes());
        files.put(CLASS_SLOTS, s.classSlots().bytes());
        files.put(SHALLOW_SIZES, s.storedShallowSizes().bytes());
        files.put(OUTBOUND_OFFSETS, s.outboundOffsets().bytes());
        files.put(OUTBOUND_TARGETS, s.outboundTargets().bytes());
        long total = meta.length + files.values().stream().mapToLong(Long::longValue).sum() + 4096;
        checkSpace(target.getParent(), total);
        WorkDir folder = WorkDir.create(target.getParent(), total);
        try {
            Path dir = folder.path();
            crcs.put(ADDRESSES, write(dir.resolve(ADDRESSES), s.addresses()));
            crcs.put(RECORD_OFFSETS, write(dir.resolve(RECORD_OFFSETS), s.recordOffsets()));
            crcs.put(CLASS_SLOTS, write(dir.resolve(CLASS_SLOTS), s.classSlots()));
            crcs.put(SHALLOW_SIZES, write(dir.resolve(SHALLOW_SIZES), s.storedShallowSizes()));
            crcs.put(OUTBOUND_OFFSETS, write(dir.resolve(OUTBOUND_OFFSETS), s.outboundOffsets()));
            crcs.put(OUTBOUND_TARGETS, write(dir.resolve(OUTBOUND_TARGETS), s.outboundTargets()));
            Files.write(dir.resolve(META), meta);
            new IndexManifest(IndexManifest.FORMAT, IndexManifest.toolVersion(), key, s.objectCount(),
                    s.outboundTargets().length(), files, crcs, crc(meta)).write(dir.resolve(IndexManifest.FILE_NAME));
            folder.keepAs(target);
        } catch (IOException e) {
            folder.close();
            if (keptMeanwhile(target, key)) {
                return; // another command on the same dump kept the same index first
            }
            throw new WorkDirException("cannot keep the index in " + target + ": " + messageOf(e)
                    + "; give --work-dir a writable folder with free space, or leave out --keep-index", e);
        }
    }

    /** Refuses, before anything is written, a disk that cannot hold the index, saying what to do instead. */
    private static void checkSpace(Path parent, long bytes) throws WorkDirException {
        long free;
        try {
            free = Files.getFileStore(parent).getUsableSpace();
        } catch (IOException e) {
            throw new WorkDirException("cannot keep the index in " + parent + ": " + messageOf(e)
                    + "; give --work-dir a writable folder, or leave out --keep-index", e);
        }
        if (free < bytes) {
            throw new WorkDirException(String.format(java.util.Locale.ROOT,
                    "not enough disk space to keep the index in %s: it needs about %,d MiB, %,d MiB is free; give "
                            + "--work-dir a folder on a bigger disk, or leave out --keep-index",
                    parent, Math.max(1, bytes >> 20), free >> 20));
        }
    }

    /** Whether {@code target} now holds a complete index of the same dump (another process won the rename). */
    private static boolean keptMeanwhile(Path target, IndexManifest.Key key) {
        try {
            return IndexManifest.read(target.resolve(IndexManifest.FILE_NAME)).changeFrom(key) == null;
        } catch (IOException e) {
            return false;
        }
    }

    private static byte[] metaBytes(HeapSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            SnapshotMeta.write(s, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a byte array does not fail
        }
        return bytes.toByteArray();
    }

    /** Writes the array as {@code file} and returns the CRC-32C of its bytes, taken as they were written. */
    private static long write(Path file, IntArray array) throws IOException {
        CRC32C sum = new CRC32C();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            array.writeTo(out, sum);
        }
        return sum.getValue();
    }

    /** As {@link #write(Path, IntArray)} for an array of longs. */
    private static long write(Path file, LongArray array) throws IOException {
        CRC32C sum = new CRC32C();
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            array.writeTo(out, sum);
        }
        return sum.getValue();
    }

    /** Refuses, before the dump is read, a place where the index cannot be kept. */
    private static void checkWritable(Path parent, IndexPolicy.Keep where) throws WorkDirException {
        if (where == IndexPolicy.Keep.BESIDE_DUMP) {
            if (!Files.isDirectory(parent) || !Files.isWritable(parent)) {
                throw new WorkDirException("the dump's folder " + parent + " is not writable, so the index cannot be"
                        + " kept beside the dump: give --keep-index instead, which keeps it in the work folder");
            }
            return;
        }
        try {
            Files.createDirectories(parent);
        } catch (IOException e) {
            throw new WorkDirException("cannot create the work folder " + parent + " for the kept index: "
                    + messageOf(e) + "; give --work-dir a writable folder", e);
        }
        if (!Files.isWritable(parent)) {
            throw new WorkDirException("the work folder " + parent + " is not writable, so the index cannot be kept"
                    + " there; give --work-dir a writable folder");
        }
    }

    private static long crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return crc.getValue();
    }

    private static String messageOf(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void closeQuietly(HeapSnapshot s) {
        try {
            s.close();
        } catch (IOException | RuntimeException e) {
            // the failure being reported matters more
        }
    }
}
