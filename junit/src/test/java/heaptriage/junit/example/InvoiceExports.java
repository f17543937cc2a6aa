package heaptriage.junit.example;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * The application under test: exports invoices from an H2 database. {@link #startExport} is the incident's bug,
 * a connection per export kept in a static map and never closed; the other two ways are correct.
 */
public final class InvoiceExports {
    static final String URL = "jdbc:h2:mem:invoices;DB_CLOSE_DELAY=-1";

    /** Exports in progress, by invoice id. Nothing ever removes them: the leak. */
    static final Map<Long, Connection> openExports = new HashMap<>();

    private InvoiceExports() {
    }

    /** The bug: opens a connection for the export and keeps it, open, in {@link #openExports}. */
    public static long startExport(long invoiceId) throws SQLException {
        Connection c = DriverManager.getConnection(URL, "sa", "");
        openExports.put(invoiceId, c);
        return total(c, invoiceId);
    }

    /** The fix: the connection is closed when the export is done. */
    public static long export(long invoiceId) throws SQLException {
        try (Connection c = DriverManager.getConnection(URL, "sa", "")) {
            return total(c, invoiceId);
        }
    }

    /** With a pool: the connection goes back to the pool. */
    public static long export(DataSource pool, long invoiceId) throws SQLException {
        try (Connection c = pool.getConnection()) {
            return total(c, invoiceId);
        }
    }

    /** Closes and forgets what {@link #startExport} left behind, so one example does not weigh on the next. */
    public static void closeLeakedExports() throws SQLException {
        for (Connection c : openExports.values()) {
            c.close();
        }
        openExports.clear();
    }

    private static long total(Connection c, long invoiceId) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT ? * 100 + 42")) {
            q.setLong(1, invoiceId);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
