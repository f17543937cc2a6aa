package heaptriage.report;

/** What a report includes: rows per table, the suspect threshold, and whether unreachable objects are kept. */
public record ReportOptions(int top, int suspectThresholdPercent, Boolean keepUnreachable) {
    public static ReportOptions defaults() {
        return new ReportOptions(25, 10, null);
    }
}
