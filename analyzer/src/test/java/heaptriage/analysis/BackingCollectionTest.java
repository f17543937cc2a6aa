package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A set is a map inside (HashSet.map, ConcurrentSkipListSet.m, Collections$UnmodifiableMap.m): the map it wraps is
 * its backing store, gone through like a HashMap's table, not "a HashSet of 1 entries of java.util.HashMap" (seen on
 * Eclipse MAT's collection test dumps). Hand-built heap:
 *
 * <pre>
 * class com.acme.Tags (sticky class): static ALL = SET
 *   SET java.util.HashSet {map = MAP} -> HashMap {table, size = 40} -> HashMap$Node[40] -> Node {key = byte[2000]}
 * </pre>
 */
class BackingCollectionTest {
    private static final heaptriage.hprof.BasicType[] NO_TYPES = {};
    private static final int ELEMENTS = 40;

    @TempDir
    Path dir;

    @Test
    void aHashSetCountsTheKeysOfTheMapItWrapsAndShowsNoNodeForThatMap() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        String[] none = {};
        long object = w.defineClass("java/lang/Object", 0, none, NO_TYPES);
        long bytes = w.defineClass("[B", object, none, NO_TYPES);
        long set = w.defineClass("java/util/HashSet", object, new String[] {"map"}, OBJECT);
        long map = w.defineClass("java/util/HashMap", object, new String[] {"table", "size"}, OBJECT, INT);
        long node = w.defineClass("java/util/HashMap$Node", object, new String[] {"key", "value", "next"},
                OBJECT, OBJECT, OBJECT);
        long nodes = w.defineClass("[Ljava/util/HashMap$Node;", object, none, NO_TYPES);
        long tags = w.newId();
        long setObject = w.newId();
        w.newClass(tags, "com/acme/Tags").superClass(object).staticField("ALL", OBJECT, setObject).write();
        long mapObject = w.newId();
        long table = w.newId();
        long[] entries = new long[ELEMENTS];
        for (int i = 0; i < ELEMENTS; i++) {
            entries[i] = w.newId();
        }
        w.instance(setObject, set, mapObject);
        w.instance(mapObject, map, table, ELEMENTS);
        w.objectArray(table, nodes, entries);
        for (long entry : entries) {
            long key = w.newId();
            w.instance(entry, node, key, 0L, 0L);
            w.byteArray(key, new byte[2000]);
        }
        for (long c : List.of(object, bytes, set, map, node, nodes, tags)) {
            w.rootStickyClass(c);
        }

        RetentionTree tree;
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("set.hprof")))) {
            RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
            tree = RetentionTree.of(r, GcRootPaths.of(r));
        }

        RetentionTree.Headline h = tree.headline();
        assertNotNull(h);
        assertEquals(Reference.staticField("com.acme.Tags", "ALL"), h.holder());
        assertEquals("java.util.HashSet", h.className());
        assertEquals(RetentionTree.ContainerKind.COLLECTION, h.contents().kind());
        assertEquals(ELEMENTS, h.contents().elements());
        assertEquals("byte[]", h.contents().elementClass());
        assertTrue(tree.nodes().stream().noneMatch(n -> n.className().equals("java.util.HashMap")),
                "the backing map is no node: " + tree.nodes());
    }
}
