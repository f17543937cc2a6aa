package com.acme.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;

/**
 * A long-lived worker that exports reports from a queue. It keeps each export's connection open "for the download",
 * in a field of the Runnable, and never closes it.
 */
public final class ExportWorker implements Runnable {

    private final BlockingQueue<ReportJob> jobs;
    // THE BUG: finishDownload() was supposed to close and remove these; the download servlet never calls it.
    private final List<Connection> openDownloads = new ArrayList<>();

    public ExportWorker(BlockingQueue<ReportJob> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run() {
        try {
            while (true) {
                ReportJob job = jobs.take();
                Connection connection = ReportCursors.open(job);
                synchronized (openDownloads) {
                    openDownloads.add(connection);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("export failed", e);
        }
    }

    public int openDownloads() {
        synchronized (openDownloads) {
            return openDownloads.size();
        }
    }
}
