package heaptriage.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Random;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MappedArraysTest {
    @TempDir
    Path parent;

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> all = Files.list(dir)) {
            return all.count();
        }
    }

    @Test
    void intArrayCrossesSliceBoundariesWithLongIndexes() throws IOException {
        // 4 KiB slices: 1024 ints each, so 5000 ints span five slices
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            IntArray a = dir.ints(5000);
            assertTrue(a.isMapped());
            for (long i = 0; i < 5000; i++) {
                a.set(i, (int) (i * 7 - 3));
            }
            for (long i : new long[] {0, 1023, 1024, 1025, 2047, 2048, 4095, 4096, 4999}) {
                assertEquals((int) (i * 7 - 3), a.get(i), "element " + i);
            }
            assertEquals(5000, a.length());
            assertEquals(20000, a.bytes());
            assertArrayEquals(new int[] {1023 * 7 - 3, 1024 * 7 - 3}, a.copyRange(1023, 1025));
        }
    }

    @Test
    void longArrayCrossesSliceBoundaries() throws IOException {
        // 4 KiB slices: 512 longs each
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            LongArray a = dir.longs(1500);
            for (long i = 0; i < 1500; i++) {
                a.set(i, i << 40 | i);
            }
            for (long i : new long[] {0, 511, 512, 513, 1023, 1024, 1499}) {
                assertEquals(i << 40 | i, a.get(i), "element " + i);
            }
            assertEquals(1023L << 40 | 1023, a.add(1023, 0));
        }
    }

    @Test
    void mappedArrayOfMoreThanTwoGigabytesUsesLongIndexesAcrossOneGigabyteSlices() throws IOException {
        // 2^28 + 2^26 longs = 2.5 GiB: three 1 GiB slices, byte offsets past 2^31. The file is sparse: only the
        // pages written below take disk space.
        long length = (1L << 28) + (1L << 26);
        try (WorkDir dir = WorkDir.create(parent, 0)) {
            LongArray a = dir.longs(length);
            assertEquals(length * 8, dir.mappedBytes());
            assertTrue(length * 8 > 1L << 31);
            long perSlice = 1L << 27; // longs in 1 GiB
            long[] probes = {0, perSlice - 1, perSlice, perSlice + 1, 2 * perSlice - 1, 2 * perSlice,
                (1L << 31) / 8, (1L << 31) / 8 + 1, length - 1};
            for (long i : probes) {
                a.set(i, ~i);
            }
            for (long i : probes) {
                assertEquals(~i, a.get(i), "element " + i);
            }
            assertEquals(0, a.get(perSlice + 2), "untouched elements are zero");
        }
    }

    @Test
    void storageHandsOutHeapOrMappedArraysAndClosingRemovesTheFiles() throws IOException {
        Storage heap = Storage.onHeap();
        assertFalse(heap.ints(10).isMapped());
        assertEquals(0, heap.mappedBytes());
        WorkDir dir = WorkDir.create(parent, 0);
        Path folder = dir.path();
        Storage mapped = Storage.mapped(dir);
        mapped.ints(100).set(99, 1);
        mapped.longs(100).set(99, 1);
        assertEquals(1200, mapped.mappedBytes());
        assertEquals(2, filesIn(folder));
        mapped.close();
        assertFalse(Files.exists(folder));
        assertEquals(0, filesIn(parent));
    }

    @Test
    void refusesBeforeWritingAnythingWhenTheDiskLacksSpace() {
        long free = parent.toFile().getUsableSpace();
        WorkDirException e = assertThrows(WorkDirException.class, () -> WorkDir.create(parent, free + (1L << 40)));
        assertTrue(e.getMessage().startsWith("not enough disk space for the index in " + parent), e.getMessage());
        assertTrue(e.getMessage().contains("--work-dir"), e.getMessage());
        assertEquals(0, parent.toFile().list().length, "nothing written");
    }

    @Test
    void aWorkDirThatCannotBeCreatedIsExplained() throws IOException {
        Path file = Files.writeString(parent.resolve("not-a-folder"), "x");
        WorkDirException e = assertThrows(WorkDirException.class, () -> WorkDir.create(file.resolve("sub"), 0));
        assertTrue(e.getMessage().startsWith("cannot create the index folder in " + file.resolve("sub")), e.getMessage());
    }

    @Test
    void mappedSortMergesSortedRunsAndKeepsThePrefix() throws IOException {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            Storage storage = Storage.mapped(dir);
            int n = 10_001;
            LongArray a = storage.longs(n);
            long[] expected = new long[n];
            Random random = new Random(42);
            for (int i = 0; i < n; i++) {
                long v = i == 0 ? -5 : random.nextLong() >>> 1;
                a.set(i, v);
                expected[i] = v;
            }
            java.util.Arrays.sort(expected, 1, n);
            LongArray sorted = a.sortedFrom(1, storage, 1000); // eleven runs
            assertNotEquals(a, sorted);
            assertArrayEquals(expected, sorted.toArray());
        }
    }

    @Test
    void mappedSortMergesHundredsOfShortRunsWithDuplicates() throws IOException {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            Storage storage = Storage.mapped(dir);
            int n = 30_011;
            LongArray a = storage.longs(n);
            long[] expected = new long[n];
            Random random = new Random(7);
            for (int i = 0; i < n; i++) {
                long v = random.nextInt(5_000); // many equal values across runs
                a.set(i, v);
                expected[i] = v;
            }
            java.util.Arrays.sort(expected, 3, n);
            assertArrayEquals(expected, a.sortedFrom(3, storage, 97).toArray()); // 310 runs, the last one short
        }
    }

    @Test
    void sortRunsShrinkWithTheHeapWithinBounds() {
        assertEquals(1 << 24, LongArray.runLength(16L << 30));
        assertEquals((160L << 20) / 128, LongArray.runLength(160L << 20));
        assertEquals(1 << 16, LongArray.runLength(1L << 20));
    }

    @Test
    void releasingAMappedArrayDeletesItsFileAndLaterUseFailsLoudly() throws IOException {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            Storage storage = Storage.mapped(dir);
            IntArray kept = storage.ints(3000);
            IntArray dead = storage.ints(5000);
            dead.set(4999, 7);
            kept.set(2999, 9);
            assertEquals(2, fileCount(dir));
            dead.release();
            assertEquals(1, fileCount(dir));
            assertEquals(3000 * 4, dir.mappedBytes());
            assertThrows(NullPointerException.class, () -> dead.get(4999));
            assertEquals(9, kept.get(2999));
            IntArray onHeap = IntArray.wrap(new int[] {1, 2});
            onHeap.release(); // the collector's business: still usable
            assertEquals(2, onHeap.get(1));
        }
    }

    private static long fileCount(WorkDir dir) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(dir.path())) {
            return files.count();
        }
    }

    @Test
    void heapSortIsInPlace() {
        LongArray a = LongArray.wrap(new long[] {9, 3, 1, 2});
        assertEquals(a, a.sortedFrom(1, Storage.onHeap()));
        assertArrayEquals(new long[] {9, 1, 2, 3}, a.toArray());
        assertEquals(2, a.binarySearch(1, 4, 2));
        assertTrue(a.binarySearch(1, 4, 5) < 0);
    }

    @Test
    void mappedBinarySearchFindsAndMisses() throws IOException {
        try (WorkDir dir = WorkDir.create(parent, 1 << 20, 12)) {
            LongArray a = dir.longs(2000);
            for (long i = 0; i < 2000; i++) {
                a.set(i, 10 * i);
            }
            assertEquals(513, a.binarySearch(0, 2000, 5130));
            assertEquals(-(514 + 1), a.binarySearch(0, 2000, 5135));
            assertEquals(-(0 + 1), a.binarySearch(0, 2000, -1));
        }
    }

    @Test
    void theChecksumTakenWhileWritingAnArrayIsTheChecksumOfTheFileWritten() throws IOException {
        // 300,000 elements: several 1 MiB write chunks, the last one partial
        long[] longs = new Random(7).longs(300_000).toArray();
        try (WorkDir dir = WorkDir.create(parent, 1 << 24, 12)) {
            LongArray mapped = dir.longs(longs.length);
            IntArray ints = dir.ints(longs.length);
            for (int i = 0; i < longs.length; i++) {
                mapped.set(i, longs[i]);
                ints.set(i, (int) longs[i]);
            }
            CRC32C onHeap = new CRC32C();
            CRC32C fromMapped = new CRC32C();
            CRC32C fromInts = new CRC32C();
            Path heapFile = written(out -> LongArray.wrap(longs).writeTo(out, onHeap));
            assertEquals(WorkDir.crc32c(heapFile), onHeap.getValue());
            assertEquals(WorkDir.crc32c(written(out -> mapped.writeTo(out, fromMapped))), fromMapped.getValue());
            assertEquals(onHeap.getValue(), fromMapped.getValue(), "the same elements on the heap or mapped");
            assertEquals(WorkDir.crc32c(written(out -> ints.writeTo(out, fromInts))), fromInts.getValue());
            CRC32C whole = new CRC32C();
            whole.update(Files.readAllBytes(heapFile));
            assertEquals(whole.getValue(), onHeap.getValue(), "the bytes of the file, read in one piece");
        }
    }

    private interface ChannelWriter {
        void to(FileChannel out) throws IOException;
    }

    private Path written(ChannelWriter writer) throws IOException {
        Path file = Files.createTempFile(parent, "written-", ".bin");
        try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
            writer.to(out);
        }
        return file;
    }
}
