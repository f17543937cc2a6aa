package com.acme.analytics;

import java.util.ArrayList;
import java.util.List;

/** A spreadsheet-like report: rows of mixed boxed values, as a reporting library would hold them. */
public final class ReportGrid {

    public static final int COLUMNS = 32;

    private static final List<Object[]> rows = new ArrayList<>();

    private ReportGrid() {
    }

    public static void addRow(Object[] row) {
        rows.add(row);
    }

    public static int rowCount() {
        return rows.size();
    }
}
