package com.acme.orders;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The order service's connection pool. */
public final class OrdersDataSource {

    public static final String JDBC_URL = "jdbc:h2:mem:orders;DB_CLOSE_DELAY=-1";
    public static final String USER = "orders";
    // Planted secret, like the billing one: must never appear in a report.
    public static final String PASSWORD = "0rders-Pa55-Tr0ub4dor";
    public static final String POOL_NAME = "orders-pool";
    public static final int POOL_SIZE = 10;

    private OrdersDataSource() {
    }

    public static HikariDataSource create() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(JDBC_URL);
        config.setUsername(USER);
        config.setPassword(PASSWORD);
        config.setPoolName(POOL_NAME);
        config.setMaximumPoolSize(POOL_SIZE);
        return new HikariDataSource(config);
    }
}
