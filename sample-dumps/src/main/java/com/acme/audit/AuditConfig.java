package com.acme.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Settings of the audit database and its pool. */
public final class AuditConfig {

    public static final String JDBC_URL = "jdbc:h2:mem:audit;DB_CLOSE_DELAY=-1";
    public static final String USER = "audit";
    // Planted secret: must never appear in a report.
    public static final String PASSWORD = "audit-S3cret-Kestrel";
    public static final String POOL_NAME = "audit-pool";
    public static final int POOL_SIZE = 10;

    private AuditConfig() {
    }

    public static HikariDataSource createPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setPoolName(POOL_NAME);
        config.setMaximumPoolSize(POOL_SIZE);
        return new HikariDataSource(config);
    }
}
