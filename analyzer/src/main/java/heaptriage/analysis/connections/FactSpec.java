package heaptriage.analysis.connections;

import java.util.List;
import java.util.Map;

/**
 * How to read one fact (url, host, user...): the first of {@code paths} that resolves to a non-null value wins
 * (alternatives cover field names that changed between library versions). {@code labels} optionally turns raw
 * values into words, e.g. Hikari's entry state {@code 1} into {@code in use}.
 */
public record FactSpec(List<FieldPath> paths, Map<String, String> labels) {
    public FactSpec {
        paths = List.copyOf(paths);
        labels = Map.copyOf(labels);
    }
}
