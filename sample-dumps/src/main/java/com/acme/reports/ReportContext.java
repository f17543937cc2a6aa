package com.acme.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** Per-thread state of the report renderer: the cursors a request opened, "reused by the next request". */
public final class ReportContext {

    // THE BUG: clear() was meant to run at the end of every request (in a filter that was never registered). On an
    // executor's threads, which live for ever, each thread's list only grows.
    public static final ThreadLocal<List<Connection>> OPEN = ThreadLocal.withInitial(ArrayList::new);

    private ReportContext() {
    }

    /** Renders one report on this thread, keeping its cursor in the thread's context. */
    public static void render(ReportJob job) throws SQLException {
        OPEN.get().add(ReportCursors.open(job));
    }

    /** What the missing filter should have called. */
    public static void clear() throws SQLException {
        for (Connection c : OPEN.get()) {
            c.close();
        }
        OPEN.remove();
    }
}
