package com.acme.orders;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Writes orders in transactions of up to {@link #BATCH_SIZE}. A batch borrows a pooled connection in
 * {@link #beginBatch} and gives it back in {@link #commitBatch}.
 */
public final class OrderBatcher {

    public static final int BATCH_SIZE = 50;

    private static OrderBatcher instance;

    private final DataSource dataSource;
    // THE BUG: commitBatch() runs on a scheduler that died after its first exception, so batches
    // are begun but never committed and every borrowed connection stays here.
    private final List<Connection> inFlight = new ArrayList<>();
    private final List<Order> pending = new ArrayList<>();
    private int written;

    private OrderBatcher(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static synchronized OrderBatcher init(DataSource dataSource) throws SQLException {
        if (instance == null) {
            instance = new OrderBatcher(dataSource);
            instance.createSchema();
        }
        return instance;
    }

    private void createSchema() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS orders (order_id VARCHAR(32) PRIMARY KEY, customer_id VARCHAR(32), "
                    + "sku VARCHAR(32), quantity INT, total_cents BIGINT)");
        }
    }

    public synchronized void submit(Order order) {
        pending.add(order);
    }

    /** Opens a transaction and writes the first orders of a batch into it. */
    public synchronized void beginBatch() throws SQLException {
        Connection connection = dataSource.getConnection();
        connection.setAutoCommit(false);
        inFlight.add(connection);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?, ?)")) {
            int end = Math.min(pending.size(), written + BATCH_SIZE);
            for (Order o : pending.subList(written, end)) {
                ps.setString(1, o.orderId());
                ps.setString(2, o.customerId());
                ps.setString(3, o.sku());
                ps.setInt(4, o.quantity());
                ps.setLong(5, o.totalCents());
                ps.addBatch();
            }
            ps.executeBatch();
            written = end;
        }
    }

    /** Never reached any more; see {@link #inFlight}. */
    public synchronized void commitBatch() throws SQLException {
        Connection connection = inFlight.remove(0);
        connection.commit();
        connection.close();
    }

    public synchronized int inFlightCount() {
        return inFlight.size();
    }

    public synchronized int pendingCount() {
        return pending.size();
    }
}
