package com.acme.billing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.CountDownLatch;
import javax.sql.DataSource;

/**
 * Handles one "charge invoice" request: inserts a PENDING invoice, waits for the payment gateway,
 * then marks it. It holds its pooled connection for the whole request, which is normal.
 */
public final class InvoiceWorker implements Runnable {

    private final DataSource dataSource;
    private final String customerId;
    private final CountDownLatch gatewayReply;

    public InvoiceWorker(DataSource dataSource, String customerId, CountDownLatch gatewayReply) {
        this.dataSource = dataSource;
        this.customerId = customerId;
        this.gatewayReply = gatewayReply;
    }

    @Override
    public void run() {
        try (Connection connection = dataSource.getConnection()) {
            long invoiceId = InvoiceService.insert(connection, customerId, 4_999, "PENDING");
            gatewayReply.await(); // mid-request: the connection is borrowed, the thread is parked
            try (PreparedStatement ps = connection.prepareStatement("UPDATE invoice SET status = 'PAID' WHERE id = ?")) {
                ps.setLong(1, invoiceId);
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("charge failed for " + customerId, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
