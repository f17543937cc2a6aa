package heaptriage.reference;

import org.junit.jupiter.api.Tag;
import com.fasterxml.jackson.databind.JsonNode;
import heaptriage.analysis.ClassHistogram;
import heaptriage.analysis.ClassRetainedSizes;
import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.LeakSuspects;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real dumps, the graph numbers equal Eclipse MAT's (default options): objects, used heap and GC roots after
 * unreachable objects are removed, what was removed, and per class the instances, shallow bytes and minimum
 * retained bytes; top-level dominators by class; the 200 largest dominators; exact retained sizes of the top 20.
 * Each dump is checked twice: with its arrays on the heap, and in memory-mapped files under a tiny memory budget.
 */
@Tag("slow") // reads the large reference dumps: runs in the integration-test phase (mvn verify)
class ReferenceDumpRetentionTest {
    private static final Map<String, RetainedHeap> CACHE = new HashMap<>();

    private static synchronized RetainedHeap retention(String name, Snapshots.Placement placement) throws Exception {
        String key = name + " " + placement;
        RetainedHeap r = CACHE.get(key);
        if (r == null) {
            r = RetainedHeap.of(HeapGraph.of(Snapshots.of(ReferenceDumps.dump(name), placement)));
            CACHE.put(key, r);
        }
        return r;
    }

    private static Stream<DynamicTest> perDump(ThrowingCheck check) throws Exception {
        return ReferenceDumps.names().stream().flatMap(name -> Stream.of(Snapshots.Placement.values())
                .map(placement -> DynamicTest.dynamicTest(name + " (" + placement.name().toLowerCase(java.util.Locale.ROOT) + ")",
                        () -> check.run(retention(name, placement), ReferenceDumps.mat(name)))));
    }

    private interface ThrowingCheck {
        void run(RetainedHeap r, JsonNode mat) throws Exception;
    }

    @TestFactory
    Stream<DynamicTest> objectsUsedHeapAndGcRootsEqualMat() throws Exception {
        return perDump((r, mat) -> {
            assertEquals(mat.get("objects").asLong(), r.tree().reachableCount());
            assertEquals(mat.get("usedHeapBytes").asLong(), r.usedHeap());
            assertEquals(mat.get("gcRoots").asLong(), r.heapGraph().gcRoots().length);
            assertEquals(mat.get("topLevelDominatorCount").asLong(), r.topLevel().length);
        });
    }

    @TestFactory
    Stream<DynamicTest> removedUnreachableObjectsEqualMatsUnreachableHistogram() throws Exception {
        return perDump((r, mat) -> {
            ClassHistogram removed = ClassHistogram.of(r.snapshot(), r.heapGraph().garbage());
            assertEquals(mat.get("unreachable").get("objects").asLong(), removed.totalInstances());
            assertEquals(mat.get("unreachable").get("shallowBytes").asLong(), removed.totalShallowBytes());
            Map<String, long[]> ours = new HashMap<>();
            removed.rows().forEach(row -> ours.merge(row.className(), new long[] {row.instances(), row.shallowBytes()},
                    (a, b) -> new long[] {a[0] + b[0], a[1] + b[1]}));
            for (JsonNode row : mat.get("unreachable").get("byClass")) {
                long[] o = ours.getOrDefault(row.get("className").asText(), new long[2]);
                assertEquals(row.get("objects").asLong(), o[0], row.get("className").asText());
                assertEquals(row.get("shallowBytes").asLong(), o[1], row.get("className").asText());
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> everyClassHasMatsInstancesShallowAndMinimumRetainedBytes() throws Exception {
        return perDump((r, mat) -> {
            HeapSnapshot s = r.snapshot();
            BitSet live = new BitSet(s.objectCount());
            for (int i = 0; i < s.objectCount(); i++) {
                if (r.inTree(i)) {
                    live.set(i);
                }
            }
            Map<Long, ClassHistogram.Row> histogram = new HashMap<>();
            ClassHistogram.of(s, live).rows().forEach(row -> histogram.put(row.classAddress(), row));
            Map<Long, HeapClass> classes = new HashMap<>();
            s.classes().forEach(c -> classes.put(c.address(), c));
            ClassRetainedSizes retained = ClassRetainedSizes.of(r);
            List<String> wrong = new ArrayList<>();
            for (JsonNode row : mat.get("histogram")) {
                long address = Long.decode(row.get("classAddress").asText());
                HeapClass c = classes.get(address);
                ClassHistogram.Row h = histogram.get(address);
                String ours = c == null || h == null ? "missing" : h.instances() + "/" + h.shallowBytes() + "/"
                        + retained.minimumWithClassObject(c.slot()) + "/" + retained.minimumOfInstances(c.slot());
                String theirs = row.get("instances").asLong() + "/" + row.get("shallowBytes").asLong() + "/"
                        + row.get("minRetainedBytes").asLong() + "/" + row.get("minRetainedBytesInstancesOnly").asLong();
                if (!ours.equals(theirs)) {
                    wrong.add(row.get("className").asText() + ": MAT " + theirs + ", ours " + ours);
                }
            }
            assertEquals(mat.get("histogram").size(), histogram.size(), "classes with live instances");
            assertTrue(wrong.isEmpty(), "instances/shallow/min retained/min retained of instances differ: " + wrong);
        });
    }

    @TestFactory
    Stream<DynamicTest> topLevelDominatorsByClassEqualMat() throws Exception {
        return perDump((r, mat) -> {
            Map<String, TopDominatorsByClass.Row> ours = new HashMap<>();
            TopDominatorsByClass.of(r).forEach(row -> ours.put(row.className(), row));
            assertEquals(mat.get("topLevelDominatorsByClass").size(), ours.size());
            for (JsonNode row : mat.get("topLevelDominatorsByClass")) {
                TopDominatorsByClass.Row o = ours.get(row.get("className").asText());
                String name = row.get("className").asText();
                assertEquals(row.get("objects").asLong(), o.objects(), name);
                assertEquals(row.get("shallowBytes").asLong(), o.shallowBytes(), name);
                assertEquals(row.get("retainedBytes").asLong(), o.retainedBytes(), name);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> largestDominatorsEqualMats() throws Exception {
        return perDump((r, mat) -> {
            long[] ours = java.util.Arrays.stream(r.topLevel()).mapToLong(r::retained).boxed()
                    .sorted(java.util.Comparator.reverseOrder()).mapToLong(Long::longValue).toArray();
            int i = 0;
            for (JsonNode row : mat.get("topDominators")) {
                assertEquals(row.get("retainedBytes").asLong(), ours[i++], "dominator #" + i);
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> exactRetainedSizesOfTheTopClassesEqualMatsPreciseFigures() throws Exception {
        return perDump((r, mat) -> {
            Map<Long, HeapClass> classes = new HashMap<>();
            r.snapshot().classes().forEach(c -> classes.put(c.address(), c));
            JsonNode rows = mat.get("preciseRetainedTop");
            int[] slots = new int[rows.size()];
            for (int i = 0; i < slots.length; i++) {
                slots[i] = classes.get(Long.decode(rows.get(i).get("classAddress").asText())).slot();
            }
            long[] instancesOnly = ClassRetainedSizes.exact(r, slots, false);
            long[] withClassObject = ClassRetainedSizes.exact(r, slots, true);
            for (int i = 0; i < slots.length; i++) {
                String name = rows.get(i).get("className").asText();
                assertEquals(rows.get(i).get("preciseRetainedBytesInstancesOnly").asLong(), instancesOnly[i], name);
                assertEquals(rows.get(i).get("preciseRetainedBytes").asLong(), withClassObject[i], name);
            }
        });
    }

    /**
     * The reference files hold what MAT's {@code find_leaks} query gives with its own default threshold, 20% of the
     * used heap (the Leak Suspects report passes 10%): the same rules at 20% must give the same suspects.
     */
    @TestFactory
    Stream<DynamicTest> leakSuspectsEqualMatsWithTheirAccumulationPoints() throws Exception {
        return perDump((r, mat) -> {
            List<LeakSuspects.Suspect> ours = LeakSuspects.find(r, GcRootPaths.of(r), 20);
            List<String> expected = new ArrayList<>();
            for (JsonNode row : mat.get("suspects")) {
                expected.add(row.get("kind").asText() + " " + row.get("className").asText() + " " + row.get("retainedBytes").asLong()
                        + " -> " + (row.hasNonNull("accumulationPointClass") ? row.get("accumulationPointClass").asText() + " "
                        + row.get("accumulationPointRetainedBytes").asLong() : "none"));
            }
            List<String> actual = ours.stream().map(x -> x.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + x.className()
                    + " " + x.retainedBytes() + " -> " + (x.accumulationClass() == null ? "none"
                    : x.accumulationClass() + " " + x.accumulationRetainedBytes())).toList();
            assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList());
            ours.stream().filter(x -> x.kind() == LeakSuspects.Kind.SINGLE)
                    .forEach(x -> assertTrue(!x.pathFromGcRoot().isEmpty(), "a path from a GC root to " + x.className()));
        });
    }
}
