package heaptriage.samples.scenarios;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import heaptriage.samples.Holding;
import heaptriage.samples.PoolFacts;
import java.time.Duration;

/** Hikari helpers shared by the scenarios that run a healthy pool. */
final class Pools {

    static final String JDBC_CONNECTION = "org.h2.jdbc.JdbcConnection";
    static final String HIKARI_PROXY_CONNECTION = "com.zaxxer.hikari.pool.HikariProxyConnection";
    static final String POOL_ENTRY = "com.zaxxer.hikari.pool.PoolEntry";

    private Pools() {
    }

    /** Hikari fills up to minimumIdle in the background; wait so the connection counts are exact. */
    static void awaitFilled(HikariDataSource ds) throws InterruptedException {
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        int max = ds.getMaximumPoolSize();
        Waits.until(ds.getPoolName() + " to open " + max + " connections", Duration.ofSeconds(30),
                () -> pool.getTotalConnections() == max);
    }

    static void awaitActive(HikariDataSource ds, int active) throws InterruptedException {
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        Waits.until(ds.getPoolName() + " to have " + active + " active connections", Duration.ofSeconds(30),
                () -> pool.getActiveConnections() == active);
    }

    static PoolFacts facts(HikariDataSource ds) {
        HikariPoolMXBean pool = ds.getHikariPoolMXBean();
        return new PoolFacts(ds.getPoolName(), ds.getJdbcUrl(), ds.getUsername(), ds.getMaximumPoolSize(),
                pool.getTotalConnections(), pool.getActiveConnections(), pool.getIdleConnections());
    }

    /** The pool's physical connections: each held by a PoolEntry, which is how a healthy pool looks. */
    static Holding physicalConnections(HikariDataSource ds) {
        return new Holding(JDBC_CONNECTION, ds.getMaximumPoolSize(), POOL_ENTRY, "connection", false, null, "open",
                "physical connections of the HikariCP pool " + ds.getPoolName()
                        + " (PoolEntry objects in com.zaxxer.hikari.util.ConcurrentBag.sharedList)");
    }
}
