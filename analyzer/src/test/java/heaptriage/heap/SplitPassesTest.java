package heaptriage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.Storage;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Passes 1 and 2 split between threads build the same snapshot as one thread, array by array, wherever the split
 * falls: pass 2 at every object record of hand-built dumps with many segments (pass 1 then at the next segment), at a
 * segment's first sub-record, in a dump cut mid-record, in a file with several heap dumps, in one HEAP DUMP record
 * without a length, with mapped arrays, and on the real sample dumps; damage in either share is reported as one
 * thread reports it.
 */
class SplitPassesTest {
    private static final long DANGLING = 0x0B00_0000L;

    @TempDir
    Path dir;

    private static MemorySettings onHeap(Path dir) {
        return new MemorySettings(MemoryBudget.ofOption(8L << 30), dir, MemorySettings.Placement.HEAP);
    }

    private static MemorySettings mapped(Path dir) {
        return new MemorySettings(MemoryBudget.ofOption(16L << 20), dir, MemorySettings.Placement.MAPPED);
    }

    private HeapSnapshot index(Path file, int heapDump, MemorySettings memory, ParseThreads threads) throws Exception {
        return HeapIndexer.index(DumpFile.open(file), heapDump, IndexListener.NONE, memory, threads);
    }

    /**
     * The minimal heap plus {@code objects} random instances and arrays, at shuffled addresses (so the file is not in
     * address order), referring to each other, to nothing, and to addresses without an object; small segments.
     */
    static HprofWriter randomHeap(long seed, int objects, int segmentBytes) {
        Random random = new Random(seed);
        HprofWriter w = HprofWriter.create(8, "1.0.2").maxSegmentBytes(segmentBytes);
        MinimalHeap.write(w);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < objects; i++) {
            ids.add(0x1000_0000L + 0x18L * i);
        }
        java.util.Collections.shuffle(ids, random);
        for (long id : ids) {
            switch (random.nextInt(4)) {
                case 0 -> w.instance(id, MinimalHeap.C_NODE, target(random, ids), random.nextInt(), target(random, ids));
                case 1 -> w.instance(id, MinimalHeap.C_SPECIAL, random.nextLong(), random.nextBoolean(),
                        target(random, ids), random.nextInt(), target(random, ids));
                case 2 -> {
                    long[] elements = new long[random.nextInt(6)];
                    for (int e = 0; e < elements.length; e++) {
                        elements[e] = target(random, ids);
                    }
                    w.objectArray(id, MinimalHeap.C_OBJARR, elements);
                }
                default -> w.byteArray(id, new byte[random.nextInt(9)]);
            }
            if (random.nextInt(10) == 0) {
                w.rootJavaFrame(id, MinimalHeap.THREAD_SERIAL, 1); // another local of the thread: one of its edges
            }
        }
        return w;
    }

    private static long target(Random random, List<Long> ids) {
        return switch (random.nextInt(8)) {
            case 0 -> 0;
            case 1 -> DANGLING + 8L * random.nextInt(4);
            default -> ids.get(random.nextInt(ids.size()));
        };
    }

    static void assertSameIndex(HeapSnapshot expected, HeapSnapshot actual, String what) {
        assertArrayEquals(expected.addresses().toArray(), actual.addresses().toArray(), what + ": addresses");
        assertArrayEquals(expected.recordOffsets().toArray(), actual.recordOffsets().toArray(), what + ": record offsets");
        assertArrayEquals(expected.classSlots().toArray(), actual.classSlots().toArray(), what + ": classes");
        assertArrayEquals(expected.storedShallowSizes().toArray(), actual.storedShallowSizes().toArray(), what + ": sizes");
        assertArrayEquals(expected.outboundOffsets().toArray(), actual.outboundOffsets().toArray(), what + ": CSR offsets");
        assertArrayEquals(expected.outboundTargets().copyRange(0, expected.referenceCount()),
                actual.outboundTargets().copyRange(0, actual.referenceCount()), what + ": CSR targets");
        assertArrayEquals(expected.gcRoots(), actual.gcRoots(), what + ": GC roots");
        assertEquals(expected.rootRecords(), actual.rootRecords(), what + ": root records");
        assertEquals(expected.danglingReferences(), actual.danglingReferences(), what + ": dangling references");
        assertEquals(expected.readSummary(), actual.readSummary(), what + ": read summary");
        assertEquals(expected.sizeModel(), actual.sizeModel(), what + ": size model (alignment, compressed references)");
        assertEquals(describe(expected.classes()), describe(actual.classes()), what + ": classes");
        assertEquals(expected.threadObjectsBySerial(), actual.threadObjectsBySerial(), what + ": threads");
        for (int serial : expected.threadObjectsBySerial().keySet()) {
            assertEquals(expected.stackTrace(serial), actual.stackTrace(serial), what + ": stack of thread " + serial);
        }
    }

    private static List<String> describe(List<HeapClass> classes) {
        return classes.stream().map(c -> c.name() + " @" + c.objectIndex() + " " + c.instanceSize + " "
                + java.util.Arrays.toString(c.refFieldOffsets)).toList();
    }

    /** Pass 1's lists and counts, before anything is derived from them: what a split pass 1 must reproduce. */
    private record FirstPass(List<Object> figures) {
        static FirstPass of(Path file, ParseThreads threads) throws Exception {
            RecordScan scan = HeapIndexer.firstPass(DumpFile.open(file), threads).scan();
            Storage heap = Storage.onHeap();
            return new FirstPass(List.of(scan.objectCount(), scan.reservedEdges, scan.gcdOfGaps, scan.compressedReferences,
                    List.of(box(scan.classIds.toArray())),
                    List.of(box(scan.addressesArray(heap).toArray())), List.of(box(scan.offsetsArray(heap).toArray())),
                    List.of(box(scan.classKeysArray(heap).toArray())), List.of(box(scan.lengthsArray(heap).toArray())),
                    List.of(box(scan.edgeCountsArray(heap).toArray())), List.of(box(scan.rootIds.toArray())),
                    List.of(box(scan.heapRecordBodyStarts.toArray())),
                    scan.classDumps.stream().map(d -> d.classId() + "@" + d.recordOffset()).toList()));
        }

        private static Long[] box(long[] values) {
            return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
        }

        private static Long[] box(int[] values) {
            return java.util.Arrays.stream(values).asLongStream().boxed().toArray(Long[]::new);
        }
    }

    /** Splits at every object record's offset in turn, and at random pairs of them, and compares with one thread. */
    private void assertEverySplitGivesTheSameIndex(Path file, int heapDump, MemorySettings memory) throws Exception {
        FirstPass singleFirstPass = heapDump != 2 ? FirstPass.of(file, ParseThreads.one()) : null;
        try (HeapSnapshot single = index(file, heapDump, onHeap(dir), ParseThreads.one())) {
            assertTrue(single.danglingReferences() > 0 || single.objectCount() < 40, "the dump has dangling references");
            long[] offsets = single.recordOffsets().toArray();
            java.util.Arrays.sort(offsets);
            for (long at : offsets) {
                if (at > 0 && heapDump != 2) { // pass 1 is split only in a file with one heap dump
                    assertEquals(singleFirstPass, FirstPass.of(file, ParseThreads.splitAt(at)), "pass 1 split at " + at);
                }
                if (at > 0) {
                    try (HeapSnapshot split = index(file, heapDump, memory, ParseThreads.splitAt(at))) {
                        assertSameIndex(single, split, "split at " + at);
                    }
                }
            }
            Random random = new Random(offsets.length);
            for (int i = 0; i < 20; i++) {
                long a = offsets[1 + random.nextInt(offsets.length - 1)];
                long b = offsets[1 + random.nextInt(offsets.length - 1)];
                try (HeapSnapshot split = index(file, heapDump, memory, ParseThreads.splitAt(Math.min(a, b), Math.max(a, b)))) {
                    assertSameIndex(single, split, "split at " + a + " and " + b);
                }
            }
            for (int threads = 2; threads <= 5; threads++) {
                try (HeapSnapshot split = index(file, heapDump, memory, ParseThreads.evenly(threads))) {
                    assertSameIndex(single, split, threads + " even shares");
                }
            }
            try (HeapSnapshot split = index(file, heapDump, memory, new ParseThreads(2, 4, 0, null))) {
                assertSameIndex(single, split, "8 shares taken in turn by 2 threads");
            }
        }
    }

    @Test
    void everySplitOfADumpWithManySegmentsGivesTheSameIndexAsOneThread() throws Exception {
        Path file = randomHeap(12, 200, 160).writeTo(dir.resolve("random.hprof"));
        assertEverySplitGivesTheSameIndex(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir));
    }

    @Test
    void everySplitWithMappedArraysGivesTheSameIndexAsOneThreadOnTheHeap() throws Exception {
        Path file = randomHeap(13, 30, 200).writeTo(dir.resolve("random.hprof"));
        assertEverySplitGivesTheSameIndex(file, HeapIndexer.LAST_HEAP_DUMP, mapped(dir));
    }

    @ParameterizedTest(name = "length zero: {0}")
    @ValueSource(booleans = {false, true})
    void everySplitOfOneHeapDumpRecordGivesTheSameIndex(boolean lengthZero) throws Exception {
        HprofWriter w = randomHeap(14, 150, Integer.MAX_VALUE);
        if (lengthZero) {
            w.singleHeapDumpRecordWithZeroLength();
        } else {
            w.singleHeapDumpRecord();
        }
        assertEverySplitGivesTheSameIndex(w.writeTo(dir.resolve("one-record.hprof")), HeapIndexer.LAST_HEAP_DUMP, onHeap(dir));
    }

    @Test
    void aSplitAtASegmentsFirstSubRecordOrItsHeaderGivesTheSameIndex() throws Exception {
        HprofWriter w = randomHeap(15, 100, Integer.MAX_VALUE);
        w.endSegment();
        long first = 0x2F00_0000L;
        w.instance(first, MinimalHeap.C_NODE, MinimalHeap.NODE1, 5, 0L);
        w.instance(first + 0x40, MinimalHeap.C_NODE, first, 6, DANGLING);
        Path file = w.writeTo(dir.resolve("segments.hprof"));
        List<Long> segments = w.heapRecordStarts();
        assertEquals(2, segments.size());
        long segmentStart = segments.get(1);
        assertEquals(segmentStart + 9, w.startOf(first), "the object is its segment's first sub-record");
        try (HeapSnapshot single = index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.one())) {
            for (long at : new long[] {segmentStart, segmentStart + 9, segmentStart - 1}) {
                try (HeapSnapshot split = index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.splitAt(at))) {
                    assertSameIndex(single, split, "split at " + at);
                }
            }
        }
    }

    @Test
    void everySplitOfADumpCutMidRecordGivesTheSameIndex() throws Exception {
        byte[] whole = randomHeap(16, 150, 300).toBytes();
        Random random = new Random(16);
        for (int i = 0; i < 3; i++) {
            int cut = whole.length / 2 + random.nextInt(whole.length / 2 - 20);
            Path file = Dumps.write(dir, "cut" + i + ".hprof", Dumps.cut(whole, cut));
            try (HeapSnapshot single = index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.one())) {
                assertTrue(single.truncation().isPresent(), "cut at " + cut);
            }
            assertEverySplitGivesTheSameIndex(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir));
        }
    }

    @ParameterizedTest(name = "heap dump {0} (0: the last)")
    @ValueSource(ints = {0, 1, 2})
    void everySplitOfAFileWithTwoHeapDumpsGivesTheSameIndex(int heapDump) throws Exception {
        HprofWriter first = randomHeap(17, 80, 250);
        HprofWriter second = randomHeap(18, 90, 250);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(first.toBytes());
        byte[] more = second.toBytes();
        out.write(more, second.headerLength(), more.length - second.headerLength());
        Path file = Dumps.write(dir, "two.hprof", out.toByteArray());
        assertEverySplitGivesTheSameIndex(file, heapDump, onHeap(dir));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2-leak", "hikari-healthy", "socket-leak"})
    void realSampleDumpsGiveTheSameIndexOnTwoAndThreeThreadsPlainOrGzip(String name) throws Exception {
        Path gz = Path.of("..", "sample-dumps", "dumps", name + ".hprof.gz");
        Path plain;
        try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
            plain = Files.write(dir.resolve(name + ".hprof"), in.readAllBytes());
        }
        try (HeapSnapshot single = index(plain, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.one())) {
            for (int threads = 2; threads <= 3; threads++) {
                try (HeapSnapshot split = index(plain, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.evenly(threads))) {
                    assertSameIndex(single, split, name + " on " + threads + " threads");
                }
            }
            try (HeapSnapshot split = index(plain, HeapIndexer.LAST_HEAP_DUMP, mapped(dir), ParseThreads.evenly(2))) {
                assertSameIndex(single, split, name + " on 2 threads, mapped");
            }
            try (HeapSnapshot gzip = index(gz, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.evenly(2))) {
                assertSameIndex(single, gzip, name + " gzip (one thread)");
            }
        }
    }

    @Test
    void passTwoProgressAddsUpTheSharesToTheEndOfTheHeapRecords() throws Exception {
        Path file = randomHeap(19, 200, 300).writeTo(dir.resolve("random.hprof"));
        PhaseProgress passTwo = new PhaseProgress("pass 2");
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), HeapIndexer.LAST_HEAP_DUMP, passTwo, onHeap(dir),
                ParseThreads.evenly(2))) {
            // which thread takes which share is up to the threads: only their sum is certain
            assertEquals(s.readSummary().selected().end(), passTwo.last, "the progress adds up the shares' bytes");
        }
    }

    @Test
    void passOneIsSplitAtASegmentAndHeardFromBothThreads() throws Exception {
        Path file = randomHeap(22, 200, 300).writeTo(dir.resolve("random.hprof"));
        PhaseProgress passOne = new PhaseProgress("pass 1");
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), HeapIndexer.LAST_HEAP_DUMP, passOne, onHeap(dir),
                ParseThreads.evenly(2))) {
            assertTrue(passOne.threads.contains("heaptriage-share-1"), "pass 1 heard from " + passOne.threads);
            assertEquals(Files.size(file), passOne.last, "the progress adds up the shares' bytes");
        }
    }

    /** Classes dumped late, after instances of them and inside the second share: the counts a single pass makes. */
    @Test
    void classesDumpedInTheSecondShareOrAfterTheirInstancesGiveTheSameIndex() throws Exception {
        HprofWriter w = randomHeap(23, 120, 200);
        long late = 0x0F00_1000L;
        long lateSub = 0x0F00_1040L;
        long[] before = {0x3000_0000L, 0x3000_0020L};
        w.endSegment();
        // written raw: the writer needs a class dump to lay out fields; LateSub's b, then Late's a and n
        w.instanceRaw(before[0], 0, lateSub, 20, java.nio.ByteBuffer.allocate(20).putLong(MinimalHeap.NODE1)
                .putLong(0).putInt(3).array());
        w.endSegment();
        w.newClass(late, "com/example/Late").superClass(MinimalHeap.C_OBJECT).field("a", BasicType.OBJECT)
                .field("n", BasicType.INT).write();
        w.newClass(lateSub, "com/example/LateSub").superClass(late).field("b", BasicType.OBJECT).write();
        w.endSegment();
        w.instance(before[1], lateSub, 0L, before[0], 4);
        w.instance(0x3000_0040L, late, MinimalHeap.NODE2, 5);
        Path file = w.writeTo(dir.resolve("late-classes.hprof"));
        assertEverySplitGivesTheSameIndex(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir));
    }

    @Test
    void damageInEitherShareOfPassOneIsReportedAsOnOneThread() throws Exception {
        HprofWriter w = randomHeap(24, 200, 300);
        byte[] whole = w.toBytes();
        List<Long> segments = w.heapRecordStarts();
        for (int segment : new int[] {1, segments.size() / 2, segments.size() - 1}) {
            byte[] damaged = whole.clone();
            damaged[(int) (segments.get(segment) + 9)] = (byte) 0x99; // the segment's first sub-record tag
            Path file = Dumps.write(dir, "damaged" + segment + ".hprof", damaged);
            Exception single = assertThrows(Exception.class,
                    () -> index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.one()));
            for (long at : new long[] {segments.get(1), segments.get(segments.size() / 2), segments.get(segments.size() - 1)}) {
                Exception split = assertThrows(Exception.class,
                        () -> index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.splitAt(at)));
                assertEquals(single.getClass(), split.getClass(), "damage in segment " + segment + ", split at " + at);
                assertEquals(single.getMessage(), split.getMessage(), "damage in segment " + segment + ", split at " + at);
            }
        }
    }

    @Test
    void aFailureInALaterShareSurfacesAsItIsAndLeavesNoThreadRunning() throws Exception {
        Path file = randomHeap(20, 200, 300).writeTo(dir.resolve("random.hprof"));
        IndexListener failing = new IndexListener() {
            @Override
            public void bytesRead(long position) {
                if (Thread.currentThread().getName().startsWith("heaptriage-share-")) {
                    throw new IllegalStateException("the share failed");
                }
            }
        };
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> HeapIndexer.index(DumpFile.open(file),
                HeapIndexer.LAST_HEAP_DUMP, failing, onHeap(dir), ParseThreads.evenly(2)));
        assertEquals("the share failed", e.getMessage());
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("heaptriage-share-")),
                "no share thread is left");
    }

    @Test
    void smallDumpsAndGzipDumpsAreReadInOneShare() throws Exception {
        Path file = randomHeap(21, 200, 300).writeTo(dir.resolve("random.hprof"));
        try (HeapSnapshot s = index(file, HeapIndexer.LAST_HEAP_DUMP, onHeap(dir), ParseThreads.one())) {
            long[] offsets = s.recordOffsets().toArray();
            java.util.Arrays.sort(offsets);
            LongList starts = new LongList();
            LongList ends = new LongList();
            starts.add(offsets[1] - 1);
            ends.add(Long.MAX_VALUE);
            PassShares.FileOrderOffsets fileOrder = new PassShares.FileOrderOffsets() {
                @Override
                public long count() {
                    return offsets.length;
                }

                @Override
                public long offsetOf(long ordinal) {
                    return offsets[(int) ordinal];
                }
            };
            assertEquals(1, PassShares.plan(fileOrder, starts, ends, Long.MAX_VALUE, new ParseThreads(2, 4,
                    ParseThreads.MIN_SHARE_BYTES, null)).size(), "less than 64 MiB per thread: one share");
            assertEquals(8, PassShares.plan(fileOrder, starts, ends, Long.MAX_VALUE, new ParseThreads(2, 4, 0, null))
                    .size(), "big enough: four shares per thread");
            assertEquals(2, PassShares.plan(fileOrder, starts, ends, Long.MAX_VALUE, ParseThreads.evenly(2)).size());
            assertEquals(1, PassShares.plan(fileOrder, starts, ends, Long.MAX_VALUE, ParseThreads.one()).size());
        }
    }

    /** Hears the progress of the phases whose name starts with a prefix: the last position and the threads that told it. */
    private static final class PhaseProgress implements IndexListener {
        private final String prefix;
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        volatile long last;
        private volatile boolean inPhase;

        PhaseProgress(String prefix) {
            this.prefix = prefix;
        }

        @Override
        public void phase(String name) {
            inPhase = name.startsWith(prefix);
        }

        @Override
        public synchronized void bytesRead(long position) {
            if (inPhase) {
                threads.add(Thread.currentThread().getName());
                last = position;
            }
        }
    }
}
