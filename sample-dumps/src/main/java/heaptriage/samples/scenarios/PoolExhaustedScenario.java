package heaptriage.samples.scenarios;

import com.acme.orders.Order;
import com.acme.orders.OrderBatcher;
import com.acme.orders.OrdersDataSource;
import com.zaxxer.hikari.HikariDataSource;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import java.util.List;

/** All 10 pooled connections borrowed by OrderBatcher and parked in an instance list; no thread uses them. */
public final class PoolExhaustedScenario implements Scenario {

    static final int ORDERS = 500;

    @Override
    public String name() {
        return "pool-exhausted";
    }

    @Override
    public String description() {
        return "order service: OrderBatcher borrowed all 10 HikariCP connections and keeps them in its "
                + "inFlight list; the pool has 0 idle and no thread is using them";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        HikariDataSource dataSource = OrdersDataSource.create();
        OrderBatcher batcher = OrderBatcher.init(dataSource);
        for (int i = 0; i < ORDERS; i++) {
            batcher.submit(new Order(String.format("ORD-%07d", 100_000 + i), String.format("CUST-%06d", 1 + i % 97),
                    "SKU-" + (1_000 + i % 40), 1 + i % 5, 1_999L * (1 + i % 5)));
        }
        Pools.awaitFilled(dataSource);
        for (int i = 0; i < OrdersDataSource.POOL_SIZE; i++) {
            batcher.beginBatch();
        }
        Pools.awaitActive(dataSource, OrdersDataSource.POOL_SIZE);

        int pool = OrdersDataSource.POOL_SIZE;
        return new Facts(name(), description())
                .leak(new Holding(Pools.HIKARI_PROXY_CONNECTION, batcher.inFlightCount(), "com.acme.orders.OrderBatcher",
                        "inFlight", false, "java.util.ArrayList", "borrowed",
                        "borrowed from the pool with dataSource.getConnection() and never closed; the OrderBatcher "
                                + "singleton is reached from the static field com.acme.orders.OrderBatcher.instance"))
                .healthy(Pools.physicalConnections(dataSource))
                .pool(Pools.facts(dataSource))
                .expectInstances(Pools.JDBC_CONNECTION, pool)
                .expectInstances(Pools.POOL_ENTRY, pool)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, pool)
                .expectInstances("com.acme.orders.OrderBatcher", 1)
                .expectInstances("com.acme.orders.Order", ORDERS)
                .plantedSecret(OrdersDataSource.PASSWORD)
                .detail("jdbcUrl", OrdersDataSource.JDBC_URL)
                .detail("threadsHoldingConnections", List.of());
    }
}
