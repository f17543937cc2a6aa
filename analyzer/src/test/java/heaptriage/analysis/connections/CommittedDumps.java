package heaptriage.analysis.connections;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.heap.HeapSnapshot;
import heaptriage.reference.Snapshots;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The small real dumps committed in {@code sample-dumps/dumps}, with their truth files. */
final class CommittedDumps {
    private static final ObjectMapper JSON = new ObjectMapper();

    private CommittedDumps() {
    }

    static Path folder() {
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "dumps"), Path.of("sample-dumps", "dumps")}) {
            if (Files.isDirectory(p)) {
                return p.toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("sample-dumps/dumps not found from " + Path.of("").toAbsolutePath());
    }

    /** The indexed dump, shared with other test classes of this JVM. */
    static HeapSnapshot snapshot(String name) throws Exception {
        return Snapshots.of(folder().resolve(name + ".hprof.gz"));
    }

    static JsonNode truth(String name) throws IOException {
        return JSON.readTree(folder().resolve(name + ".truth.json").toFile());
    }
}
