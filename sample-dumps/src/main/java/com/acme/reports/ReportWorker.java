package com.acme.reports;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A long-lived worker that renders reports from a queue. It keeps each report's cursor open "until the reader has
 * paged through it", in a list that lives only in a local variable of {@link #run()}.
 */
public final class ReportWorker implements Runnable {

    private final BlockingQueue<ReportJob> jobs;
    private final AtomicInteger rendered = new AtomicInteger();

    public ReportWorker(BlockingQueue<ReportJob> jobs) {
        this.jobs = jobs;
    }

    @Override
    public void run() {
        // THE BUG: the reader's "done" callback was supposed to close these; nothing ever calls it, and the list only
        // grows while the worker waits for the next job.
        List<Connection> cursors = new ArrayList<>();
        try {
            while (true) {
                ReportJob job = jobs.take();
                cursors.add(ReportCursors.open(job));
                rendered.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SQLException e) {
            throw new IllegalStateException("report failed", e);
        }
    }

    public int rendered() {
        return rendered.get();
    }
}
