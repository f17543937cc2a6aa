package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import static heaptriage.hprof.BasicType.BYTE;
import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention tree's labels on a small hand-built heap: a static field of an application class reached through its
 * class object, an instance field below it, a HashMap's big value as an element of the map through its table and
 * node, an application chain collapsed to one node, and a thread's stack local named by the thread.
 *
 * <pre>
 * class com.acme.Registry (a system class root): static INSTANCE = REG, static HEAD = ITEM[0]
 *   REG Registry {byKey = MAP, blob = byte[3000]}
 *   MAP java.util.HashMap {table = TABLE, size = 3} -> HashMap$Node[3] -> Node {value = byte[20000] | byte[100] | byte[100]}
 *   ITEM[0..199] com.acme.Item {next = ITEM[i+1], payload = byte[16]}
 * thread "worker-1" (thread object root) with a stack local Object[] {byte[5000]}
 * </pre>
 */
class RetentionTreeTest {
    private static final int CHAIN = 200;
    private static final heaptriage.hprof.BasicType[] NO_TYPES = {};

    @TempDir
    static Path dir;
    private static RetentionTree tree;

    @BeforeAll
    static void buildTheHeap() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        String[] none = {};
        long object = w.defineClass("java/lang/Object", 0, none, NO_TYPES);
        long[] boot = {object, w.defineClass("java/lang/Class", object, none, NO_TYPES),
                w.defineClass("java/lang/ClassLoader", object, new String[] {"parent"}, OBJECT)};
        long string = w.defineClass("java/lang/String", object, new String[] {"value", "hash", "coder"}, OBJECT, INT, BYTE);
        long bytes = w.defineClass("[B", object, none, NO_TYPES);
        long objects = w.defineClass("[Ljava/lang/Object;", object, none, NO_TYPES);
        long thread = w.defineClass("java/lang/Thread", object, new String[] {"name"}, OBJECT);
        long map = w.defineClass("java/util/HashMap", object, new String[] {"table", "size"}, OBJECT, INT);
        long node = w.defineClass("java/util/HashMap$Node", object, new String[] {"key", "value", "next"}, OBJECT, OBJECT, OBJECT);
        long nodes = w.defineClass("[Ljava/util/HashMap$Node;", object, none, NO_TYPES);
        long item = w.defineClass("com/acme/Item", object, new String[] {"next", "payload"}, OBJECT, OBJECT);
        long reg = w.newId();
        long regObject = w.newId();
        long[] items = new long[CHAIN];
        for (int i = 0; i < CHAIN; i++) {
            items[i] = w.newId();
        }
        w.newClass(reg, "com/acme/Registry").superClass(object).staticField("INSTANCE", OBJECT, regObject)
                .staticField("HEAD", OBJECT, items[0]).field("byKey", OBJECT).field("blob", OBJECT).write();

        long mapObject = w.newId();
        long table = w.newId();
        long[] values = {w.newId(), w.newId(), w.newId()};
        long[] entries = {w.newId(), w.newId(), w.newId()};
        long blob = w.newId();
        w.instance(regObject, reg, mapObject, blob);
        w.byteArray(blob, new byte[3000]);
        w.instance(mapObject, map, table, 3);
        w.objectArray(table, nodes, entries);
        int[] sizes = {20_000, 100, 100};
        for (int i = 0; i < 3; i++) {
            w.instance(entries[i], node, 0L, values[i], 0L);
            w.byteArray(values[i], new byte[sizes[i]]);
        }
        for (int i = 0; i < CHAIN; i++) {
            long payload = w.newId();
            w.instance(items[i], item, i + 1 < CHAIN ? items[i + 1] : 0L, payload);
            w.byteArray(payload, new byte[16]);
        }
        long threadObject = w.newId();
        long name = w.newId();
        long nameBytes = w.newId();
        long local = w.newId();
        long localBytes = w.newId();
        w.instance(threadObject, thread, name);
        w.instance(name, string, nameBytes, 0, 0);
        w.byteArray(nameBytes, "worker-1".getBytes(StandardCharsets.ISO_8859_1));
        w.objectArray(local, objects, localBytes);
        w.byteArray(localBytes, new byte[5000]);

        for (long c : List.of(boot[0], boot[1], boot[2], string, bytes, objects, thread, map, node, nodes, item, reg)) {
            w.rootStickyClass(c);
        }
        long frame = w.newId();
        w.stackFrame(frame, "run", "()V", "Worker.java", w.classSerial(item), 7);
        w.stackTrace(1, 1, frame);
        w.rootThreadObject(threadObject, 1, 1);
        w.rootJavaFrame(local, 1, 0);

        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("tree.hprof")))) {
            RetainedHeap r = RetainedHeap.of(HeapGraph.of(s));
            tree = RetentionTree.of(r, GcRootPaths.of(r));
        }
    }

    private static RetentionTree.Node held(Reference reference) {
        return tree.nodes().stream().filter(n -> n.reference().equals(reference)).findFirst()
                .orElseThrow(() -> new AssertionError("no node held by " + reference + " in " + tree.nodes()));
    }

    private static RetentionTree.Node parentOf(RetentionTree.Node child) {
        List<RetentionTree.Node> nodes = tree.nodes();
        for (int i = nodes.indexOf(child) - 1; i >= 0; i--) {
            if (nodes.get(i).depth() == child.depth() - 1) {
                return nodes.get(i);
            }
        }
        return null;
    }

    @Test
    void aStaticFieldIsReachedThroughItsClassObjectAndAnInstanceFieldBelowIt() {
        RetentionTree.Node instance = held(Reference.staticField("com.acme.Registry", "INSTANCE"));
        RetentionTree.Node byKey = held(Reference.instanceField("com.acme.Registry", "byKey"));
        RetentionTree.Node blob = held(Reference.instanceField("com.acme.Registry", "blob"));

        assertEquals("class com.acme.Registry", parentOf(instance).className());
        assertEquals(ReferenceKind.GC_ROOT, parentOf(instance).reference().kind());
        assertEquals("STICKY_CLASS", parentOf(instance).reference().name());
        assertEquals(instance, parentOf(byKey));
        assertEquals(instance, parentOf(blob));
        assertTrue(instance.application() && byKey.application() && blob.application());
        assertEquals("java.util.HashMap", byKey.className());
        assertEquals(new RetentionTree.Contents(RetentionTree.ContainerKind.COLLECTION, 3, "byte[]",
                byKey.contents().elementBytes()), byKey.contents());
    }

    @Test
    void aMapsBigValueIsAnElementOfTheMapThroughItsTableAndNodeWhichAreNotShown() {
        RetentionTree.Node value = held(new Reference(ReferenceKind.COLLECTION_ELEMENT, "java.util.HashMap", null, null));

        assertEquals("byte[]", value.className());
        assertEquals(held(Reference.instanceField("com.acme.Registry", "byKey")), parentOf(value));
        assertFalse(value.application());
        assertTrue(tree.nodes().stream().noneMatch(n -> n.className().startsWith("java.util.HashMap$Node")),
                "the table and its nodes are gone through: " + tree.nodes());
    }

    @Test
    void aChainOfOneClassIsOneNodeWithItsLength() {
        RetentionTree.Node head = held(Reference.staticField("com.acme.Registry", "HEAD"));
        RetentionTree.Node chain = held(Reference.instanceField("com.acme.Item", "next"));

        assertEquals(head, parentOf(chain));
        assertEquals(CHAIN - 1, chain.repeats());
        assertEquals(new RetentionTree.Contents(RetentionTree.ContainerKind.CHAIN, CHAIN - 1, "com.acme.Item",
                chain.retainedBytes()), chain.contents());
        assertEquals(1, tree.nodes().stream().filter(n -> n.className().equals("com.acme.Item")).count() - 1,
                "the head and the chain below it, nothing more");
    }

    @Test
    void aStackLocalIsNamedByItsThread() {
        RetentionTree.Node local = tree.nodes().stream().filter(n -> n.reference().kind() == ReferenceKind.STACK_LOCAL)
                .findFirst().orElseThrow(() -> new AssertionError(tree.nodes().toString()));

        assertEquals("worker-1", local.reference().name());
        assertEquals("java.lang.Thread", local.reference().ownerClass());
        assertEquals("java.lang.Object[]", local.className());
        assertEquals(RetentionTree.ContainerKind.ARRAY, local.contents().kind());
        assertEquals(ReferenceKind.GC_ROOT, parentOf(local).reference().kind());
    }

    @Test
    void theHeadlineFollowsTheStaticFieldDownToTheMapThatHoldsMostOfIt() {
        RetentionTree.Headline h = tree.headline();

        assertNotNull(h);
        assertEquals(Reference.instanceField("com.acme.Registry", "byKey"), h.holder());
        assertEquals("java.util.HashMap", h.className());
        assertEquals(3, h.contents().elements());
        assertEquals(1, h.parts().size(), "its one big value: " + h.parts());
        assertNull(h.parts().get(0).reference().name());
    }
}
