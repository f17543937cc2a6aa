package heaptriage.samples.scenarios;

import com.acme.reports.ReportContext;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import heaptriage.samples.ThreadHolding;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * An executor's 6 pool threads each keep a growing list of open H2 connections in the static ThreadLocal
 * {@code ReportContext.OPEN}, 20 per thread, 120 in all, never removed. The threads then wait for more work. With
 * {@code --requests N} each thread has served N requests instead of 20 (the same service at another moment).
 */
public final class ThreadLocalLeakScenario implements Scenario {

    static final int THREADS = 6;
    static final int ROUNDS = 20;

    // Keeps the executor (and so its idle threads) alive, as a service's request executor is.
    private static ExecutorService executor;

    @Override
    public String name() {
        return "threadlocal-leak";
    }

    @Override
    public String description() {
        return "report renderer: " + THREADS + " executor threads each keep " + ROUNDS + " open H2 connections in the "
                + "static ThreadLocal ReportContext.OPEN, " + THREADS * ROUNDS + " in all, never removed";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 64;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        return run(sizeBytes, -1);
    }

    /** {@code requests} = how many requests each pool thread has served (and leaked a connection for). */
    @Override
    public Facts run(long sizeBytes, int requests) throws Exception {
        int rounds = requests < 0 ? ROUNDS : requests;
        ReportsDatabase.create();
        executor = Executors.newFixedThreadPool(THREADS);
        Set<Thread> threads = ConcurrentHashMap.newKeySet();
        Map<String, Integer> perThread = new ConcurrentHashMap<>();
        // Each round is one request per thread: the barrier holds every task until all 6 threads have one, so each
        // thread renders exactly one report per round.
        CyclicBarrier allThreads = new CyclicBarrier(THREADS);
        for (int round = 0; round < rounds; round++) {
            Future<?>[] tasks = new Future<?>[THREADS];
            for (int t = 0; t < THREADS; t++) {
                int job = round * THREADS + t;
                tasks[t] = executor.submit(() -> {
                    allThreads.await(20, TimeUnit.SECONDS);
                    ReportContext.render(ReportsDatabase.job(job));
                    threads.add(Thread.currentThread());
                    perThread.merge(Thread.currentThread().getName(), 1, Integer::sum);
                    return null;
                });
            }
            for (Future<?> task : tasks) {
                task.get(30, TimeUnit.SECONDS);
            }
        }
        for (Thread t : threads) {
            Waits.parkedIn(t, ReportsDatabase.QUEUE, "take");
        }
        if (rounds > 0 && (((ThreadPoolExecutor) executor).getPoolSize() != THREADS || perThread.size() != THREADS)) {
            throw new IllegalStateException("expected " + THREADS + " pool threads, got " + perThread);
        }
        Map<String, Integer> ordered = new LinkedHashMap<>(new TreeMap<>(perThread));

        int leaked = THREADS * rounds;
        Facts facts = new Facts(name(), description());
        if (requests >= 0) {
            facts.detail("requests", rounds);
        }
        return facts
                .leak(new Holding(ReportsDatabase.JDBC_CONNECTION, leaked, ReportContext.class.getName(), "OPEN", true,
                        "java.util.ArrayList", "open",
                        "values of the static ThreadLocal ReportContext.OPEN on the executor's " + THREADS
                                + " threads, which wait in LinkedBlockingQueue.take() for more work"),
                        new ThreadHolding("thread-local", ordered, null, ReportContext.class.getName() + ".OPEN", true))
                .expectInstances(ReportsDatabase.JDBC_CONNECTION, leaked)
                .detail("threads", ordered.keySet().stream().toList());
    }
}
