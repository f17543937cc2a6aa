package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportFormat;
import heaptriage.report.ReportOptions;
import heaptriage.report.ReportRenderer;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Fuzzing of the whole analysis with damaged dumps: bytes flipped, lengths that lie, broken tags, cuts, and damaged
 * gzip, applied to small hand-written dumps and to a small real dump (the committed socket-leak sample). Every input
 * must end in a complete analysis (possibly with warnings) or in a typed {@link HprofException} with a one-line
 * message: no other exception, no OutOfMemoryError, no hang. Bounded by the number of inputs (well under a minute).
 * <p>
 * The inputs come from a seeded {@link Random}, so a run is reproducible: every failure names its input's seed, and
 * {@code -Dheaptriage.fuzz.seed=N} starts the run from another seed (the default is fixed, so CI is repeatable).
 */
class DamagedDumpFuzzTest {
    private static final Duration PER_INPUT = Duration.ofSeconds(30);
    private static final AtomicInteger ANALYSED = new AtomicInteger();
    private static final AtomicInteger REJECTED = new AtomicInteger();
    private static final List<String> REJECTIONS = new ArrayList<>();

    /** What is done to a dump's bytes. */
    enum Damage { FLIPPED_BYTES, LYING_LENGTH, BROKEN_TAG, CUT, BAD_GZIP, SEVERAL }

    /** A dump of the corpus: its bytes and where its tags and length fields are. */
    record Sample(String name, byte[] bytes, int idSize, long[] tags, long[] lengths) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** One fuzz input: a sample, a damage, and the seed that places it. */
    record Input(Sample sample, Damage damage, long seed) {
        @Override
        public String toString() {
            return damage + " of " + sample + " (input seed " + seed + ")";
        }
    }

    private static final List<Sample> SMALL = List.of(
            layout("minimal-8", MinimalHeap.create(8, "1.0.2").toBytes(), 8),
            layout("minimal-4", MinimalHeap.create(4, "1.0.2").toBytes(), 4),
            layout("one-heap-dump-record", MinimalHeap.write(HprofWriter.create(4, "1.0.1").singleHeapDumpRecord()).toBytes(), 4),
            layout("small-segments", MinimalHeap.write(HprofWriter.create(8, "1.0.2").maxSegmentBytes(64)).toBytes(), 8),
            layout("two-heap-dumps", twoHeapDumps(), 8));

    private static Sample real;

    private static final long BASE_SEED = Long.getLong("heaptriage.fuzz.seed", 20_261_130L);

    @Test
    void damagedSmallDumpsAreAnalysedOrRejectedInOneLine() throws Exception {
        checkAll(SMALL, 500, BASE_SEED);
    }

    @Test
    void aDamagedRealDumpIsAnalysedOrRejectedInOneLine() throws Exception {
        checkAll(List.of(realSample()), 6, BASE_SEED + 1);
    }

    /** {@code count} inputs, each a sample, a damage and a seed drawn from {@code seed}; every damage kind in turn. */
    private static void checkAll(List<Sample> samples, int count, long seed) throws Exception {
        Random draw = new Random(seed);
        Damage[] damages = Damage.values();
        for (int i = 0; i < count; i++) {
            check(new Input(samples.get(draw.nextInt(samples.size())), damages[i % damages.length], draw.nextLong()));
        }
    }

    @AfterAll
    static void sayHowManyInputsRan() {
        System.out.printf("DamagedDumpFuzzTest: %d damaged inputs: %d analysed, %d rejected with a one-line HprofException"
                + "%n", ANALYSED.get() + REJECTED.get(), ANALYSED.get(), REJECTED.get());
        REJECTIONS.stream().limit(8).forEach(m -> System.out.println("  e.g. " + m));
    }

    private static void check(Input input) throws Exception {
        Random random = new Random(input.seed());
        byte[] bytes = damage(input.sample(), input.damage(), random);
        Path file = Files.createTempFile("fuzz-", input.damage() == Damage.BAD_GZIP ? ".hprof.gz" : ".hprof");
        try {
            Files.write(file, bytes);
            assertTimeoutPreemptively(PER_INPUT, () -> analyse(file, input), () -> "hangs on " + input);
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** The whole analysis, as the CLI runs it, down to the report rendered in every format. */
    private static void analyse(Path file, Input input) {
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE)) {
            Report r = ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
            PrintWriter nowhere = new PrintWriter(Writer.nullWriter());
            for (ReportFormat format : ReportFormat.values()) {
                ReportRenderer.of(format, nowhere, 10).render(r);
            }
            ANALYSED.incrementAndGet();
        } catch (HprofException e) {
            String message = e.getMessage();
            assertTrue(message != null && !message.isBlank(), () -> "no message for " + input);
            assertFalse(message.contains("\n"), () -> "more than one line for " + input + ": " + message);
            REJECTED.incrementAndGet();
            synchronized (REJECTIONS) {
                REJECTIONS.add(input.damage() + " " + input.sample() + ": " + message.replace(file.toString(), "<file>"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("untyped failure for " + input, e);
        }
    }

    // ------------------------------------------------------------------ damage

    static byte[] damage(Sample sample, Damage damage, Random random) {
        byte[] b = sample.bytes().clone();
        return switch (damage) {
            case FLIPPED_BYTES -> flip(b, random, 1 + random.nextInt(8));
            case LYING_LENGTH -> lie(sample, b, random);
            case BROKEN_TAG -> breakTag(sample, b, random);
            case CUT -> Arrays.copyOf(b, random.nextInt(b.length));
            case BAD_GZIP -> badGzip(b, random);
            case SEVERAL -> {
                byte[] out = lie(sample, breakTag(sample, flip(b, random, 2), random), random);
                yield random.nextBoolean() ? out : Arrays.copyOf(out, out.length / 2 + random.nextInt(out.length / 2));
            }
        };
    }

    private static byte[] flip(byte[] b, Random random, int count) {
        int header = headerLength(b);
        for (int i = 0; i < count; i++) {
            int at = header + random.nextInt(b.length - header);
            b[at] ^= (byte) (1 << random.nextInt(8));
        }
        return b;
    }

    private static byte[] lie(Sample sample, byte[] b, Random random) {
        long at = sample.lengths()[random.nextInt(sample.lengths().length)];
        long value = switch (random.nextInt(4)) {
            case 0 -> 0x7FFF_FFF0L;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> random.nextInt(1 << 20);
            default -> (u4(b, at) + 1 + random.nextInt(64)) & 0xFFFF_FFFFL;
        };
        for (int i = 0; i < 4; i++) {
            b[(int) at + i] = (byte) (value >>> (24 - 8 * i));
        }
        return b;
    }

    private static byte[] breakTag(Sample sample, byte[] b, Random random) {
        long at = sample.tags()[random.nextInt(sample.tags().length)];
        b[(int) at] = (byte) random.nextInt(256);
        return b;
    }

    private static byte[] badGzip(byte[] b, Random random) {
        byte[] gz = random.nextBoolean() ? HprofWriter.gzip(b) : HprofWriter.chunkedGzip(b, 4096);
        if (random.nextBoolean()) {
            return Arrays.copyOf(gz, 10 + random.nextInt(gz.length - 10));
        }
        for (int i = 0; i < 1 + random.nextInt(4); i++) {
            int at = 10 + random.nextInt(gz.length - 10);
            gz[at] ^= (byte) (1 << random.nextInt(8));
        }
        return gz;
    }

    // ------------------------------------------------------------------ corpus

    private static byte[] twoHeapDumps() {
        byte[] first = MinimalHeap.create(8, "1.0.2").toBytes();
        HprofWriter w = MinimalHeap.create(8, "1.0.2");
        byte[] second = w.toBytes();
        byte[] both = Arrays.copyOf(first, first.length + second.length - w.headerLength());
        System.arraycopy(second, w.headerLength(), both, first.length, second.length - w.headerLength());
        return both;
    }

    private static synchronized Sample realSample() {
        if (real == null) {
            Path gz = Path.of("..", "sample-dumps", "dumps", "socket-leak.hprof.gz");
            try (InputStream in = new GZIPInputStream(Files.newInputStream(gz))) {
                real = layout("socket-leak (real)", in.readAllBytes(), 8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return real;
    }

    /** Finds every record's tag and length field, and the object sub-records' tags and length fields. */
    static Sample layout(String name, byte[] bytes, int idSize) {
        List<Long> tags = new ArrayList<>();
        List<Long> lengths = new ArrayList<>();
        long at = headerLength(bytes);
        while (at + 9 <= bytes.length) {
            tags.add(at);
            lengths.add(at + 5);
            int tag = bytes[(int) at] & 0xFF;
            long end = at + 9 + u4(bytes, at + 5);
            if (tag == HprofTag.HEAP_DUMP.tag || tag == HprofTag.HEAP_DUMP_SEGMENT.tag) {
                subRecords(bytes, idSize, at + 9, Math.min(end, bytes.length), tags, lengths);
            }
            at = end;
        }
        return new Sample(name, bytes, idSize, toArray(tags), toArray(lengths));
    }

    /** The object sub-records of a segment, found by reading it with the reader itself. */
    private static void subRecords(byte[] bytes, int idSize, long from, long to, List<Long> tags, List<Long> lengths) {
        try {
            Path file = Files.createTempFile("layout-", ".hprof");
            try {
                Files.write(file, bytes);
                try (DumpFile dump = DumpFile.open(file); HprofInput in = dump.openStream()) {
                    HprofHeader header = dump.readHeader(in);
                    new HprofReader(in, header, new HprofVisitor() {
                        @Override
                        public void instance(long id, long classId, long offset, int payload) {
                            add(offset, offset + 1 + 2L * idSize + 4);
                        }

                        @Override
                        public void objectArray(long id, long arrayClassId, long offset, int length) {
                            add(offset, offset + 1 + idSize + 4);
                        }

                        @Override
                        public void primitiveArray(long id, BasicType type, long offset, int length) {
                            add(offset, offset + 1 + idSize + 4);
                        }

                        private void add(long tag, long length) {
                            if (tag >= from && tag < to && tags.size() < 100_000) {
                                tags.add(tag);
                                lengths.add(length);
                            }
                        }
                    }).read(Long.MAX_VALUE);
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (IOException | HprofException e) {
            throw new IllegalStateException("the corpus dump " + e.getMessage(), e);
        }
    }

    private static long[] toArray(List<Long> list) {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    private static int headerLength(byte[] b) {
        int nul = 0;
        while (b[nul] != 0) {
            nul++;
        }
        return nul + 1 + 4 + 8;
    }

    private static long u4(byte[] b, long at) {
        int p = (int) at;
        return ((b[p] & 0xFFL) << 24) | ((b[p + 1] & 0xFFL) << 16) | ((b[p + 2] & 0xFFL) << 8) | (b[p + 3] & 0xFFL);
    }
}
