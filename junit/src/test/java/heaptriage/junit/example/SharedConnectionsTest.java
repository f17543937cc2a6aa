package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * The set-up opens 6 connections into a static list and never closes them: more than the threshold, but opened
 * before the first test, so the baseline has them too and the class passes.
 */
@HeapTriage
class SharedConnectionsTest {
    static final List<Connection> shared = new ArrayList<>();

    @BeforeAll
    static void openShared() throws Exception {
        for (int i = 0; i < 6; i++) {
            shared.add(DriverManager.getConnection(InvoiceExports.URL, "sa", ""));
        }
    }

    @Test
    void usesTheSharedConnections() throws Exception {
        for (Connection c : shared) {
            assertFalse(c.isClosed());
        }
    }

    /** Called by the proof after the run. */
    static void closeShared() throws Exception {
        for (Connection c : shared) {
            c.close();
        }
        shared.clear();
    }
}
