package heaptriage.heap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.hprof.BasicType;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * HPROF stores no sizes: the snapshot infers the object alignment from the gcd of address gaps (clamped to
 * 8..256) and compressed references from object arrays packed closer than 8-byte references allow, as MAT does.
 */
class SizeModelDetectionTest {
    @TempDir
    Path dir;

    /**
     * Classes java.lang.Object, java.lang.Class, Object[], byte[] and Ref {Object ref} (with a static reference),
     * then one Object, one Ref, one byte[3] and one Object[2]; every address is base + k * stride.
     */
    private HeapSnapshot heap(int idSize, long base, long stride) throws Exception {
        HprofWriter w = HprofWriter.create(idSize, "1.0.2");
        long[] a = new long[9];
        for (int k = 0; k < a.length; k++) {
            a[k] = base + k * stride;
        }
        w.defineClass(a[0], "java/lang/Object", 0, new String[0]);
        w.defineClass(a[1], "java/lang/Class", a[0], new String[0]);
        w.defineClass(a[2], "[Ljava/lang/Object;", a[0], new String[0]);
        w.defineClass(a[3], "[B", a[0], new String[0]);
        w.newClass(a[4], "com/example/Ref").superClass(a[0]).staticField("INSTANCE", BasicType.OBJECT, a[6])
                .field("ref", BasicType.OBJECT).write();
        w.instance(a[5], a[0]);
        w.instance(a[6], a[4], a[5]);
        w.byteArray(a[7], new byte[] {1, 2, 3});
        w.objectArray(a[8], a[2], a[5], a[6]);
        return Dumps.index(w.writeTo(dir.resolve("sizes-" + idSize + "-" + stride + ".hprof")));
    }

    private static long sizeOf(HeapSnapshot s, String className) {
        for (int i = 0; i < s.objectCount(); i++) {
            if (s.classOf(i).name().equals(className)) {
                return s.shallowSize(i);
            }
        }
        throw new AssertionError("no " + className);
    }

    @ParameterizedTest(name = "stride {0} gives alignment {1}")
    @CsvSource({
        // stride, alignment, Object, Ref, byte[3], Object[2], Ref class object (one static reference)
        "8,   8,   16,  24,  32,  40,  8",
        "16,  16,  16,  32,  32,  48,  16",
        "24,  24,  24,  24,  48,  48,  24",
        "4,   8,   16,  24,  32,  40,  8",
        "256, 256, 256, 256, 256, 256, 256",
        "512, 256, 256, 256, 256, 256, 256"})
    void alignmentIsTheGcdOfAddressGapsClampedTo8Through256(long stride, int align, long object, long ref, long bytes3,
                                                            long array2, long refClass) throws Exception {
        try (HeapSnapshot s = heap(8, 0x10_0000_0000L, stride)) {
            assertEquals(new SizeModel(8, 8, align), s.sizeModel());
            assertFalse(s.sizeModel().compressedReferences());
            assertEquals(object, sizeOf(s, "java.lang.Object"));
            assertEquals(ref, sizeOf(s, "com.example.Ref"));
            assertEquals(bytes3, sizeOf(s, "byte[]"));
            assertEquals(array2, sizeOf(s, "java.lang.Object[]"));
            assertEquals(refClass, s.shallowSize(s.indexOf(0x10_0000_0000L + 4 * stride)));
        }
    }

    @Test
    void fourByteIdsUseFourBytePointersAndReferences() throws Exception {
        try (HeapSnapshot s = heap(4, 0x1000_0000L, 8)) {
            assertEquals(new SizeModel(4, 4, 8), s.sizeModel());
            assertFalse(s.sizeModel().compressedReferences());
            assertEquals(8, sizeOf(s, "java.lang.Object"));
            assertEquals(16, sizeOf(s, "com.example.Ref"));     // 8 + 4 = 12 -> 16
            assertEquals(16, sizeOf(s, "byte[]"));               // 12 + 3 = 15 -> 16
            assertEquals(24, sizeOf(s, "java.lang.Object[]"));   // 12 + 8 = 20 -> 24
        }
    }

    /** Two object arrays of length 2: the second starts `gap` bytes after the first. */
    private HeapSnapshot twoArrays(long firstAddress, long gap, boolean secondWrittenFirst) throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        long object = w.defineClass(0x7_0000_0000L, "java/lang/Object", 0, new String[0]);
        long arrayClass = w.defineClass(0x7_0000_0040L, "[Ljava/lang/Object;", object, new String[0]);
        long ref = w.defineClass(0x7_0000_0080L, "com/example/Ref", object, new String[] {"ref"}, BasicType.OBJECT);
        long x = 0x6_0000_0008L; // keeps the gcd of address gaps at 8
        w.instance(x, ref, 0L);
        if (secondWrittenFirst) {
            w.objectArray(firstAddress + gap, arrayClass, x, 0);
            w.objectArray(firstAddress, arrayClass, x, x);
        } else {
            w.objectArray(firstAddress, arrayClass, x, x);
            w.objectArray(firstAddress + gap, arrayClass, x, 0);
        }
        return Dumps.index(w.writeTo(dir.resolve("arrays-" + gap + "-" + secondWrittenFirst + ".hprof")));
    }

    @Test
    void objectArraysPackedCloserThanEightByteReferencesAllowProveCompressedReferences() throws Exception {
        // an Object[2] with 8-byte references would need 16 + 16 bytes; the next one starts after 24
        try (HeapSnapshot s = twoArrays(0x6_0000_1000L, 24, false)) {
            assertEquals(new SizeModel(8, 4, 8), s.sizeModel());
            assertTrue(s.sizeModel().compressedReferences());
            assertEquals(24, sizeOf(s, "java.lang.Object[]"));   // 8 + 4 + 4 + 2 * 4
            assertEquals(16, sizeOf(s, "com.example.Ref"));      // 8 + 4 header, + 4 = 16
            assertEquals(16, s.shallowSize(s.indexOf(0x6_0000_0008L)));
            // references are still read with the dump's 8-byte identifiers
            int first = s.indexOf(0x6_0000_1000L);
            assertEquals(3, Dumps.outbound(s, first).length);
        }
    }

    @Test
    void arraysExactlyAsFarApartAsEightByteReferencesNeedDoNotProveCompression() throws Exception {
        try (HeapSnapshot s = twoArrays(0x6_0000_1000L, 32, false)) {
            assertEquals(new SizeModel(8, 8, 8), s.sizeModel());
            assertEquals(40, sizeOf(s, "java.lang.Object[]"));   // 8 + 8 + 4 + 2 * 8 = 36 -> 40
        }
    }

    @Test
    void onlyAnArrayAfterThePreviousOneInFileOrderCounts() throws Exception {
        // the close pair is written in descending address order: MAT's test does not fire
        try (HeapSnapshot s = twoArrays(0x6_0000_1000L, 24, true)) {
            assertEquals(8, s.sizeModel().refSize());
        }
    }

    @Test
    void aPrimitiveArrayWhoseArrayClassHasNoClassDumpGetsAnImpliedClass() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        w.defineClass(0x1000, "java/lang/Object", 0, new String[0]);
        w.defineClass(0x1040, "java/lang/Class", 0x1000, new String[0]);
        w.longArray(0x2000, 1, 2, 3); // no [J class dump, as in some non-HotSpot writers
        w.longArray(0x2028, 4);
        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("implied.hprof")))) {
            int array = s.indexOf(0x2000);
            HeapClass implied = s.classOf(array);
            assertEquals("long[]", implied.name());
            assertEquals(0, implied.address());
            assertEquals(-1, implied.objectIndex());
            assertTrue(implied.isPrimitiveArray());
            assertEquals(implied, s.classOf(s.indexOf(0x2028)), "one implied class per element type");
            assertEquals(48, s.shallowSize(array));                // 24 + 3 * 8
            assertEquals(32, s.shallowSize(s.indexOf(0x2028)));    // 24 + 8
            assertEquals(0, Dumps.outbound(s, array).length, "no class object to refer to");
            assertEquals(2, heaptriage.analysis.ClassHistogram.of(s).instancesOf("long[]"));
        }
    }
}
