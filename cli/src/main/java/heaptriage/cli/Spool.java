package heaptriage.cli;

import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HprofException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A dump given as standard input ({@code analyze -}) or as a pipe ({@code analyze <(zcat x.gz)}) is copied to a
 * file in the work directory first: the index reads a dump twice and then at random, which a stream cannot do. The
 * copy is deleted when the command ends (and at exit, should the JVM be stopped).
 */
final class Spool {
    private static final List<Path> COPIES = new ArrayList<>();

    private Spool() {
    }

    /** Whether the argument names a stream rather than a file: {@code -}, a FIFO, or a device such as /dev/stdin. */
    static boolean isStream(Path dump) {
        return dump.toString().equals("-") || (Files.exists(dump) && !Files.isRegularFile(dump) && !Files.isDirectory(dump));
    }

    /**
     * The dump as a regular file: the argument itself, or a copy of the stream it names, made in {@code workDir}
     * (the system's temporary directory when null).
     */
    static Path asFile(Path dump, Path workDir) throws HprofException {
        if (!isStream(dump)) {
            return dump;
        }
        boolean stdin = dump.toString().equals("-");
        String what = stdin ? "standard input" : dump + " (a pipe)";
        Path folder = workDir != null ? workDir : Path.of(System.getProperty("java.io.tmpdir"));
        Path copy;
        try {
            copy = Files.createTempFile(folder, stdin ? "heaptriage-stdin-" : "heaptriage-pipe-", ".hprof");
        } catch (IOException e) {
            throw new DumpNotReadableException("cannot copy " + what + " into " + folder + ": " + e.getMessage()
                    + "; give a writable work directory", e);
        }
        register(copy);
        try (InputStream in = stdin ? System.in : Files.newInputStream(dump)) {
            long bytes = Files.copy(in, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            if (bytes == 0) {
                throw new DumpNotReadableException(what + " is empty (0 bytes): nothing was written to it");
            }
        } catch (IOException e) {
            throw new DumpNotReadableException("cannot copy " + what + " into " + folder + ": " + e.getMessage()
                    + " (is there room for the whole dump?)", e);
        }
        return copy;
    }

    private static synchronized void register(Path copy) {
        copy.toFile().deleteOnExit();
        COPIES.add(copy);
    }

    /** Deletes the copies made so far; the command has ended. */
    static synchronized void deleteAll() {
        for (Path copy : COPIES) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                // deleteOnExit tries again
            }
        }
        COPIES.clear();
    }
}
