package heaptriage.analysis.connections;

import java.util.List;
import java.util.Map;

/**
 * One catalogue pool entry: how to recognise a connection pool object (HikariPool, DBCP BasicDataSource, Tomcat
 * ConnectionPool...) and read its name, maximum size and active / idle / total counts. Any count may be absent;
 * {@link PoolInspector} derives one of active, idle and total from the other two.
 */
public record PoolKind(String kind, String displayName, List<String> classNames, List<String> superclasses,
                       FactSpec name, CountSpec maxSize, CountSpec active, CountSpec idle, CountSpec total,
                       Map<String, FactSpec> facts, String source) {
    public PoolKind {
        classNames = List.copyOf(classNames);
        superclasses = List.copyOf(superclasses);
        facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
    }
}
