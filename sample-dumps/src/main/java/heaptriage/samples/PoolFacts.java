package heaptriage.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/** A connection pool as the scenario left it, read from the pool's own MXBean just before READY. */
public record PoolFacts(String poolName, String jdbcUrl, String username, int maximumPoolSize,
                        int totalConnections, int activeConnections, int idleConnections) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("type", "com.zaxxer.hikari.HikariDataSource");
        m.put("poolName", poolName);
        m.put("jdbcUrl", jdbcUrl);
        m.put("username", username);
        m.put("maximumPoolSize", maximumPoolSize);
        m.put("totalConnections", totalConnections);
        m.put("activeConnections", activeConnections);
        m.put("idleConnections", idleConnections);
        return m;
    }
}
