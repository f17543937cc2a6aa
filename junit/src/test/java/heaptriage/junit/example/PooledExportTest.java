package heaptriage.junit.example;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The exports borrow from a HikariCP pool of 8 that stays open after the class, as a service's pool would: its
 * connections are the pool's, not a leak.
 */
@HeapTriage
class PooledExportTest {
    static HikariDataSource pool;

    @BeforeAll
    static void openPool() {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(InvoiceExports.URL);
        config.setUsername("sa");
        config.setPassword("");
        config.setMaximumPoolSize(8);
        config.setMinimumIdle(8);
        config.setPoolName("exports");
        pool = new HikariDataSource(config);
    }

    @Test
    void exportsTwentyInvoicesThroughThePool() throws Exception {
        for (long id = 1; id <= 20; id++) {
            assertEquals(id * 100 + 42, InvoiceExports.export(pool, id));
        }
    }

    /** Called by the proof after the run, so the pool does not outlive it. */
    static void closePool() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }
}
