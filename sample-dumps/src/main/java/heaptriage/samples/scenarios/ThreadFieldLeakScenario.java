package heaptriage.samples.scenarios;

import com.acme.reports.ExportWorker;
import com.acme.reports.ReportJob;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import heaptriage.samples.ThreadHolding;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * A long-lived worker thread, export-worker, keeps 90 open H2 connections in a field of its Runnable, while it waits
 * for the next job in a queue's take().
 */
public final class ThreadFieldLeakScenario implements Scenario {

    static final int LEAKED = 90;
    static final String THREAD = "export-worker";

    @Override
    public String name() {
        return "thread-field-leak";
    }

    @Override
    public String description() {
        return "export worker thread: " + LEAKED + " open H2 connections in a field of its Runnable, never closed, "
                + "while it waits for more work";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 64;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        ReportsDatabase.create();
        BlockingQueue<ReportJob> jobs = ReportsDatabase.jobs(LEAKED);
        ExportWorker worker = new ExportWorker(jobs);
        Thread thread = new Thread(worker, THREAD);
        thread.setDaemon(true);
        thread.start();
        Waits.until(THREAD + " to open " + LEAKED + " downloads", Duration.ofSeconds(30),
                () -> worker.openDownloads() == LEAKED);
        Waits.parkedIn(thread, ReportsDatabase.QUEUE, "take");

        return new Facts(name(), description())
                .leak(new Holding(ReportsDatabase.JDBC_CONNECTION, LEAKED, ExportWorker.class.getName(),
                        "openDownloads", false, "java.util.ArrayList", "open",
                        "an instance field of the ExportWorker that is the Runnable (Thread.target) of the live thread "
                                + THREAD + ", which waits in LinkedBlockingQueue.take() for more work"),
                        new ThreadHolding("thread-owned", Map.of(THREAD, LEAKED), null, null, true))
                .expectInstances(ReportsDatabase.JDBC_CONNECTION, LEAKED)
                .expectInstances(ExportWorker.class.getName(), 1)
                .detail("thread", THREAD);
    }
}
