package heaptriage.samples.scenarios;

import com.acme.reports.ReportCursors;
import com.acme.reports.ReportJob;
import java.sql.SQLException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** What the report scenarios share: the reporting database and a queue of jobs. */
final class ReportsDatabase {

    static final String JDBC_CONNECTION = Pools.JDBC_CONNECTION;
    static final String QUEUE = LinkedBlockingQueue.class.getName();

    private ReportsDatabase() {
    }

    static void create() throws SQLException {
        ReportCursors.createSchema();
    }

    /** A queue holding {@code count} report jobs for different customers. */
    static BlockingQueue<ReportJob> jobs(int count) {
        BlockingQueue<ReportJob> jobs = new LinkedBlockingQueue<>();
        for (int i = 0; i < count; i++) {
            jobs.add(job(i));
        }
        return jobs;
    }

    static ReportJob job(int i) {
        return new ReportJob(String.format("C%05d", i), 50);
    }
}
