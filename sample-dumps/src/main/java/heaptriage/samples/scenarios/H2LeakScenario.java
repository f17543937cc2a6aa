package heaptriage.samples.scenarios;

import com.acme.billing.BillingApplication;
import com.acme.billing.BillingConfig;
import com.acme.billing.InvoiceExporter;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;

/**
 * The incident: a healthy HikariCP pool, plus InvoiceExporter leaking 200 H2 connections opened
 * with DriverManager into a static HashMap. With {@code --requests N} it leaks N instead (the same
 * service at another moment of the load test); everything else stays the same.
 */
public final class H2LeakScenario implements Scenario {

    static final int LEAKED = 200;
    static final int CUSTOMERS = 2_000;

    @Override
    public String name() {
        return "h2-leak";
    }

    @Override
    public String description() {
        return description(LEAKED);
    }

    private static String description(int leaked) {
        return "billing service: healthy HikariCP pool (10) plus " + leaked
                + " H2 connections leaked by InvoiceExporter into a static HashMap";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 64;
    }

    /** 64m holds the default 200; each further leaked connection (with its H2 session) gets about 100 KiB. */
    @Override
    public long maxHeapMegabytes(long sizeBytes, int requests) {
        return 64 + Math.max(0, requests - LEAKED) / 10;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        return setUp(new Facts(name(), description()));
    }

    /** {@code requests} = how many export requests leaked their connection so far. */
    @Override
    public Facts run(long sizeBytes, int requests) throws Exception {
        if (requests < 0) {
            return run(sizeBytes);
        }
        return setUp(new Facts(name(), description(requests)), requests).detail("requests", requests);
    }

    /** Also used by the "large" scenario, which buries this leak under lots of ordinary data. */
    static Facts setUp(Facts facts) throws Exception {
        return setUp(facts, LEAKED);
    }

    private static Facts setUp(Facts facts, int leaked) throws Exception {
        BillingApplication app = BillingApplication.start(CUSTOMERS);
        app.serveRequests(300);
        for (int i = 0; i < leaked; i++) {
            InvoiceExporter.startExport(app.customers().idAt(i * 7 % CUSTOMERS));
        }
        Pools.awaitFilled(app.dataSource());
        Pools.awaitActive(app.dataSource(), 0);

        int pool = BillingConfig.POOL_SIZE;
        return facts
                .leak(new Holding(Pools.JDBC_CONNECTION, InvoiceExporter.openExportCount(),
                        "com.acme.billing.InvoiceExporter", "openExports", true, "java.util.HashMap", "open",
                        "opened with java.sql.DriverManager.getConnection(...) and never closed"))
                .healthy(Pools.physicalConnections(app.dataSource()))
                .healthy(new Holding("com.acme.billing.Customer", CUSTOMERS, "com.acme.billing.CustomerDirectory",
                        "byId", false, "java.util.HashMap", null,
                        "customer cache, reached from the static field com.acme.billing.BillingApplication.running"))
                .pool(Pools.facts(app.dataSource()))
                .expectInstances(Pools.JDBC_CONNECTION, leaked + pool)
                .expectInstances(Pools.POOL_ENTRY, pool)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, 0)
                .expectInstances("com.zaxxer.hikari.HikariDataSource", 1)
                .expectInstances("com.acme.billing.Customer", CUSTOMERS)
                .plantedSecret(BillingConfig.PASSWORD)
                .detail("jdbcUrl", BillingConfig.JDBC_URL)
                .detail("leakedVia", "java.sql.DriverManager");
    }
}
