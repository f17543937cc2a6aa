package heaptriage.junit.example;

import heaptriage.junit.HeapTriage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The same 20 exports, each closing its connection with try-with-resources. */
@HeapTriage
class ClosingExportTest {
    @Test
    void exportsTwentyInvoices() throws Exception {
        for (long id = 1; id <= 20; id++) {
            assertEquals(id * 100 + 42, InvoiceExports.export(id));
        }
    }
}
