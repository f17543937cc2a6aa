package heaptriage.reference;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Real-world dumps from public repositories (Eclipse MAT's test dumps, other heap-dump tools' test data), listed in
 * {@code sample-dumps/real-world/dumps.tsv} with their source, commit, licence and checksum. The files themselves are
 * not in this repository: a test reads them from {@code $HEAPTRIAGE_REAL_WORLD_DUMPS}, else from
 * {@code ../shared/real-world-dumps} beside the checkout, and skips, saying so, when neither is there.
 */
public final class RealWorldDumps {
    /** The folder's name beside the checkout, and the variable that overrides it. */
    public static final String FOLDER = "real-world-dumps";
    public static final String VARIABLE = "HEAPTRIAGE_REAL_WORLD_DUMPS";

    /**
     * One line of the list.
     *
     * @param file       the file's name in the folder
     * @param repository the GitHub repository it comes from ({@code owner/name})
     * @param path       its path there
     * @param commit     the commit it was taken from
     * @param licence    the repository's licence
     * @param bytes      its size
     * @param sha256     its checksum
     * @param jvm        the JVM that wrote it, as far as known
     * @param headline   the headline's holder as {@code Class.field} or {@code Class.field (static)}; {@code -} when
     *                   no application field holds a share of the heap; {@code ?} when not pinned
     */
    public record Entry(String file, String repository, String path, String commit, String licence, long bytes,
                        String sha256, String jvm, String headline) {
    }

    private RealWorldDumps() {
    }

    /** The folder with the dumps, or empty when this machine has none. */
    public static Optional<Path> folder() {
        String override = System.getenv(VARIABLE);
        if (override != null && Files.isDirectory(Path.of(override))) {
            return Optional.of(Path.of(override));
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve(FOLDER);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** The list of known real-world dumps, read from {@code sample-dumps/real-world/dumps.tsv}. */
    public static List<Entry> entries() throws IOException {
        Path list = null;
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "real-world", "dumps.tsv"),
                Path.of("sample-dumps", "real-world", "dumps.tsv")}) {
            if (Files.isRegularFile(p)) {
                list = p;
            }
        }
        if (list == null) {
            throw new IllegalStateException("sample-dumps/real-world/dumps.tsv not found from " + Path.of("").toAbsolutePath());
        }
        List<Entry> entries = new ArrayList<>();
        for (String line : Files.readAllLines(list)) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            if (f.length != 9) {
                throw new IllegalStateException(list + ": 9 tab-separated columns expected: " + line);
            }
            entries.add(new Entry(f[0], f[1], f[2], f[3], f[4], Long.parseLong(f[5]), f[6], f[7], f[8]));
        }
        return entries;
    }

    /** Dumps in the folder that the list does not name (anyone's own real dumps get the same checks). */
    public static List<Path> unlisted(Path folder, List<Entry> entries) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> {
                String n = p.getFileName().toString();
                return (n.endsWith(".hprof") || n.endsWith(".hprof.gz") || n.endsWith(".bin"))
                        && entries.stream().noneMatch(e -> e.file().equals(n));
            }).sorted().toList();
        }
    }
}
