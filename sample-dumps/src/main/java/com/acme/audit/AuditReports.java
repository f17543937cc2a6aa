package com.acme.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/** Read side of the audit log, served through the audit pool. */
public final class AuditReports {

    private static AuditReports running;

    private final DataSource dataSource;

    private AuditReports(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public static AuditReports start(DataSource dataSource) throws SQLException {
        AuditReports reports = new AuditReports(dataSource);
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE IF NOT EXISTS audit_event (id IDENTITY PRIMARY KEY, actor VARCHAR(64), "
                    + "action VARCHAR(256), at TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        }
        running = reports;
        return reports;
    }

    public long countFor(String actor) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM audit_event WHERE actor = ?")) {
            ps.setString(1, actor);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
