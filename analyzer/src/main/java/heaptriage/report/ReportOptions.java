package heaptriage.report;

import heaptriage.analysis.connections.ConnectionCatalog;
import heaptriage.analysis.connections.ConnectionFinder;

/**
 * What a report includes: rows per table, the suspect threshold, whether unreachable objects are kept (null: only
 * in a truncated dump), the connection catalogue (built-in plus the user's rules) and the leak thresholds.
 */
public record ReportOptions(int top, int suspectThresholdPercent, Boolean keepUnreachable, ConnectionCatalog catalog,
                            ConnectionFinder.Options connectionOptions) {
    public static ReportOptions defaults() {
        return new ReportOptions(25, 10, null, ConnectionCatalog.builtIn(), ConnectionFinder.Options.defaults());
    }
}
