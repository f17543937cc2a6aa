package heaptriage.junit.example;

/** What the example classes leave in this JVM on purpose, closed by the proof after each run. */
public final class Examples {
    private Examples() {
    }

    public static void cleanUp() throws Exception {
        InvoiceExports.closeLeakedExports();
        PooledExportTest.closePool();
        SharedConnectionsTest.closeShared();
    }
}
