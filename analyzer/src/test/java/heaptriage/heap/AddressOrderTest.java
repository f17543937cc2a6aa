package heaptriage.heap;

import static heaptriage.testing.MinimalHeap.C_NODE;
import static heaptriage.testing.MinimalHeap.C_OBJARR;
import static heaptriage.testing.MinimalHeap.C_SPECIAL;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.analysis.ClassHistogram;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Container;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Objects are numbered in address order whatever order the file has them in; every per-object fact (class, size,
 * record offset for field reads, references) must follow its object through that renumbering.
 */
class AddressOrderTest {
    @TempDir
    Path dir;

    /** 300 nodes in a chain (node i's next is node i - 1), at scattered addresses, written in shuffled order. */
    @ParameterizedTest(name = "{0}-byte ids, seed {1}, {2}")
    @CsvSource({"8, 1, PLAIN", "8, 2, CHUNKED_GZIP", "4, 3, PLAIN", "4, 4, GZIP", "8, 5, PLAIN"})
    void shuffledFileOrderIsIndexedInAddressOrderWithEveryFactFollowingItsObject(int idSize, long seed, Container container)
            throws Exception {
        Random random = new Random(seed);
        int n = 300;
        long[] address = new long[n];
        for (int i = 0; i < n; i++) {
            // spread over a wide range (and, with 8-byte ids, above 4 GiB) with gaps that are multiples of 8
            long region = idSize == 8 ? (random.nextBoolean() ? 0x7_F000_0000L : 0x1000_0000L) : 0x1000_0000L;
            address[i] = region + 8L * (i * 1000 + random.nextInt(900));
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);

        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        MinimalHeap.writeClasses(w);
        w.instance(MinimalHeap.APP_LOADER, MinimalHeap.C_LOADER, 0L);
        for (int i : order) {
            long next = i == 0 ? 0 : address[i - 1];
            if (i % 3 == 0) {
                w.instance(address[i], C_SPECIAL, (long) i * 1000, i % 2 == 0, next, i, 0L);
            } else {
                w.instance(address[i], C_NODE, next, i, 0L);
            }
        }
        long arrayAddress = 0x0900_0000L;
        w.objectArray(arrayAddress, C_OBJARR, address[n - 1], address[0], 0);
        Path file = container.write(w, dir.resolve("shuffled.hprof"));

        try (HeapSnapshot s = Dumps.index(file)) {
            assertEquals(1 + 10 + 1 + n + 1, s.objectCount());
            for (int i = 1; i < s.objectCount(); i++) {
                assertTrue(s.address(i) > s.address(i - 1));
            }
            int nodeSize = idSize == 8 ? 40 : 24;
            int specialSize = idSize == 8 ? 56 : 32;
            for (int i = 0; i < n; i++) {
                int o = s.indexOf(address[i]);
                assertEquals(address[i], s.address(o));
                boolean special = i % 3 == 0;
                assertEquals(special ? "com.example.SpecialNode" : "com.example.Node", s.classOf(o).name());
                assertEquals(special ? specialSize : nodeSize, s.shallowSize(o));
                InstanceView v = s.instance(o);
                assertEquals(i, v.intValue("x"), "fields are read from this object's own record");
                int next = i == 0 ? -1 : s.indexOf(address[i - 1]);
                assertEquals(next, v.ref("next"));
                int[] expectedEdges = i == 0
                        ? new int[] {s.indexOf(special ? C_SPECIAL : C_NODE)}
                        : new int[] {s.indexOf(special ? C_SPECIAL : C_NODE), next};
                assertArrayEquals(expectedEdges, Dumps.outbound(s, o), "references of node " + i);
                if (special) {
                    assertEquals(i * 1000L, v.longValue("extra"));
                    assertEquals(i % 2 == 0, v.booleanValue("flag"));
                }
            }
            int array = s.indexOf(arrayAddress);
            assertArrayEquals(new int[] {s.indexOf(address[n - 1]), s.indexOf(address[0]), -1}, s.objectArrayElements(array));
            ClassHistogram h = ClassHistogram.of(s);
            assertEquals(n / 3, h.instancesOf("com.example.SpecialNode"));
            assertEquals(n - n / 3, h.instancesOf("com.example.Node"));
            assertEquals(1, s.danglingReferences(), "only Node.ROOT, whose NODE1 is not in this heap");
        }
    }

    @Test
    void referencesToAddressesWithoutAnObjectAreCountedAsDanglingAndReadAsNull() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        MinimalHeap.writeClasses(w);
        w.instance(MinimalHeap.APP_LOADER, MinimalHeap.C_LOADER, 0L);
        long nowhere = 0x0E00_0F00L;
        w.instance(0x0E00_0010L, C_NODE, nowhere, 1, 0L);
        w.objectArray(0x0E00_0100L, C_OBJARR, nowhere, 0x0E00_0010L, nowhere + 8);
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("dangling.hprof")))) {
            assertEquals(4, s.danglingReferences(), "one field, two elements, and Node.ROOT, whose NODE1 is absent");
            int node = s.indexOf(0x0E00_0010L);
            assertEquals(heaptriage.heap.InstanceView.MISSING, s.instance(node).ref("next"), "missing from the dump, not null");
            assertArrayEquals(Dumps.indexes(s, C_NODE), Dumps.outbound(s, node));
            int array = s.indexOf(0x0E00_0100L);
            assertArrayEquals(new int[] {-1, node, -1}, s.objectArrayElements(array));
            assertArrayEquals(Dumps.indexes(s, C_OBJARR, 0x0E00_0010L), Dumps.outbound(s, array));
        }
    }
}
