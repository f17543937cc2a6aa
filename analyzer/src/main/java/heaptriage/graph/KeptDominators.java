package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;
import heaptriage.memory.WorkDir;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The dominator tree and retained sizes of a heap graph, kept in the dump's kept index folder beside the index they
 * were computed from, so that the next command on the dump skips the most expensive phase. They are keyed by the
 * graph's roots (which differ when unreachable objects are kept); the index's own key covers the rest. Each array is
 * written under a temporary name and renamed, and {@code dominators.properties} comes last: a reader sees a complete
 * set or none; it also records each file's CRC-32C, taken while writing it and checked before the file is mapped.
 * Keeping them is a saving, never a requirement: when they cannot be written (a read-only folder, no disk space) or
 * read back (missing, cut short, a byte changed, other roots), they are computed as usual.
 */
final class KeptDominators {
    static final String PROPERTIES = "dominators.properties";
    private static final String IDOM = "dominators-idom.bin";
    private static final String PREORDER = "dominators-preorder.bin";
    private static final String RETAINED = "retained-sizes.bin";

    /** A dominator tree and its retained sizes. */
    record Result(DominatorTree tree, LongArray retained) {
    }

    private KeptDominators() {
    }

    /** The tree and sizes kept in {@code folder} for a graph of {@code nodes} nodes with these roots, or null. */
    static Result read(Path folder, int nodes, int[] roots, Storage storage) {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(folder.resolve(PROPERTIES))) {
            p.load(in);
            if (!Long.toString(rootsKey(roots)).equals(p.getProperty("roots.crc32"))
                    || !Integer.toString(roots.length).equals(p.getProperty("roots"))
                    || !Integer.toString(nodes).equals(p.getProperty("nodes"))) {
                return null;
            }
            int reachable = Integer.parseInt(p.getProperty("reachable", "-1"));
            if (reachable < 0 || reachable > nodes) {
                return null;
            }
            if (!matchesChecksum(folder, IDOM, p) || !matchesChecksum(folder, PREORDER, p)
                    || !matchesChecksum(folder, RETAINED, p)) {
                return null;
            }
            IntArray idom = WorkDir.mapInts(folder.resolve(IDOM), nodes);
            IntArray preorder = WorkDir.mapInts(folder.resolve(PREORDER), reachable);
            LongArray retained = WorkDir.mapLongs(folder.resolve(RETAINED), nodes);
            return new Result(new DominatorTree(idom, preorder, storage), retained);
        } catch (IOException | RuntimeException e) {
            return null; // absent or unusable: computed again
        }
    }

    /** Keeps the tree and sizes in {@code folder}; silently does nothing when it cannot. */
    static void save(Path folder, int[] roots, DominatorTree tree, LongArray retained) {
        IntArray idom = tree.idoms();
        long bytes = idom.bytes() + tree.preorder().bytes() + retained.bytes();
        try {
            if (!Files.isDirectory(folder) || Files.getFileStore(folder).getUsableSpace() < bytes + (64L << 20)) {
                return;
            }
            Properties p = new Properties();
            p.setProperty(checksumKey(IDOM), Long.toString(write(folder, IDOM, idom::writeTo)));
            p.setProperty(checksumKey(PREORDER), Long.toString(write(folder, PREORDER, tree.preorder()::writeTo)));
            p.setProperty(checksumKey(RETAINED), Long.toString(write(folder, RETAINED, retained::writeTo)));
            p.setProperty("roots", Integer.toString(roots.length));
            p.setProperty("roots.crc32", Long.toString(rootsKey(roots)));
            p.setProperty("nodes", Integer.toString(tree.nodeCount()));
            p.setProperty("reachable", Integer.toString(tree.reachableCount()));
            Path temp = Files.createTempFile(folder, ".dominators-", ".tmp");
            try (OutputStream out = Files.newOutputStream(temp)) {
                p.store(out, "Heap Triage: the dominator tree kept with this index");
            }
            Files.move(temp, folder.resolve(PROPERTIES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException e) {
            // not kept: the next command computes them again
        }
    }

    /** Writes an array to a channel, adding the bytes written to a checksum. */
    private interface Writer {
        void to(FileChannel out, Checksum sum) throws IOException;
    }

    /** Writes one file under a temporary name, renames it into place, and returns its CRC-32C. */
    private static long write(Path folder, String name, Writer writer) throws IOException {
        Path temp = Files.createTempFile(folder, "." + name + "-", ".tmp");
        CRC32C sum = new CRC32C();
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.to(out, sum);
            }
            Files.move(temp, folder.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        return sum.getValue();
    }

    /** Whether the file's bytes have the CRC-32C the properties recorded for it when it was written. */
    private static boolean matchesChecksum(Path folder, String name, Properties p) throws IOException {
        return Long.toString(WorkDir.crc32c(folder.resolve(name))).equals(p.getProperty(checksumKey(name)));
    }

    private static String checksumKey(String name) {
        return "file." + name + ".crc32c";
    }

    private static long rootsKey(int[] roots) {
        CRC32 crc = new CRC32();
        for (int r : roots) {
            crc.update(r >>> 24);
            crc.update(r >>> 16);
            crc.update(r >>> 8);
            crc.update(r);
        }
        return crc.getValue();
    }
}
