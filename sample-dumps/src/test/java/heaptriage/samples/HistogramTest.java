package heaptriage.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class HistogramTest {

    private static final String TEXT = """
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:         25787        1317152  [B (java.base@17.0.15)
               2:          4188         516992  [Ljava.lang.Object; (java.base@17.0.15)
              30:           210          18480  org.h2.jdbc.JdbcConnection
              31:             2             64  com.acme.Twice
              32:             3             96  com.acme.Twice
            Total         30190        1852784
            """;

    @Test
    void parsesCountsBytesModulesAndArrays() {
        Histogram h = Histogram.parse(TEXT);
        assertEquals(25787, h.instances("[B"));
        assertEquals(516992, h.bytes("[Ljava.lang.Object;"));
        assertEquals(210, h.instances("org.h2.jdbc.JdbcConnection"));
        assertEquals(0, h.instances("java.net.Socket"));
        assertEquals(30190, h.totalInstances());
        assertEquals(1852784, h.totalBytes());
    }

    @Test
    void sumsAClassLoadedByTwoLoaders() {
        assertEquals(5, Histogram.parse(TEXT).instances("com.acme.Twice"));
    }

    @Test
    void rejectsTextWithoutHistogramLines() {
        assertThrows(IllegalArgumentException.class, () -> Histogram.parse("12345:\nConnection refused\n"));
    }
}
