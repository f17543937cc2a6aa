package com.acme.billing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * CSV export of a customer's invoices. The export keeps its connection open "until the download
 * finishes" so the browser can page through the cursor.
 */
public final class InvoiceExporter {

    // THE BUG: finishExport() used to be called by the download servlet; that servlet was rewritten
    // and the call got lost. Every export leaves an open connection here, outside the pool.
    private static final Map<String, Connection> openExports = new HashMap<>();
    private static int nextExport = 1;

    private InvoiceExporter() {
    }

    public static String startExport(String customerId) throws SQLException {
        String exportId = String.format("export-%05d-%s", nextExport++, customerId);
        // A dedicated connection, bypassing the pool, "so a long export cannot starve the pool".
        Connection connection = DriverManager.getConnection(
                BillingConfig.JDBC_URL, BillingConfig.USER, BillingConfig.PASSWORD);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, amount_cents, status FROM invoice WHERE customer_id = ? ORDER BY id")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(2); // the first page is rendered right away
                }
            }
        }
        openExports.put(exportId, connection);
        return exportId;
    }

    /** Never called any more; see the note on {@link #openExports}. */
    public static void finishExport(String exportId) throws SQLException {
        Connection connection = openExports.remove(exportId);
        if (connection != null) {
            connection.close();
        }
    }

    public static int openExportCount() {
        return openExports.size();
    }
}
