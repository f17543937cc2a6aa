package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.Test;

/** Leaks 2 connections: under the default threshold of 3, over a threshold of 2 set in the configuration. */
@HeapTriage
class SmallLeakTest {
    @Test
    void leaksTwoExports() throws Exception {
        InvoiceExports.startExport(1);
        InvoiceExports.startExport(2);
    }
}
