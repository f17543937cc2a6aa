package heaptriage.heap;

import static heaptriage.testing.MinimalHeap.C_CLASS;
import static heaptriage.testing.MinimalHeap.C_LOADER;
import static heaptriage.testing.MinimalHeap.C_NODE;
import static heaptriage.testing.MinimalHeap.C_OBJECT;
import static heaptriage.testing.MinimalHeap.C_STRING;
import static heaptriage.testing.MinimalHeap.C_THREAD;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.hprof.RootKind;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** GC roots as MAT counts them: distinct objects; stack locals of a known thread are references from it. */
class GcRootTest {
    @TempDir
    Path dir;

    private static final long T1 = 0x0A00_0000L;
    private static final long T2 = 0x0A00_0100L;
    private static final long A = 0x0B00_0000L;
    private static final long B = 0x0B00_0020L;
    private static final long C = 0x0B00_0040L;
    private static final long D = 0x0B00_0060L;
    private static final long E = 0x0B00_0080L;
    private static final long F = 0x0B00_00A0L;
    private static final long G = 0x0B00_00C0L;
    private static final long H = 0x0B00_00E0L;
    private static final long X = 0x0B00_0108L;
    private static final long MISSING = 0x0C00_0000L;

    private HeapSnapshot heapWithEveryRootKind(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        MinimalHeap.writeClasses(w);
        w.instance(MinimalHeap.APP_LOADER, MinimalHeap.C_LOADER, 0L);
        w.instance(T1, C_THREAD, 0L);
        w.instance(T2, C_THREAD, 0L);
        for (long node : new long[] {A, B, C, D, E, F, G, H, X}) {
            w.instance(node, C_NODE, 0L, 0, 0L);
        }
        w.rootThreadObject(T1, 5, 0);
        w.rootJavaFrame(A, 5, 0);
        w.rootJniLocal(B, 5, 1);
        w.rootNativeStack(C, 5);
        w.rootThreadBlock(D, 5);
        w.rootJavaFrame(A, 5, 2);          // the same local in another frame: one reference
        w.rootJavaFrame(E, 6, 0);          // thread 6 is not known yet: a root
        w.rootThreadObject(T2, 6, 0);
        w.rootJniLocal(X, 6, 0);           // now it is: a reference from T2
        w.rootUnknown(F);
        w.rootJniGlobal(G, 0x99);
        w.rootJniGlobal(G, 0x98);          // the same object twice: one root
        w.rootMonitorUsed(H);
        w.rootStickyClass(C_NODE);
        w.rootStickyClass(C_THREAD);
        w.rootJavaFrame(MISSING, 5, 3);    // objects the dump lacks are dropped
        w.rootJniGlobal(MISSING + 8, 0x97);
        return Dumps.index(w.writeTo(dir.resolve("roots-" + idSize + ".hprof")));
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void rootObjectsAreDistinctSortedAndExcludeLocalsOfKnownThreads(int idSize) throws Exception {
        try (HeapSnapshot s = heapWithEveryRootKind(idSize)) {
            int[] expected = Dumps.indexes(s, T1, T2, E, F, G, H, C_NODE, C_THREAD);
            Arrays.sort(expected);
            assertArrayEquals(expected, s.gcRoots());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void localsOfAKnownThreadAreReferencesFromTheThreadObjectOnceEach(int idSize) throws Exception {
        try (HeapSnapshot s = heapWithEveryRootKind(idSize)) {
            assertArrayEquals(Dumps.indexes(s, C_THREAD, A, B, C, D), Dumps.outbound(s, s.indexOf(T1)));
            assertArrayEquals(Dumps.indexes(s, C_THREAD, X), Dumps.outbound(s, s.indexOf(T2)));
            assertArrayEquals(Dumps.indexes(s, C_NODE), Dumps.outbound(s, s.indexOf(E)), "a root, not a local");
            assertEquals(s.indexOf(T1), s.threadObject(5));
            assertEquals(s.indexOf(T2), s.threadObject(6));
            assertEquals(Map.of(5, s.indexOf(T1), 6, s.indexOf(T2)), s.threadObjectsBySerial());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void rootRecordsKeepEveryRecordOfAnObjectInTheDumpWithKindThreadAndFrame(int idSize) throws Exception {
        try (HeapSnapshot s = heapWithEveryRootKind(idSize)) {
            assertEquals(List.of(
                    new GcRoot(s.indexOf(T1), RootKind.THREAD_OBJECT, 5, 0),
                    new GcRoot(s.indexOf(A), RootKind.JAVA_FRAME, 5, 0),
                    new GcRoot(s.indexOf(B), RootKind.JNI_LOCAL, 5, 1),
                    new GcRoot(s.indexOf(C), RootKind.NATIVE_STACK, 5, -1),
                    new GcRoot(s.indexOf(D), RootKind.THREAD_BLOCK, 5, -1),
                    new GcRoot(s.indexOf(A), RootKind.JAVA_FRAME, 5, 2),
                    new GcRoot(s.indexOf(E), RootKind.JAVA_FRAME, 6, 0),
                    new GcRoot(s.indexOf(T2), RootKind.THREAD_OBJECT, 6, 0),
                    new GcRoot(s.indexOf(X), RootKind.JNI_LOCAL, 6, 0),
                    new GcRoot(s.indexOf(F), RootKind.UNKNOWN, 0, -1),
                    new GcRoot(s.indexOf(G), RootKind.JNI_GLOBAL, 0, -1),
                    new GcRoot(s.indexOf(G), RootKind.JNI_GLOBAL, 0, -1),
                    new GcRoot(s.indexOf(H), RootKind.MONITOR_USED, 0, -1),
                    new GcRoot(s.indexOf(C_NODE), RootKind.STICKY_CLASS, 0, -1),
                    new GcRoot(s.indexOf(C_THREAD), RootKind.STICKY_CLASS, 0, -1)), s.rootRecords());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void withoutStickyClassRootsEveryBootLoaderNonArrayClassIsARoot(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        MinimalHeap.writeClasses(w);
        MinimalHeap.writeInstances(w);
        w.rootJniGlobal(MinimalHeap.ARRAY, 0x99);
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("nosticky.hprof")))) {
            // Node and SpecialNode have APP_LOADER; [B, Object[] and Object[][] are arrays
            int[] expected = Dumps.indexes(s, C_OBJECT, C_CLASS, C_LOADER, C_STRING, C_THREAD, MinimalHeap.ARRAY);
            Arrays.sort(expected);
            assertArrayEquals(expected, s.gcRoots());
            long implied = s.rootRecords().stream().filter(r -> r.kind() == RootKind.STICKY_CLASS).count();
            assertEquals(5, implied);
        }
    }

    /**
     * MAT parity (HprofParserHandlerImpl.addGCRoot and fillIn): a local of a thread whose THREAD OBJECT root came
     * first is kept only as a reference from that thread, so when the thread object is not in the dump the local is
     * dropped: it is neither a root nor referenced. Kept as MAT does; listed here so a change is deliberate.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aLocalOfAThreadWhoseObjectIsNotInTheDumpIsDroppedAsMatDoes(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        MinimalHeap.writeClasses(w);
        w.instance(MinimalHeap.APP_LOADER, MinimalHeap.C_LOADER, 0L);
        w.instance(A, C_NODE, 0L, 0, 0L);
        w.rootThreadObject(MISSING, 5, 0); // e.g. the thread's record was lost
        w.rootJavaFrame(A, 5, 0);
        w.rootStickyClass(C_NODE);
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("lostthread.hprof")))) {
            assertEquals(-1, s.threadObject(5));
            assertEquals(List.of(new GcRoot(s.indexOf(A), RootKind.JAVA_FRAME, 5, 0),
                    new GcRoot(s.indexOf(C_NODE), RootKind.STICKY_CLASS, 0, -1)), s.rootRecords());
            assertArrayEquals(Dumps.indexes(s, C_NODE), s.gcRoots());
            for (int i = 0; i < s.objectCount(); i++) {
                for (int target : Dumps.outbound(s, i)) {
                    assertTrue(target != s.indexOf(A), "nothing refers to A");
                }
            }
        }
    }

    /**
     * hprof-slurp's hprof-32.bin (JDK 6, 32-bit, written by the hprof agent) has a THREAD OBJECT root whose object id
     * is 0, for thread serial 200000, and 11 stack locals on that thread. MAT reads id 0 as "no thread": the locals
     * stay GC roots (399 roots, and a String[] only they reach is kept: 2,471 objects). So do we: on that file we
     * counted 396 and 2,470 before, and count 399 and 2,471 now.
     */
    @ParameterizedTest
    @ValueSource(ints = {8, 4})
    void aLocalOfAThreadWhoseObjectIdIsZeroStaysARootAsInMat(int idSize) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        MinimalHeap.writeClasses(w);
        w.instance(MinimalHeap.APP_LOADER, MinimalHeap.C_LOADER, 0L);
        w.instance(A, C_NODE, 0L, 0, 0L);
        w.instance(B, C_NODE, 0L, 0, 0L);
        w.rootThreadObject(0, 200000, 0);
        w.rootJavaFrame(A, 200000, 0);
        w.rootJniLocal(B, 200000, 1);
        w.rootStickyClass(C_NODE);
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("nullthread.hprof")))) {
            assertEquals(-1, s.threadObject(200000));
            int[] abNode = Dumps.indexes(s, A, B, C_NODE);
            // id 0 names the boot loader's pseudo object, as MAT's dummy address 0 does: a root in both
            assertArrayEquals(new int[] {0, abNode[0], abNode[1], abNode[2]}, s.gcRoots());
            java.util.BitSet garbage = heaptriage.graph.HeapGraph.of(s).garbage();
            assertTrue(!garbage.get(s.indexOf(A)) && !garbage.get(s.indexOf(B)), "A and B are kept: they are roots");
        }
    }
}
