package com.acme.reports;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Opens a cursor over a report's rows on a connection of its own, so the reader can page through it later. */
public final class ReportCursors {

    private ReportCursors() {
    }

    /** Creates the table the reports read from. */
    public static void createSchema() throws SQLException {
        try (Connection c = DriverManager.getConnection(ReportsConfig.JDBC_URL, ReportsConfig.USER, ReportsConfig.PASSWORD);
             PreparedStatement ps = c.prepareStatement(
                     "CREATE TABLE IF NOT EXISTS report_row (id IDENTITY, customer_id VARCHAR(32), amount_cents BIGINT)")) {
            ps.executeUpdate();
        }
    }

    /** A new connection with the first page of the job's rows read; the caller owns (and must close) it. */
    public static Connection open(ReportJob job) throws SQLException {
        Connection connection = DriverManager.getConnection(
                ReportsConfig.JDBC_URL, ReportsConfig.USER, ReportsConfig.PASSWORD);
        try (PreparedStatement ps = connection.prepareStatement(
                "SELECT id, amount_cents FROM report_row WHERE customer_id = ? ORDER BY id LIMIT ?")) {
            ps.setString(1, job.customerId());
            ps.setInt(2, job.pageSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rs.getLong(2);
                }
            }
        }
        return connection;
    }
}
