package heaptriage.report;

import heaptriage.analysis.connections.ConnectionCatalog;
import heaptriage.analysis.connections.ConnectionFinder;

/**
 * What a report includes: rows per table, the suspect threshold, whether unreachable objects are kept (null: only
 * in a truncated dump), the connection catalogue (built-in plus the user's rules) and the leak thresholds.
 * {@code matRetained}: the histogram's retained sizes as MAT shows them (default), or without MAT's double count
 * of java.lang.Class's own class object.
 */
public record ReportOptions(int top, int suspectThresholdPercent, Boolean keepUnreachable, ConnectionCatalog catalog,
                            ConnectionFinder.Options connectionOptions, boolean matRetained) {
    public static ReportOptions defaults() {
        return new ReportOptions(25, 10, null, ConnectionCatalog.builtIn(), ConnectionFinder.Options.defaults(), true);
    }
}
