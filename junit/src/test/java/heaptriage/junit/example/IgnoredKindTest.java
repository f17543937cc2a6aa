package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.Test;

/** Leaks H2 connections, but H2 is a kind this class ignores. */
@HeapTriage(ignoreKinds = "h2")
class IgnoredKindTest {
    @Test
    void leaksFiveExports() throws Exception {
        for (long id = 1; id <= 5; id++) {
            InvoiceExports.startExport(id);
        }
    }
}
