package heaptriage.analysis.connections;

import com.fasterxml.jackson.annotation.JsonIgnore;
import heaptriage.analysis.PathStep;

import java.util.List;
import java.util.Map;

/**
 * One kind of connection held by one holder, with the verdict. Field names are the JSON keys of the report's
 * {@code connections} array, which CI jobs read.
 */
public record ConnectionFinding(
        String category,
        String kind,
        String displayName,
        String className,
        long count,
        long open,
        long closed,
        long unknown,
        long retainedBytes,
        long retainedBytesPerConnection,
        double percentOfHeap,
        String verdict,
        String leakType,
        String confidence,
        Holder holder,
        Pool pool,
        Map<String, String> facts,
        List<String> layers,
        boolean partial,
        String summary,
        String explanation) {

    public static final String LEAK = "leak";
    public static final String OK = "ok";

    /** Who keeps the connections: class and field (or thread), with the shortest path from a GC root. */
    public record Holder(String type, String className, String field, boolean isStatic, String container,
                         String rootKind, String description, List<PathStep> path) {
    }

    /** The pool the connections belong to, as read from its objects. */
    public record Pool(String name, String className, Integer maxSize, Integer active, Integer idle, Integer total,
                       Map<String, String> facts) {
    }

    @JsonIgnore // derived from verdict; not a key of its own
    public boolean isLeak() {
        return LEAK.equals(verdict);
    }
}
