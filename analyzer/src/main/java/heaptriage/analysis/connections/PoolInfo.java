package heaptriage.analysis.connections;

import java.util.Map;

/**
 * What a connection pool object says: name, maximum size, and connections in use (active), idle and in total. A
 * number is null when the catalogue cannot read it for this pool or library version.
 */
public record PoolInfo(int object, String className, PoolKind kind, String name, Integer maxSize, Integer active,
                       Integer idle, Integer total, Map<String, String> facts) {
    public PoolInfo {
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }
}
