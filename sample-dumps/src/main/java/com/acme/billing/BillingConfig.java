package com.acme.billing;

/** Connection settings of the billing database (in production these come from the environment). */
public final class BillingConfig {

    public static final String JDBC_URL = "jdbc:h2:mem:billing;DB_CLOSE_DELAY=-1";
    public static final String USER = "billing";
    // A planted secret: tests check that no Heap Triage report ever prints it.
    public static final String PASSWORD = "s3cr3t-Hunter2";
    public static final String POOL_NAME = "billing-pool";
    public static final int POOL_SIZE = 10;

    private BillingConfig() {
    }
}
