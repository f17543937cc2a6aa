package heaptriage.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds the shared reference dumps (real dumps with Eclipse MAT's numbers and the JVM's own histograms) beside the
 * repository, in {@code ../shared/reference-dumps}. A fresh clone does not have them: tests then skip, saying so.
 */
public final class ReferenceDumps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private ReferenceDumps() {
    }

    /** The folder, or empty when this checkout has no shared material next to it. */
    public static java.util.Optional<Path> folder() {
        String override = System.getenv("HEAPTRIAGE_REFERENCE_DUMPS");
        if (override != null && Files.isDirectory(Path.of(override))) {
            return java.util.Optional.of(Path.of(override));
        }
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolveSibling("shared").resolve("reference-dumps");
            if (Files.isDirectory(candidate)) {
                return java.util.Optional.of(candidate);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * The reference dump names (e.g. {@code pub-h2-leak}). Without the folder, one placeholder name, so that each
     * test factory yields one test that is reported as skipped, with the reason, rather than silently nothing.
     */
    public static List<String> names() throws IOException {
        if (folder().isEmpty()) {
            return List.of("reference-dumps-absent");
        }
        Path dir = folder().get();
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".mat.json"))
                    .map(n -> n.substring(0, n.length() - ".mat.json".length()))
                    .sorted().toList();
        }
    }

    public static Path requireFolder() {
        java.util.Optional<Path> dir = folder();
        Assumptions.assumeTrue(dir.isPresent(),
                "skipped: ../shared/reference-dumps is not beside this checkout (CI has it; a fresh clone does not)");
        return dir.get();
    }

    public static Path dump(String name) {
        return requireFolder().resolve(name + ".hprof.gz");
    }

    public static JsonNode mat(String name) throws IOException {
        return JSON.readTree(requireFolder().resolve(name + ".mat.json").toFile());
    }

    public static JsonNode truth(String name) throws IOException {
        return JSON.readTree(requireFolder().resolve(name + ".truth.json").toFile());
    }

    public static Path histogramAfterDump(String name) {
        return requireFolder().resolve(name + ".histo-after.txt");
    }
}
