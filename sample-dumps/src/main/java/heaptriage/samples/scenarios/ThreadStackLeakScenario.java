package heaptriage.samples.scenarios;

import com.acme.reports.ReportJob;
import com.acme.reports.ReportWorker;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import heaptriage.samples.ThreadHolding;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;

/**
 * A long-lived worker thread, report-worker, keeps 150 open H2 connections in a list that lives only in a local
 * variable of its run() frame, while it waits for the next job in a queue's take().
 */
public final class ThreadStackLeakScenario implements Scenario {

    static final int LEAKED = 150;
    static final String THREAD = "report-worker";

    @Override
    public String name() {
        return "thread-stack-leak";
    }

    @Override
    public String description() {
        return "report worker thread: " + LEAKED + " open H2 connections in a local variable of its run() frame, "
                + "never closed, while it waits for more work";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 64;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        ReportsDatabase.create();
        BlockingQueue<ReportJob> jobs = ReportsDatabase.jobs(LEAKED);
        ReportWorker worker = new ReportWorker(jobs);
        Thread thread = new Thread(worker, THREAD);
        thread.setDaemon(true);
        thread.start();
        Waits.until(THREAD + " to render " + LEAKED + " reports", Duration.ofSeconds(30),
                () -> worker.rendered() == LEAKED);
        Waits.parkedIn(thread, ReportsDatabase.QUEUE, "take");
        String frame = Waits.frame(thread, ReportWorker.class.getName(), "run");

        return new Facts(name(), description())
                .leak(new Holding(ReportsDatabase.JDBC_CONNECTION, LEAKED, ReportWorker.class.getName(),
                        "<local variable of run()>", false, "java.util.ArrayList", "open",
                        "the list 'cursors' is a local variable of ReportWorker.run() on the live thread " + THREAD
                                + ", which waits in LinkedBlockingQueue.take() for more work"),
                        new ThreadHolding("stack-local", Map.of(THREAD, LEAKED), frame, null, true))
                .expectInstances(ReportsDatabase.JDBC_CONNECTION, LEAKED)
                .expectInstances(ReportWorker.class.getName(), 1)
                .detail("thread", THREAD)
                .detail("frame", frame);
    }
}
