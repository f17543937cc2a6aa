package heaptriage.analysis.connections;

import java.util.List;
import java.util.Map;

/**
 * What one connection object says about itself: its kind, state (with the field values that decided it), facts
 * (url, host, user..., secrets masked unless asked for) and the inner connection objects it wraps.
 */
public record ConnectionInfo(int object, String className, ConnectionKind kind, ConnectionState state,
                             String stateEvidence, Map<String, String> facts, List<Layer> layers) {
    public ConnectionInfo {
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
        layers = List.copyOf(layers);
    }
}
