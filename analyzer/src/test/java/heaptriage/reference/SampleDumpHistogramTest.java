package heaptriage.reference;

import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The committed sample dumps were taken with {@code jcmd GC.heap_dump} and followed at once by
 * {@code jcmd GC.class_histogram -all}: every class's instance count in our histogram equals the JVM's, the only
 * named differences being java.lang.Class (mirrors without a class record) and MAT's pseudo boot loader object.
 */
class SampleDumpHistogramTest {
    private static final Path SAMPLES = Path.of("..", "sample-dumps", "dumps");

    @TestFactory
    Stream<DynamicTest> instanceCountsEqualTheJvmsOwnHistogram() {
        return Stream.of("h2-leak", "hikari-healthy", "socket-leak").map(name -> DynamicTest.dynamicTest(name, () -> {
            HeapSnapshot s = Snapshots.of(SAMPLES.resolve(name + ".hprof.gz"));
            Map<String, Long> ours = new HashMap<>();
            ClassHistogram.of(s).rows().forEach(r -> ours.merge(r.className(), r.instances(), Long::sum));
            Map<String, JcmdHistogram.Row> jvm = JcmdHistogram.read(SAMPLES.resolve(name + ".histo.txt"));
            List<String> wrong = JcmdHistogram.unexpectedDifferences(ours, jvm);
            assertTrue(wrong.isEmpty(), "counts differ from jcmd GC.class_histogram: " + wrong);
            assertEquals(1L, ours.get("java.lang.ClassLoader"), "MAT's pseudo object for the boot class loader");
        }));
    }
}
