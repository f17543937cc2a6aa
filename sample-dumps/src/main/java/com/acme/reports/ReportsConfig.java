package com.acme.reports;

/** Connection settings of the reporting database (in production these come from the environment). */
public final class ReportsConfig {

    public static final String JDBC_URL = "jdbc:h2:mem:reports;DB_CLOSE_DELAY=-1";
    public static final String USER = "reports";
    // A planted secret: tests check that no Heap Triage report ever prints it.
    public static final String PASSWORD = "r3p0rts-Swordfish";

    private ReportsConfig() {
    }
}
