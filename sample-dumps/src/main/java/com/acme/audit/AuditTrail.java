package com.acme.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Writes audit events, each on its own short-lived connection so audit writes never join a business transaction. */
public final class AuditTrail {

    // THE BUG: added for a "last connections used" debug page and never trimmed. The connections
    // are properly closed, but every closed JdbcConnection (and what it still references) stays.
    private static final List<Connection> history = new ArrayList<>();

    private AuditTrail() {
    }

    public static void record(String actor, String action) throws SQLException {
        Connection connection = DriverManager.getConnection(AuditConfig.JDBC_URL, AuditConfig.USER, AuditConfig.PASSWORD);
        try (PreparedStatement ps = connection.prepareStatement("INSERT INTO audit_event (actor, action) VALUES (?, ?)")) {
            ps.setString(1, actor);
            ps.setString(2, action);
            ps.executeUpdate();
        } finally {
            connection.close();
        }
        history.add(connection);
    }

    public static int historySize() {
        return history.size();
    }

    public static long closedInHistory() throws SQLException {
        long closed = 0;
        for (Connection c : history) {
            if (c.isClosed()) {
                closed++;
            }
        }
        return closed;
    }
}
