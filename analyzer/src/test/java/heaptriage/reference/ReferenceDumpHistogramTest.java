package heaptriage.reference;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import heaptriage.analysis.ClassHistogram;
import heaptriage.heap.HeapSnapshot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real dumps: our histogram counts what the JVM's own {@code GC.class_histogram} counts, and our shallow sizes
 * are Eclipse MAT's. MAT's histogram leaves out unreachable objects, so ours must equal MAT's plus MAT's
 * unreachable histogram, class by class.
 */
@Tag("slow") // reads the large reference dumps: runs in the integration-test phase (mvn verify)
class ReferenceDumpHistogramTest {

    @TestFactory
    Stream<DynamicTest> instanceCountsEqualTheJvmsClassHistogram() throws Exception {
        return ReferenceDumps.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            HeapSnapshot s = Snapshots.of(ReferenceDumps.dump(name));
            Map<String, Long> ours = byName(ClassHistogram.of(s));
            Map<String, JcmdHistogram.Row> jvm = JcmdHistogram.read(ReferenceDumps.histogramAfterDump(name));
            List<String> wrong = JcmdHistogram.unexpectedDifferences(ours, jvm);
            assertTrue(wrong.isEmpty(), "counts differ from jcmd GC.class_histogram: " + wrong);
            assertTrue(ours.get("java.lang.Class") <= jvm.get("java.lang.Class").instances());
        }));
    }

    @TestFactory
    Stream<DynamicTest> instancesAndShallowBytesEqualMatPlusWhatMatRemovedAsUnreachable() throws Exception {
        return ReferenceDumps.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            HeapSnapshot s = Snapshots.of(ReferenceDumps.dump(name));
            JsonNode mat = ReferenceDumps.mat(name);
            Map<String, long[]> expected = new HashMap<>();
            for (JsonNode row : mat.get("histogram")) {
                add(expected, row.get("className").asText(), row.get("instances").asLong(), row.get("shallowBytes").asLong());
            }
            for (JsonNode row : mat.get("unreachable").get("byClass")) {
                add(expected, row.get("className").asText(), row.get("objects").asLong(), row.get("shallowBytes").asLong());
            }
            ClassHistogram h = ClassHistogram.of(s);
            Map<String, long[]> ours = new HashMap<>();
            h.rows().forEach(r -> add(ours, r.className(), r.instances(), r.shallowBytes()));
            List<String> wrong = new ArrayList<>();
            expected.forEach((className, e) -> {
                long[] o = ours.getOrDefault(className, new long[2]);
                if (o[0] != e[0] || o[1] != e[1]) {
                    wrong.add(className + ": MAT " + e[0] + " objects/" + e[1] + " B, ours " + o[0] + "/" + o[1]);
                }
            });
            ours.keySet().stream().filter(c -> !expected.containsKey(c)).forEach(c -> wrong.add(c + ": not in MAT"));
            assertTrue(wrong.isEmpty(), "differs from MAT: " + wrong);
            long unreachableObjects = mat.get("unreachable").get("objects").asLong();
            long unreachableBytes = mat.get("unreachable").get("shallowBytes").asLong();
            assertEquals(mat.get("objects").asLong() + unreachableObjects, s.objectCount());
            assertEquals(mat.get("usedHeapBytes").asLong() + unreachableBytes, h.totalShallowBytes());
            assertEquals(mat.get("idSize").asInt(), s.header().idSize());
            assertEquals(mat.get("compressedRefs").asText().equals("true"), s.sizeModel().compressedReferences());
        }));
    }

    private static Map<String, Long> byName(ClassHistogram h) {
        Map<String, Long> out = new HashMap<>();
        h.rows().forEach(r -> out.merge(r.className(), r.instances(), Long::sum));
        return out;
    }

    private static void add(Map<String, long[]> m, String className, long objects, long bytes) {
        long[] v = m.computeIfAbsent(className, k -> new long[2]);
        v[0] += objects;
        v[1] += bytes;
    }
}
