package com.acme.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Invoices, stored in the billing database; every call borrows a pooled connection and returns it. */
public final class InvoiceService {

    private final DataSource dataSource;

    public InvoiceService(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS invoice (id IDENTITY PRIMARY KEY, customer_id VARCHAR(32) NOT NULL, "
                    + "amount_cents BIGINT NOT NULL, status VARCHAR(16) NOT NULL, "
                    + "created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
            s.execute("CREATE INDEX IF NOT EXISTS invoice_customer ON invoice(customer_id)");
        }
    }

    public long createInvoice(String customerId, long amountCents, String status) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            return insert(c, customerId, amountCents, status);
        }
    }

    /** Uses the caller's connection, for work that is part of a longer request. */
    public static long insert(Connection c, String customerId, long amountCents, String status) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO invoice (customer_id, amount_cents, status) VALUES (?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ps.setString(1, customerId);
            ps.setLong(2, amountCents);
            ps.setString(3, status);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public long outstandingCents(String customerId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT COALESCE(SUM(amount_cents), 0) FROM invoice WHERE customer_id = ? AND status = 'OPEN'")) {
            ps.setString(1, customerId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
