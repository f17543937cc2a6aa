package heaptriage.samples.scenarios;

import com.acme.audit.AuditConfig;
import com.acme.audit.AuditReports;
import com.acme.audit.AuditTrail;
import com.zaxxer.hikari.HikariDataSource;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;

/** 150 H2 connections that were closed correctly but are still kept in a static list. */
public final class ClosedRetainedScenario implements Scenario {

    static final int RETAINED = 150;

    @Override
    public String name() {
        return "closed-retained";
    }

    @Override
    public String description() {
        return "audit service: " + RETAINED + " H2 connections opened with DriverManager, CLOSED, but kept in the "
                + "static list AuditTrail.history; plus a healthy HikariCP pool (10)";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 64;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        HikariDataSource pool = AuditConfig.createPool();
        AuditReports reports = AuditReports.start(pool);
        String[] actors = {"alice", "bob", "carol", "dave", "erin"};
        for (int i = 0; i < RETAINED; i++) {
            String actor = actors[i % actors.length];
            AuditTrail.record(actor, "updated invoice INV-" + (20_000 + i));
            reports.countFor(actor);
        }
        if (AuditTrail.closedInHistory() != RETAINED) {
            throw new IllegalStateException("expected all retained connections to be closed");
        }
        Pools.awaitFilled(pool);
        Pools.awaitActive(pool, 0);

        return new Facts(name(), description())
                .leak(new Holding(Pools.JDBC_CONNECTION, AuditTrail.historySize(), "com.acme.audit.AuditTrail",
                        "history", true, "java.util.ArrayList", "closed",
                        "closed connections retained after use: a memory leak, not an open-resource leak"))
                .healthy(Pools.physicalConnections(pool))
                .pool(Pools.facts(pool))
                .expectInstances(Pools.JDBC_CONNECTION, RETAINED + AuditConfig.POOL_SIZE)
                .expectInstances(Pools.POOL_ENTRY, AuditConfig.POOL_SIZE)
                .expectInstances(Pools.HIKARI_PROXY_CONNECTION, 0)
                .plantedSecret(AuditConfig.PASSWORD)
                .detail("jdbcUrl", AuditConfig.JDBC_URL)
                .detail("openJdbcConnections", AuditConfig.POOL_SIZE)
                .detail("closedJdbcConnections", RETAINED);
    }
}
