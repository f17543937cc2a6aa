package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.Test;

/** Compared around each test: only the test that leaks fails. */
@HeapTriage(scope = HeapTriage.Scope.TEST)
class PerTestLeakTest {
    @Test
    void leaksFiveExports() throws Exception {
        for (long id = 1; id <= 5; id++) {
            InvoiceExports.startExport(id);
        }
    }

    @Test
    void closesFiveExports() throws Exception {
        for (long id = 1; id <= 5; id++) {
            InvoiceExports.export(id);
        }
    }
}
