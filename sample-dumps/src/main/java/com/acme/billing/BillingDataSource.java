package com.acme.billing;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** The billing service's connection pool. */
public final class BillingDataSource {

    private BillingDataSource() {
    }

    public static HikariDataSource create() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(BillingConfig.JDBC_URL);
        config.setUsername(BillingConfig.USER);
        config.setPassword(BillingConfig.PASSWORD);
        config.setPoolName(BillingConfig.POOL_NAME);
        config.setMaximumPoolSize(BillingConfig.POOL_SIZE);
        return new HikariDataSource(config);
    }
}
