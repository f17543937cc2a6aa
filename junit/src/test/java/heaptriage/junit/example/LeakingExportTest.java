package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Each test passes on its own, but the class leaks 20 open H2 connections into InvoiceExports.openExports. */
@HeapTriage
class LeakingExportTest {
    @Test
    void exportsTenInvoices() throws Exception {
        for (long id = 1; id <= 10; id++) {
            assertEquals(id * 100 + 42, InvoiceExports.startExport(id));
        }
    }

    @Test
    void exportsTenMoreInvoices() throws Exception {
        for (long id = 11; id <= 20; id++) {
            assertEquals(id * 100 + 42, InvoiceExports.startExport(id));
        }
    }
}
