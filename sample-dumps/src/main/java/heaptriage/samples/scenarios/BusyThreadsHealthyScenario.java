package heaptriage.samples.scenarios;

import com.acme.billing.BillingApplication;
import com.acme.billing.BillingConfig;
import com.acme.billing.InvoiceWorker;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import heaptriage.samples.ThreadHolding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The billing service under load, healthy: 8 request threads of an executor are each mid-request with one connection
 * borrowed from the HikariCP pool (max 10), parked while they wait for the payment gateway. 2 connections are idle,
 * and the pool's housekeeping thread runs as usual.
 */
public final class BusyThreadsHealthyScenario implements Scenario {

    static final int THREADS = 8;
    static final String THREAD_PREFIX = "billing-request-";

    // Never counted down while the JVM lives: the requests stay in flight for the dump.
    private static final CountDownLatch GATEWAY_REPLY = new CountDownLatch(1);
    private static ExecutorService requests;

    @Override
    public String name() {
        return "busy-threads-healthy";
    }

    @Override
    public String description() {
        return "billing service under load, healthy: " + THREADS + " request threads each mid-request with one "
                + "connection borrowed from the HikariCP pool (10); no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        BillingApplication app = BillingApplication.start(H2LeakScenario.CUSTOMERS);
        app.serveRequests(50);
        Pools.awaitFilled(app.dataSource());

        AtomicInteger next = new AtomicInteger(1);
        Map<Integer, Thread> threads = new java.util.concurrent.ConcurrentHashMap<>();
        requests = Executors.newFixedThreadPool(THREADS, r -> {
            int n = next.getAndIncrement();
            Thread t = new Thread(r, THREAD_PREFIX + n);
            threads.put(n, t);
            return t;
        });
        for (int i = 1; i <= THREADS; i++) {
            requests.execute(new InvoiceWorker(app.dataSource(), app.customers().idAt(i), GATEWAY_REPLY));
        }
        Pools.awaitActive(app.dataSource(), THREADS);
        Map<String, Integer> perThread = new LinkedHashMap<>();
        for (int i = 1; i <= THREADS; i++) {
            Thread t = threads.get(i);
            Waits.parkedAtLatch(t);
            perThread.put(t.getName(), 1);
        }

        int pool = BillingConfig.POOL_SIZE;
        return new Facts(name(), description())
                .healthy(Pools.physicalConnections(app.dataSource()))
                .healthy(new Holding(Pools.HIKARI_PROXY_CONNECTION, THREADS, InvoiceWorker.class.getName(),
                        "<local variable of run()>", false, null, "borrowed",
                        "each request thread holds one borrowed connection on its stack while it waits for the "
                                + "payment gateway (a request in progress, not a leak)"),
                        new ThreadHolding("stack-local", perThread,
                                Waits.frame(threads.get(1), InvoiceWorker.class.getName(), "run"), null, false))
                .pool(Pools.facts(app.dataSource()))
                .expectInstances(Pools.JDBC_CONNECTION, pool)
                .expectInstances(Pools.POOL_ENTRY, pool)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, THREADS)
                .expectInstances(InvoiceWorker.class.getName(), THREADS)
                .plantedSecret(BillingConfig.PASSWORD)
                .detail("threads", perThread.keySet().stream().toList());
    }
}
