package heaptriage.heap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The small text file that says which dump a kept index belongs to and what it holds: the key (the dump's
 * canonical path, size, modification time and a hash of its first KiB, and which heap dump of the file), the
 * index format and tool versions, the object and reference counts, each array file's length in bytes and CRC-32C
 * (taken while it was written), and the meta file's checksum. It is written last, so a folder with a readable
 * manifest was written completely.
 *
 * @param format      the index format version ({@link #FORMAT})
 * @param tool        the version of the tool that wrote it
 * @param key         the dump it was made from
 * @param objects     objects in the index
 * @param references  length of the outbound target array
 * @param fileBytes   each array file's length, by file name
 * @param fileCrc32c  each array file's CRC-32C, by file name
 * @param metaCrc     CRC-32 of the meta file
 */
public record IndexManifest(int format, String tool, Key key, long objects, long references,
                            Map<String, Long> fileBytes, Map<String, Long> fileCrc32c, long metaCrc) {
    /** The index format: raise it whenever what is saved, or how the parse computes it, changes. */
    public static final int FORMAT = 3; // 2: gzip member starts in the meta file; 3: array files' CRC-32C
    /** The end of an array file's checksum property, after {@code file.<name>}. */
    private static final String CRC32C_SUFFIX = ".crc32c";
    static final String FILE_NAME = "manifest.properties";
    /** How much of the dump's start the key hashes: the header and the first records. */
    private static final int HASHED_BYTES = 1024;

    public IndexManifest {
        fileBytes = Map.copyOf(fileBytes);
        fileCrc32c = Map.copyOf(fileCrc32c);
    }

    /**
     * What identifies a dump: where it is, how big, when last written, a hash of its first KiB, and which of its heap
     * dumps was indexed (0: the last).
     */
    public record Key(String dumpPath, long dumpBytes, long modifiedMillis, String headHash, int heapDump) {
        /** The key of the dump file as it is now. */
        static Key of(Path dump, int heapDump) throws IOException {
            byte[] head;
            try (InputStream in = Files.newInputStream(dump)) {
                head = in.readNBytes(HASHED_BYTES);
            }
            return new Key(dump.toRealPath().toString(), Files.size(dump), Files.getLastModifiedTime(dump).toMillis(),
                    sha256(head), heapDump);
        }
    }

    /** What makes a kept index stale: the first difference found. */
    public enum Change {
        /** The index was written by another format or tool version. */
        VERSION,
        /** The index belongs to a dump at another path (it was moved, or copied with the dump). */
        PATH,
        /** The dump's size changed. */
        SIZE,
        /** The dump was written again (its modification time changed). */
        MODIFIED,
        /** The dump's first bytes changed. */
        CONTENT,
        /** Another heap dump of the file was indexed. */
        HEAP_DUMP
    }

    /** What differs between this index and the dump {@code now}, or null when it matches. */
    Change changeFrom(Key now) {
        if (format != FORMAT || !tool.equals(toolVersion())) {
            return Change.VERSION;
        }
        if (!key.dumpPath().equals(now.dumpPath())) {
            return Change.PATH;
        }
        if (key.dumpBytes() != now.dumpBytes()) {
            return Change.SIZE;
        }
        if (key.modifiedMillis() != now.modifiedMillis()) {
            return Change.MODIFIED;
        }
        if (!key.headHash().equals(now.headHash())) {
            return Change.CONTENT;
        }
        return key.heapDump() != now.heapDump() ? Change.HEAP_DUMP : null;
    }

    /**
     * This build: the version the jar's manifest names ("development" when run from classes) and the jar's size and
     * time, so that a rebuilt jar (a snapshot version keeps its name while the parse may change) never reads an
     * index an older build wrote.
     */
    static String toolVersion() {
        String v = IndexManifest.class.getPackage().getImplementationVersion();
        String build = "classes";
        try {
            Path code = Path.of(IndexManifest.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(code)) {
                build = Files.size(code) + " bytes of " + Files.getLastModifiedTime(code).toInstant();
            }
        } catch (Exception e) { // no code source, not a file: the version alone
            build = "unknown";
        }
        return (v == null ? "development" : v) + ", " + build;
    }

    void write(Path file) throws IOException {
        Properties p = new Properties();
        p.setProperty("format", Integer.toString(format));
        p.setProperty("tool", tool);
        p.setProperty("dump.path", key.dumpPath());
        p.setProperty("dump.bytes", Long.toString(key.dumpBytes()));
        p.setProperty("dump.modifiedMillis", Long.toString(key.modifiedMillis()));
        p.setProperty("dump.headSha256", key.headHash());
        p.setProperty("dump.heapDump", Integer.toString(key.heapDump()));
        p.setProperty("objects", Long.toString(objects));
        p.setProperty("references", Long.toString(references));
        p.setProperty("meta.crc32", Long.toString(metaCrc));
        fileBytes.forEach((name, bytes) -> p.setProperty("file." + name, Long.toString(bytes)));
        fileCrc32c.forEach((name, crc) -> p.setProperty("file." + name + CRC32C_SUFFIX, Long.toString(crc)));
        try (OutputStream out = Files.newOutputStream(file)) {
            p.store(out, "Heap Triage kept index: delete this folder to remove it");
        }
    }

    /**
     * Reads a manifest.
     *
     * @throws IOException when it is missing, unreadable or lacks a value; the message says which
     */
    static IndexManifest read(Path file) throws IOException {
        Properties p = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            p.load(in);
        } catch (IllegalArgumentException e) {
            throw new IOException(file.getFileName() + " is not a valid manifest: " + e.getMessage(), e);
        }
        Key key = new Key(text(p, "dump.path"), number(p, "dump.bytes"), number(p, "dump.modifiedMillis"),
                text(p, "dump.headSha256"), (int) number(p, "dump.heapDump"));
        Map<String, Long> files = new LinkedHashMap<>();
        Map<String, Long> crcs = new LinkedHashMap<>();
        for (String name : p.stringPropertyNames()) {
            if (name.startsWith("file.") && name.endsWith(CRC32C_SUFFIX)) {
                crcs.put(name.substring("file.".length(), name.length() - CRC32C_SUFFIX.length()), number(p, name));
            } else if (name.startsWith("file.")) {
                files.put(name.substring("file.".length()), number(p, name));
            }
        }
        return new IndexManifest((int) number(p, "format"), text(p, "tool"), key, number(p, "objects"),
                number(p, "references"), files, crcs, number(p, "meta.crc32"));
    }

    private static String text(Properties p, String name) throws IOException {
        String v = p.getProperty(name);
        if (v == null || v.isBlank()) {
            throw new IOException(FILE_NAME + " has no " + name);
        }
        return v.trim();
    }

    private static long number(Properties p, String name) throws IOException {
        String v = text(p, name);
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw new IOException(FILE_NAME + " has " + name + " = '" + v + "', not a number", e);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
