package heaptriage.heap;

import static heaptriage.testing.MinimalHeap.APP_LOADER;
import static heaptriage.testing.MinimalHeap.ARRAY;
import static heaptriage.testing.MinimalHeap.ARRAY2;
import static heaptriage.testing.MinimalHeap.BYTES;
import static heaptriage.testing.MinimalHeap.C_BYTES;
import static heaptriage.testing.MinimalHeap.C_CLASS;
import static heaptriage.testing.MinimalHeap.C_LOADER;
import static heaptriage.testing.MinimalHeap.C_NODE;
import static heaptriage.testing.MinimalHeap.C_OBJARR;
import static heaptriage.testing.MinimalHeap.C_OBJARR2;
import static heaptriage.testing.MinimalHeap.C_OBJECT;
import static heaptriage.testing.MinimalHeap.C_SPECIAL;
import static heaptriage.testing.MinimalHeap.C_STRING;
import static heaptriage.testing.MinimalHeap.C_THREAD;
import static heaptriage.testing.MinimalHeap.NODE1;
import static heaptriage.testing.MinimalHeap.NODE2;
import static heaptriage.testing.MinimalHeap.STR;
import static heaptriage.testing.MinimalHeap.THREAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.analysis.ClassHistogram;
import heaptriage.hprof.BasicType;
import heaptriage.hprof.RootKind;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Container;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Indexes {@link MinimalHeap} in every supported shape (8- and 4-byte ids; 1.0.2 with HEAP DUMP SEGMENTs, one
 * segment or many; 1.0.1 with one HEAP DUMP record, also with a zero length; plain, gzip and chunked gzip files)
 * and checks every fact of the snapshot exactly: objects, class names, MAT sizes, references, roots and fields.
 */
class MinimalHeapIndexTest {
    @TempDir
    Path dir;

    enum Style { ONE_SEGMENT, MANY_SEGMENTS, ONE_HEAP_DUMP_RECORD, ZERO_LENGTH_HEAP_DUMP_RECORD }

    record Shape(int idSize, String version, Style style, Container container) {
        HprofWriter writer() {
            HprofWriter w = HprofWriter.create(idSize, version);
            switch (style) {
                case ONE_SEGMENT -> { }
                case MANY_SEGMENTS -> w.maxSegmentBytes(1);
                case ONE_HEAP_DUMP_RECORD -> w.singleHeapDumpRecord();
                case ZERO_LENGTH_HEAP_DUMP_RECORD -> w.singleHeapDumpRecordWithZeroLength();
            }
            return MinimalHeap.write(w);
        }

        @Override
        public String toString() {
            return idSize + "-byte ids, " + version + ", " + style + ", " + container;
        }
    }

    static Stream<Shape> shapes() {
        List<Shape> out = new ArrayList<>();
        for (int idSize : new int[] {8, 4}) {
            for (Container c : Container.values()) {
                out.add(new Shape(idSize, "1.0.2", Style.ONE_SEGMENT, c));
            }
            out.add(new Shape(idSize, "1.0.2", Style.MANY_SEGMENTS, Container.PLAIN));
            out.add(new Shape(idSize, "1.0.2", Style.MANY_SEGMENTS, Container.CHUNKED_GZIP));
            out.add(new Shape(idSize, "1.0.1", Style.ONE_HEAP_DUMP_RECORD, Container.PLAIN));
            out.add(new Shape(idSize, "1.0.1", Style.ONE_HEAP_DUMP_RECORD, Container.GZIP));
            out.add(new Shape(idSize, "1.0.1", Style.ZERO_LENGTH_HEAP_DUMP_RECORD, Container.PLAIN));
        }
        return out.stream();
    }

    private HeapSnapshot index(Shape shape) throws Exception {
        HprofWriter w = shape.writer();
        Path file = shape.container().write(w, dir.resolve("heap.hprof"));
        return Dumps.index(file);
    }

    /** Histogram rows as name to {instances, shallow bytes}. */
    private static Map<String, List<Long>> histogram(HeapSnapshot s) {
        Map<String, List<Long>> rows = new TreeMap<>();
        for (ClassHistogram.Row r : ClassHistogram.of(s).rows()) {
            rows.put(r.className(), List.of(r.instances(), r.shallowBytes()));
        }
        return rows;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void headerAndFormatAreReportedAndNothingIsTruncated(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            assertEquals(shape.idSize(), s.header().idSize());
            assertEquals("JAVA PROFILE " + shape.version(), s.header().version());
            assertEquals(shape.container() != Container.PLAIN, s.dump().isCompressed());
            assertEquals(shape.container() == Container.CHUNKED_GZIP, s.dump().isChunkedGzip());
            assertTrue(s.truncation().isEmpty(), () -> "unexpected truncation " + s.truncation());
            assertEquals(MinimalHeap.RECORDS + 12 /* root sub-records */, s.readSummary().heapRecords());
            assertEquals(0, s.danglingReferences());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void everyRecordBecomesAnObjectPlusTheBootLoaderPseudoObjectInAddressOrder(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
            assertEquals(0, s.address(0));
            assertEquals(0, s.indexOf(0));
            assertEquals("java.lang.ClassLoader", s.classOf(0).name());
            for (int i = 1; i < s.objectCount(); i++) {
                assertTrue(s.address(i) > s.address(i - 1), "addresses ascend at " + i);
            }
            // the file order (classes, THREAD, NODE2, NODE1, ...) is not address order: indexes follow addresses
            long[] byAddress = {0, NODE1, NODE2, STR, BYTES, ARRAY, ARRAY2, THREAD, APP_LOADER, C_OBJECT, C_CLASS,
                C_LOADER, C_STRING, C_BYTES, C_OBJARR, C_OBJARR2, C_THREAD, C_NODE, C_SPECIAL};
            for (int i = 0; i < byAddress.length; i++) {
                assertEquals(byAddress[i], s.address(i), "address of object " + i);
                assertEquals(i, s.indexOf(byAddress[i]));
            }
            assertEquals(-1, s.indexOf(NODE1 + 8), "no object starts inside another");
            assertEquals(-1, s.indexOf(0x7FFF_FFF0L));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void classNamesAreInJavaFormAndEachObjectHasItsClass(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            Set<String> names = s.classes().stream().map(HeapClass::name).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(new TreeSet<>(List.of("java.lang.Object", "java.lang.Class", "java.lang.ClassLoader",
                    "java.lang.String", "byte[]", "java.lang.Object[]", "java.lang.Object[][]", "java.lang.Thread",
                    "com.example.Node", "com.example.SpecialNode")), names);
            Map<Long, String> expected = new LinkedHashMap<>();
            expected.put(NODE1, "com.example.Node");
            expected.put(NODE2, "com.example.SpecialNode");
            expected.put(STR, "java.lang.String");
            expected.put(BYTES, "byte[]");
            expected.put(ARRAY, "java.lang.Object[]");
            expected.put(ARRAY2, "java.lang.Object[][]");
            expected.put(THREAD, "java.lang.Thread");
            expected.put(APP_LOADER, "java.lang.ClassLoader");
            for (Map.Entry<Long, String> e : expected.entrySet()) {
                int i = s.indexOf(e.getKey());
                assertEquals(e.getValue(), s.classOf(i).name(), "class of 0x" + Long.toHexString(e.getKey()));
                assertNull(s.describedClass(i));
            }
            for (long c : MinimalHeap.CLASSES) {
                int i = s.indexOf(c);
                assertEquals("java.lang.Class", s.classOf(i).name());
                HeapClass described = s.describedClass(i);
                assertEquals(c, described.address());
                assertEquals(i, described.objectIndex());
            }
            HeapClass special = s.describedClass(s.indexOf(C_SPECIAL));
            HeapClass node = s.describedClass(s.indexOf(C_NODE));
            assertEquals(node.slot(), special.superSlot());
            assertEquals(APP_LOADER, special.loaderAddress());
            assertEquals(List.of(new HeapClass.Field("extra", BasicType.LONG), new HeapClass.Field("flag", BasicType.BOOLEAN)),
                    special.fields());
            assertEquals(List.of(new HeapClass.Field("ROOT", BasicType.OBJECT), new HeapClass.Field("COUNT", BasicType.INT)),
                    node.statics());
            assertEquals(NODE1, node.staticValue(0));
            assertEquals(2, node.staticValue(1));
            assertEquals(-1, s.describedClass(s.indexOf(C_OBJECT)).superSlot());
            assertTrue(s.describedClass(s.indexOf(C_BYTES)).isPrimitiveArray());
            assertEquals(BasicType.BYTE, s.describedClass(s.indexOf(C_BYTES)).primitiveElement());
            assertTrue(s.describedClass(s.indexOf(C_OBJARR2)).isObjectArray());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void histogramCountsInstancesAndShallowSizesByMatsModel(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            Map<String, List<Long>> expected = new TreeMap<>();
            if (shape.idSize() == 8) {
                assertEquals(new SizeModel(8, 8, 8), s.sizeModel());
                expected.put("java.lang.Class", List.of(10L, 16L));          // only Node has statics: 8 + 4 -> 16
                expected.put("com.example.Node", List.of(1L, 40L));          // 16 + 8 + 4 + 8 = 36 -> 40
                expected.put("com.example.SpecialNode", List.of(1L, 56L));   // 40 + 8 + 1 = 49 -> 56
                expected.put("java.lang.String", List.of(1L, 32L));          // 16 + 8 + 4 + 1 = 29 -> 32
                expected.put("byte[]", List.of(1L, 32L));                    // 24 + 5 = 29 -> 32
                expected.put("java.lang.Object[]", List.of(1L, 48L));        // 20 + 3 * 8 = 44 -> 48
                expected.put("java.lang.Object[][]", List.of(1L, 32L));      // 20 + 8 = 28 -> 32
                expected.put("java.lang.Thread", List.of(1L, 24L));          // 16 + 8
                expected.put("java.lang.ClassLoader", List.of(2L, 48L));     // APP_LOADER and the pseudo object, 24 each
            } else {
                assertEquals(new SizeModel(4, 4, 8), s.sizeModel());
                expected.put("java.lang.Class", List.of(10L, 8L));           // 4 + 4
                expected.put("com.example.Node", List.of(1L, 24L));          // 8 + 4 + 4 + 4 = 20 -> 24
                expected.put("com.example.SpecialNode", List.of(1L, 32L));   // 20 + 8 + 1 = 29 -> 32 (ref-aligned) -> 32
                expected.put("java.lang.String", List.of(1L, 24L));          // 8 + 9 = 17 -> 20 -> 24
                expected.put("byte[]", List.of(1L, 24L));                    // 12 + 5 = 17 -> 24
                expected.put("java.lang.Object[]", List.of(1L, 24L));        // 12 + 12
                expected.put("java.lang.Object[][]", List.of(1L, 16L));      // 12 + 4
                expected.put("java.lang.Thread", List.of(1L, 16L));          // 8 + 4 = 12 -> 16
                expected.put("java.lang.ClassLoader", List.of(2L, 32L));
            }
            assertEquals(expected, histogram(s));
            ClassHistogram h = ClassHistogram.of(s);
            assertEquals(MinimalHeap.RECORDS + 1, h.totalInstances());
            assertEquals(expected.values().stream().mapToLong(v -> v.get(1)).sum(), h.totalShallowBytes());
            assertEquals(10, h.instancesOf("java.lang.Class"));
            // per object: class objects without statics are 0 in this model
            assertEquals(0, s.shallowSize(s.indexOf(C_OBJECT)));
            assertEquals(shape.idSize() == 8 ? 16 : 8, s.shallowSize(s.indexOf(C_NODE)));
            assertEquals(shape.idSize() == 8 ? 24 : 16, s.shallowSize(0));
            // rows are ordered by shallow bytes, largest first, then by name
            List<ClassHistogram.Row> rows = h.rows();
            for (int i = 1; i < rows.size(); i++) {
                assertTrue(rows.get(i - 1).shallowBytes() >= rows.get(i).shallowBytes());
            }
            assertEquals(C_CLASS, rows.stream().filter(r -> r.className().equals("java.lang.Class")).findFirst()
                    .orElseThrow().classAddress());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void referencesStartWithTheClassObjectAndFollowFieldsElementsAndClassLinks(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            Map<Long, long[]> expected = new LinkedHashMap<>();
            expected.put(0L, new long[] {C_LOADER});
            expected.put(NODE1, new long[] {C_NODE, NODE2, STR});
            expected.put(NODE2, new long[] {C_SPECIAL}); // next and name are null
            expected.put(STR, new long[] {C_STRING, BYTES});
            expected.put(BYTES, new long[] {C_BYTES});
            expected.put(ARRAY, new long[] {C_OBJARR, NODE1, NODE2}); // the null element has no edge
            expected.put(ARRAY2, new long[] {C_OBJARR2, ARRAY});
            expected.put(THREAD, new long[] {C_THREAD, STR, NODE1}); // its name, then its java frame local
            expected.put(APP_LOADER, new long[] {C_LOADER});
            expected.put(C_OBJECT, new long[] {C_CLASS, 0}); // no super; boot loader = the pseudo object
            for (long c : List.of(C_CLASS, C_LOADER, C_STRING, C_BYTES, C_OBJARR, C_OBJARR2, C_THREAD)) {
                expected.put(c, new long[] {C_CLASS, C_OBJECT, 0});
            }
            expected.put(C_NODE, new long[] {C_CLASS, C_OBJECT, APP_LOADER, NODE1}); // static ROOT
            expected.put(C_SPECIAL, new long[] {C_CLASS, C_NODE, APP_LOADER});
            assertEquals(s.objectCount(), expected.size());
            long total = 0;
            for (Map.Entry<Long, long[]> e : expected.entrySet()) {
                int from = s.indexOf(e.getKey());
                assertArrayEquals(Dumps.indexes(s, e.getValue()), Dumps.outbound(s, from),
                        "references of 0x" + Long.toHexString(e.getKey()));
                total += e.getValue().length;
            }
            assertEquals(total, s.referenceCount());
            assertEquals(s.objectCount() + 1, s.outboundOffsets().length());
            assertEquals(0, s.outboundOffsets().get(0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void gcRootsAreDistinctAndFrameLocalsOfAKnownThreadBecomeItsReferences(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            int[] expected = Dumps.indexes(s, C_OBJECT, C_CLASS, C_LOADER, C_STRING, C_BYTES, C_OBJARR, C_OBJARR2,
                    C_THREAD, THREAD, ARRAY, STR);
            Arrays.sort(expected);
            assertArrayEquals(expected, s.gcRoots());
            assertTrue(Arrays.binarySearch(s.gcRoots(), s.indexOf(NODE1)) < 0,
                    "NODE1 is a local of the known thread 1, so not a root");
            List<GcRoot> records = s.rootRecords();
            assertEquals(12, records.size());
            assertEquals(new GcRoot(s.indexOf(THREAD), RootKind.THREAD_OBJECT, 1, 1), records.get(8));
            assertEquals(new GcRoot(s.indexOf(NODE1), RootKind.JAVA_FRAME, 1, 0), records.get(9));
            assertEquals(new GcRoot(s.indexOf(ARRAY), RootKind.JNI_GLOBAL, 0, -1), records.get(10));
            assertEquals(new GcRoot(s.indexOf(STR), RootKind.JAVA_FRAME, 7, 0), records.get(11));
            assertEquals(s.indexOf(THREAD), s.threadObject(1));
            assertEquals(-1, s.threadObject(7));
            assertEquals(Map.of(1, s.indexOf(THREAD)), s.threadObjectsBySerial());
            assertEquals(List.of(new StackFrameInfo("com.example.Node", "run", "()V", "Node.java", 42)), s.stackTrace(1));
            assertEquals("com.example.Node.run(Node.java:42)", s.stackTrace(1).get(0).describe());
            assertEquals(List.of(), s.stackTrace(7));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void fieldsAreReadByNameThroughRandomAccess(Shape shape) throws Exception {
        try (HeapSnapshot s = index(shape)) {
            int node1 = s.indexOf(NODE1);
            int node2 = s.indexOf(NODE2);
            InstanceView n1 = s.instance(node1);
            assertEquals(node1, n1.object());
            assertEquals("com.example.Node", n1.heapClass().name());
            assertEquals(1, n1.intValue("x"));
            assertEquals(node2, n1.ref("next"));
            assertEquals("hello", n1.string("name"));

            InstanceView n2 = s.instance(node2);
            assertEquals(List.of(
                    new InstanceView.FieldValue("com.example.SpecialNode", "extra", BasicType.LONG, 42),
                    new InstanceView.FieldValue("com.example.SpecialNode", "flag", BasicType.BOOLEAN, 1),
                    new InstanceView.FieldValue("com.example.Node", "next", BasicType.OBJECT, -1),
                    new InstanceView.FieldValue("com.example.Node", "x", BasicType.INT, 0xFFFF_FFF9L),
                    new InstanceView.FieldValue("com.example.Node", "name", BasicType.OBJECT, -1)), n2.fields());
            assertEquals(42, n2.longValue("extra"));
            assertTrue(n2.booleanValue("flag"));
            assertEquals(-7, n2.intValue("x"));
            assertEquals(-7, n2.longValue("x"));
            assertEquals(-1, n2.ref("next"));
            assertNull(n2.string("name"));
            assertFalse(n2.has("value"));

            assertEquals("hello", s.stringValue(s.indexOf(STR)));
            assertNull(s.stringValue(node1), "not a String");
            assertEquals(0, s.instance(s.indexOf(STR)).intValue("coder"));
            assertEquals(s.indexOf(BYTES), s.instance(s.indexOf(STR)).ref("value"));
            assertEquals("hello", s.instance(s.indexOf(THREAD)).string("name"));
            assertEquals(-1, s.instance(s.indexOf(APP_LOADER)).ref("parent"));
            assertArrayEquals(new int[] {node1, -1, node2}, s.objectArrayElements(s.indexOf(ARRAY)));
            assertArrayEquals(new int[] {s.indexOf(ARRAY)}, s.objectArrayElements(s.indexOf(ARRAY2)));
            // read again in another order: random access must not depend on what was read before
            assertEquals(1, s.instance(node1).intValue("x"));
            assertEquals("hello", s.stringValue(s.indexOf(STR)));
        }
    }
}
