package com.acme.analytics;

import java.util.ArrayList;
import java.util.List;

/** Raw metric series, page snapshots and rendered documents kept for the dashboards. */
public final class MetricsArchive {

    private static final List<long[]> series = new ArrayList<>();
    private static final List<byte[]> snapshots = new ArrayList<>();
    private static final List<char[]> documents = new ArrayList<>();

    private MetricsArchive() {
    }

    public static void addSeries(long[] values) {
        series.add(values);
    }

    public static void addSnapshot(byte[] png) {
        snapshots.add(png);
    }

    public static void addDocument(char[] text) {
        documents.add(text);
    }

    public static int seriesCount() {
        return series.size();
    }
}
