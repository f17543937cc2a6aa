package heaptriage.samples.scenarios;

import com.acme.billing.BillingApplication;
import com.acme.billing.BillingConfig;
import com.acme.billing.InvoiceWorker;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The billing service without the bug: 3 requests in flight hold pooled connections, 7 are idle.
 * With {@code --requests N} it has served N requests (instead of 300) before the dump: more invoices
 * in the in-memory database, but the same connections.
 */
public final class HikariHealthyScenario implements Scenario {

    static final int WORKERS = 3;
    static final int SERVED = 300;

    // Never counted down while the JVM lives: the workers stay mid-request for the dump.
    private static final CountDownLatch GATEWAY_REPLY = new CountDownLatch(1);

    @Override
    public String name() {
        return "hikari-healthy";
    }

    @Override
    public String description() {
        return "billing service, healthy: HikariCP pool (10), 3 worker threads each mid-request with a borrowed "
                + "connection, 7 idle; no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        return run(sizeBytes, -1);
    }

    /** {@code requests} = how many requests were served (through the pool, returned) before the dump. */
    @Override
    public Facts run(long sizeBytes, int requests) throws Exception {
        int served = requests < 0 ? SERVED : requests;
        BillingApplication app = BillingApplication.start(H2LeakScenario.CUSTOMERS);
        app.serveRequests(served);
        Pools.awaitFilled(app.dataSource());

        List<String> threadNames = new ArrayList<>();
        for (int i = 1; i <= WORKERS; i++) {
            InvoiceWorker worker = new InvoiceWorker(app.dataSource(), app.customers().idAt(i), GATEWAY_REPLY);
            Thread thread = new Thread(worker, "billing-worker-" + i);
            thread.start();
            Waits.parkedAtLatch(thread);
            threadNames.add(thread.getName());
        }
        Pools.awaitActive(app.dataSource(), WORKERS);

        int pool = BillingConfig.POOL_SIZE;
        Facts facts = new Facts(name(), description());
        if (requests >= 0) {
            facts.detail("requests", served);
        }
        return facts
                .healthy(Pools.physicalConnections(app.dataSource()))
                .healthy(new Holding(Pools.HIKARI_PROXY_CONNECTION, WORKERS, "com.acme.billing.InvoiceWorker",
                        "<local variable of run()>", false, null, "borrowed",
                        "each worker thread holds one borrowed connection on its stack while parked at a "
                                + "CountDownLatch (java frame GC root), which is a request in progress, not a leak"))
                .healthy(new Holding("com.acme.billing.Customer", H2LeakScenario.CUSTOMERS,
                        "com.acme.billing.CustomerDirectory", "byId", false, "java.util.HashMap", null,
                        "customer cache, reached from the static field com.acme.billing.BillingApplication.running"))
                .pool(Pools.facts(app.dataSource()))
                .expectInstances(Pools.JDBC_CONNECTION, pool)
                .expectInstances(Pools.POOL_ENTRY, pool)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, WORKERS)
                .expectInstances("com.acme.billing.InvoiceWorker", WORKERS)
                .expectInstances("com.acme.billing.Customer", H2LeakScenario.CUSTOMERS)
                .plantedSecret(BillingConfig.PASSWORD)
                .detail("threadsHoldingConnections", threadNames)
                .detail("jdbcUrl", BillingConfig.JDBC_URL);
    }
}
