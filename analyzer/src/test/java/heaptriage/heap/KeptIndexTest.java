package heaptriage.heap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import heaptriage.api.HeapTriage;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.WorkDirException;
import heaptriage.report.JsonRenderer;
import heaptriage.report.Report;
import heaptriage.testing.MinimalHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.RandomAccessFile;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A kept index gives the same report as parsing the dump; one whose dump changed is not used (and is replaced when
 * the index is kept again); a damaged one is ignored with a reason; the dump's folder is never written unless asked.
 */
class KeptIndexTest {
    private static final IndexPolicy KEEP = new IndexPolicy(true, IndexPolicy.Keep.WORK_DIR);
    private static final IndexPolicy REUSE = IndexPolicy.defaults();
    private static final IndexPolicy PARSE = new IndexPolicy(false, IndexPolicy.Keep.NONE);

    @TempDir
    Path dir;

    /** Every kept-index event one command reported. */
    private static final class Events implements IndexListener {
        final List<KeptIndexEvent> seen = new ArrayList<>();

        @Override
        public void keptIndex(KeptIndexEvent event) {
            seen.add(event);
        }

        List<KeptIndexEvent.Kind> kinds() {
            return seen.stream().map(KeptIndexEvent::kind).toList();
        }
    }

    @Test
    void reusingTheKeptIndexOfASampleDumpGivesTheReportOfAFreshParse() throws Exception {
        Path dump = Files.copy(sampleDump("h2-leak"), dir.resolve("h2-leak.hprof.gz"));
        assertReuseGivesTheSameReport(dump);
    }

    @Test
    void reusingTheKeptIndexOfATruncatedDumpGivesTheSameReportWithItsTruncation() throws Exception {
        byte[] whole = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").toBytes();
        Path dump = Files.write(dir.resolve("cut.hprof"), java.util.Arrays.copyOf(whole, whole.length * 9 / 10));
        assertReuseGivesTheSameReport(dump);
        try (HeapSnapshot s = open(dump, REUSE, new Events())) {
            assertTrue(s.indexReused());
            assertTrue(s.truncation().isPresent(), "the truncation is kept with the index");
        }
    }

    @Test
    void aReusedIndexOfAChunkedGzipDumpKnowsWhereItsMembersStart() throws Exception {
        Path dump = Files.copy(sampleDump("socket-leak"), dir.resolve("socket-leak.hprof.gz"));
        long[][] parsed;
        try (HeapSnapshot s = open(dump, KEEP, new Events())) {
            parsed = s.dump().gzipMemberStarts();
        }
        assertTrue(parsed != null && parsed[0].length > 1, "jcmd -gz writes many members");
        try (HeapSnapshot s = open(dump, REUSE, new Events())) {
            assertTrue(s.indexReused());
            long[][] reused = s.dump().gzipMemberStarts();
            assertArrayEquals(parsed[0], reused[0]);
            assertArrayEquals(parsed[1], reused[1]);
            int thread = s.threadObject(1);
            assertEquals("java.lang.Thread", s.classOf(thread).name(), "objects read at random from the members");
        }
    }

    @Test
    void reusingTheKeptIndexOfAHandBuiltDumpGivesTheSameSnapshotAndReport() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        assertReuseGivesTheSameReport(dump);
        try (HeapSnapshot parsed = open(dump, PARSE, new Events());
             HeapSnapshot reused = open(dump, REUSE, new Events())) {
            assertFalse(parsed.indexReused());
            assertTrue(reused.indexReused());
            assertEquals(parsed.objectCount(), reused.objectCount());
            assertArrayEquals(parsed.addresses().toArray(), reused.addresses().toArray());
            assertArrayEquals(parsed.recordOffsets().toArray(), reused.recordOffsets().toArray());
            assertArrayEquals(parsed.classSlots().toArray(), reused.classSlots().toArray());
            assertArrayEquals(parsed.storedShallowSizes().toArray(), reused.storedShallowSizes().toArray());
            assertArrayEquals(parsed.outboundOffsets().toArray(), reused.outboundOffsets().toArray());
            assertArrayEquals(parsed.outboundTargets().toArray(), reused.outboundTargets().toArray());
            assertArrayEquals(parsed.gcRoots(), reused.gcRoots());
            assertEquals(parsed.rootRecords(), reused.rootRecords());
            assertEquals(parsed.threadObjectsBySerial(), reused.threadObjectsBySerial());
            assertEquals(parsed.stackTrace(1), reused.stackTrace(1));
            assertEquals(parsed.readSummary(), reused.readSummary());
            assertEquals(parsed.header(), reused.header());
            assertEquals(parsed.sizeModel(), reused.sizeModel());
            for (HeapClass c : parsed.classes()) {
                HeapClass r = reused.classes().get(c.slot());
                assertEquals(List.of(c.name(), c.superSlot(), c.objectIndex(), c.instanceSize(), c.classObjectSize(),
                                c.fields(), c.statics()),
                        List.of(r.name(), r.superSlot(), r.objectIndex(), r.instanceSize(), r.classObjectSize(),
                                r.fields(), r.statics()), c.name());
                assertArrayEquals(c.refFieldOffsets, r.refFieldOffsets, c.name());
            }
            int node = reused.indexOf(MinimalHeap.NODE1);
            assertEquals(parsed.instance(node).fields(), reused.instance(node).fields());
        }
    }

    private void assertReuseGivesTheSameReport(Path dump) throws Exception {
        Events first = new Events();
        String parsed = json(analyze(dump, KEEP, first));
        assertEquals(List.of(KeptIndexEvent.Kind.KEPT), first.kinds());
        assertTrue(parsed.contains("\"indexReused\" : false"), parsed);

        Events second = new Events();
        String reused = json(analyze(dump, REUSE, second));
        assertEquals(List.of(KeptIndexEvent.Kind.REUSED), second.kinds());
        assertEquals(first.seen.get(0).folder(), second.seen.get(0).folder());
        assertTrue(reused.contains("\"indexReused\" : true"), reused);
        assertEquals(parsed, reused.replace("\"indexReused\" : true", "\"indexReused\" : false"));
    }

    @Test
    void theDominatorTreeIsKeptWithTheIndexAndReadBackByTheNextCommandUnlessItIsCut() throws Exception {
        Path dump = Files.copy(sampleDump("hikari-healthy"), dir.resolve("hikari-healthy.hprof.gz"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path folder = keptFolder(dump);
        assertTrue(Files.isRegularFile(folder.resolve("dominators.properties")), "kept by the first command");
        try (HeapSnapshot s = open(dump, REUSE, new Events())) {
            RetainedHeap kept = RetainedHeap.of(HeapGraph.of(s));
            assertTrue(kept.tree().preorder().isMapped(), "read from the kept files, not computed on the heap");
        }
        assertEquals(parsed, json(analyze(dump, REUSE, new Events())).replace("\"indexReused\" : true",
                "\"indexReused\" : false"));

        try (RandomAccessFile f = new RandomAccessFile(folder.resolve("retained-sizes.bin").toFile(), "rw")) {
            f.setLength(f.length() - 8);
        }
        try (HeapSnapshot s = open(dump, REUSE, new Events())) {
            assertFalse(RetainedHeap.of(HeapGraph.of(s)).tree().preorder().isMapped(), "a cut file is not used");
        }
        assertEquals(parsed, json(analyze(dump, REUSE, new Events())).replace("\"indexReused\" : true",
                "\"indexReused\" : false"));
    }

    @Test
    void aByteChangedInAKeptDominatorFileFailsItsChecksumSoTheTreeIsComputedAgainWithTheSameReport() throws Exception {
        Path dump = Files.copy(sampleDump("hikari-healthy"), dir.resolve("hikari-healthy.hprof.gz"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path folder = keptFolder(dump);
        for (String name : List.of("dominators-idom.bin", "dominators-preorder.bin", "retained-sizes.bin")) {
            Path file = folder.resolve(name);
            byte[] written = Files.readAllBytes(file);
            flipMiddleByte(file);
            assertEquals(parsed, json(analyze(dump, REUSE, new Events())).replace("\"indexReused\" : true",
                    "\"indexReused\" : false"), name);
            // computed again and kept again in place of the changed file: had it been read, it would still differ
            assertArrayEquals(written, Files.readAllBytes(file), name);
        }
        try (HeapSnapshot s = open(dump, REUSE, new Events())) {
            assertTrue(RetainedHeap.of(HeapGraph.of(s)).tree().preorder().isMapped(), "the files kept again are read");
        }
    }

    @Test
    void aDumpWrittenAgainWithTheSameSizeIsParsedAgainAndItsIndexReplaced() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Files.setLastModifiedTime(dump, FileTime.fromMillis(Files.getLastModifiedTime(dump).toMillis() + 5_000));

        Events stale = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, stale)));
        assertEquals(List.of(KeptIndexEvent.Kind.STALE), stale.kinds());
        assertEquals(IndexManifest.Change.MODIFIED, stale.seen.get(0).change());

        Events replaced = new Events();
        analyze(dump, KEEP, replaced);
        assertEquals(List.of(KeptIndexEvent.Kind.STALE, KeptIndexEvent.Kind.KEPT), replaced.kinds());
        Events reused = new Events();
        analyze(dump, REUSE, reused);
        assertEquals(List.of(KeptIndexEvent.Kind.REUSED), reused.kinds());
    }

    @Test
    void aDumpReplacedByOneOfAnotherSizeIsParsedNotReadFromTheOldIndex() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        analyze(dump, KEEP, new Events());
        MinimalHeap.create(4, "JAVA PROFILE 1.0.2").writeTo(dump);

        Events stale = new Events();
        Report report = analyze(dump, REUSE, stale);
        assertEquals(List.of(KeptIndexEvent.Kind.STALE), stale.kinds());
        assertEquals(IndexManifest.Change.SIZE, stale.seen.get(0).change());
        assertEquals(4, report.dump().idSize());
        assertEquals(json(analyze(dump, PARSE, new Events())), json(report));
    }

    @Test
    void aCutArrayFileIsIgnoredWithAReasonAndTheDumpParsed() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path folder = keptFolder(dump);
        try (RandomAccessFile f = new RandomAccessFile(folder.resolve("outbound-targets.bin").toFile(), "rw")) {
            f.setLength(f.length() - 4);
        }
        Events damaged = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, damaged)));
        assertEquals(List.of(KeptIndexEvent.Kind.DAMAGED), damaged.kinds());
        assertTrue(damaged.seen.get(0).damage().contains("outbound-targets.bin"), damaged.seen.get(0).damage());
    }

    @Test
    void aByteChangedInAnyArrayFileFailsItsChecksumSoTheIndexIsIgnoredAndTheDumpParsed() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path folder = keptFolder(dump);
        // the manifest lists every array file of the index: a file added later is covered too
        Set<String> arrayFiles = IndexManifest.read(folder.resolve(IndexManifest.FILE_NAME)).fileBytes().keySet();
        assertEquals(6, arrayFiles.size(), arrayFiles.toString());
        for (String name : arrayFiles) {
            flipMiddleByte(folder.resolve(name));
            Events damaged = new Events();
            assertEquals(parsed, json(analyze(dump, REUSE, damaged)), name);
            assertEquals(List.of(KeptIndexEvent.Kind.DAMAGED), damaged.kinds(), name);
            assertEquals(name + " does not match its checksum", damaged.seen.get(0).damage());
            flipMiddleByte(folder.resolve(name)); // back as written: the next file is the only one changed
        }
        Events intact = new Events();
        analyze(dump, REUSE, intact);
        assertEquals(List.of(KeptIndexEvent.Kind.REUSED), intact.kinds(), "the files as written match their checksums");
    }

    @Test
    void anIndexKeptInTheFormatWithoutChecksumsIsStaleAndTheDumpParsed() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path manifest = keptFolder(dump).resolve(IndexManifest.FILE_NAME);
        IndexManifest kept = IndexManifest.read(manifest);
        // as the previous format wrote it: format 2, no array file checksums
        new IndexManifest(2, kept.tool(), kept.key(), kept.objects(), kept.references(), kept.fileBytes(),
                Map.of(), kept.metaCrc()).write(manifest);

        Events stale = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, stale)));
        assertEquals(List.of(KeptIndexEvent.Kind.STALE), stale.kinds());
        assertEquals(IndexManifest.Change.VERSION, stale.seen.get(0).change());
    }

    @Test
    void aCorruptManifestOrMetaFileIsIgnoredWithAReasonAndTheDumpParsed() throws Exception {
        Path dump = MinimalHeap.create(4, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        String parsed = json(analyze(dump, KEEP, new Events()));
        Path folder = keptFolder(dump);

        byte[] meta = Files.readAllBytes(folder.resolve("meta.bin"));
        meta[meta.length / 2] ^= 0x5A;
        Files.write(folder.resolve("meta.bin"), meta);
        Events badMeta = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, badMeta)));
        assertEquals(List.of(KeptIndexEvent.Kind.DAMAGED), badMeta.kinds());
        assertTrue(badMeta.seen.get(0).damage().contains("checksum"), badMeta.seen.get(0).damage());

        Files.write(folder.resolve("manifest.properties"), new byte[] {0, (byte) 0xFF, '=', 0x13, 'x'});
        Events badManifest = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, badManifest)));
        assertEquals(List.of(KeptIndexEvent.Kind.DAMAGED), badManifest.kinds());

        Files.delete(folder.resolve("manifest.properties"));
        Events noManifest = new Events();
        assertEquals(parsed, json(analyze(dump, REUSE, noManifest)));
        assertEquals(List.of(KeptIndexEvent.Kind.DAMAGED), noManifest.kinds());
    }

    @Test
    void noIndexReuseParsesEvenWhenAKeptIndexMatches() throws Exception {
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dir.resolve("minimal.hprof"));
        analyze(dump, KEEP, new Events());
        Events events = new Events();
        try (HeapSnapshot s = open(dump, PARSE, events)) {
            assertFalse(s.indexReused());
        }
        assertEquals(List.of(), events.kinds());
    }

    @Test
    void theDumpsFolderIsNotWrittenWhenTheIndexIsKeptInTheWorkFolder() throws Exception {
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dumps.resolve("minimal.hprof"));
        List<Path> before = listing(dumps);
        analyze(dump, KEEP, new Events());
        analyze(dump, REUSE, new Events());
        assertEquals(before, listing(dumps));
        assertTrue(Files.isDirectory(keptFolder(dump)));
    }

    @Test
    void anIndexKeptBesideTheDumpOnRequestIsReused() throws Exception {
        Path dumps = Files.createDirectories(dir.resolve("dumps"));
        Path dump = MinimalHeap.create(8, "JAVA PROFILE 1.0.2").writeTo(dumps.resolve("minimal.hprof"));
        Events kept = new Events();
        analyze(dump, new IndexPolicy(true, IndexPolicy.Keep.BESIDE_DUMP), kept);
        assertEquals(dumps.resolve("minimal.hprof.heaptriage-index"), kept.seen.get(0).folder());
        Events reused = new Events();
        analyze(dump, REUSE, reused);
        assertEquals(List.of(KeptIndexEvent.Kind.REUSED), reused.kinds());
    }

    @Test
    void aReadOnlyDumpFolderIsRefusedForTheIndexBeforeTheDumpIsRead() throws Exception {
        Path readOnly = Files.createDirectories(dir.resolve("read-only"));
        Path other = MinimalHeap.create(4, "JAVA PROFILE 1.0.2").writeTo(readOnly.resolve("other.hprof"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        // root (as in CI) writes anywhere the permissions forbid, but not in a folder marked immutable
        boolean immutable = Files.isWritable(readOnly) && immutable(readOnly, true);
        try {
            assumeFalse(Files.isWritable(readOnly),
                    "running as root where chattr cannot mark a folder immutable: it cannot be made read-only");
            List<Path> before = listing(readOnly);
            WorkDirException e = assertThrows(WorkDirException.class,
                    () -> analyze(other, new IndexPolicy(true, IndexPolicy.Keep.BESIDE_DUMP), new Events()));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
            assertEquals(before, listing(readOnly));
        } finally {
            if (immutable) {
                immutable(readOnly, false);
            }
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    /** Sets or clears a folder's immutable attribute with chattr; whether that worked (root on ext4, xfs, btrfs). */
    private static boolean immutable(Path folder, boolean on) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("chattr", on ? "+i" : "-i", folder.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor() == 0;
        } catch (java.io.IOException e) {
            return false; // no chattr on this system
        }
    }

    @Test
    void aKeptIndexIsNamedByTheDumpsPathAndWhichHeapDumpOfItWasRead() {
        Path work = dir.resolve("work");
        Path a = IndexStore.folderFor(dir.resolve("a.hprof"), HeapIndexer.LAST_HEAP_DUMP, IndexPolicy.Keep.WORK_DIR, work);
        Path b = IndexStore.folderFor(dir.resolve("b.hprof"), HeapIndexer.LAST_HEAP_DUMP, IndexPolicy.Keep.WORK_DIR, work);
        Path a2 = IndexStore.folderFor(dir.resolve("a.hprof"), 2, IndexPolicy.Keep.WORK_DIR, work);
        assertEquals(work, a.getParent());
        assertNotEquals(a, b);
        assertNotEquals(a, a2);
        assertEquals(a, IndexStore.folderFor(dir.resolve("x/../a.hprof"), HeapIndexer.LAST_HEAP_DUMP,
                IndexPolicy.Keep.WORK_DIR, work));
    }

    private MemorySettings memory() {
        return new MemorySettings(MemoryBudget.ofOption(1L << 30), dir.resolve("work"), MemorySettings.Placement.AUTO);
    }

    private Path keptFolder(Path dump) {
        return IndexStore.folderFor(dump, HeapIndexer.LAST_HEAP_DUMP, IndexPolicy.Keep.WORK_DIR, dir.resolve("work"));
    }

    private Report analyze(Path dump, IndexPolicy policy, IndexListener events) throws Exception {
        return HeapTriage.analyze(DumpFile.open(dump), HeapIndexer.LAST_HEAP_DUMP, HeapTriage.Options.defaults(), events,
                memory(), policy);
    }

    private HeapSnapshot open(Path dump, IndexPolicy policy, IndexListener events) throws Exception {
        return IndexStore.open(DumpFile.open(dump), HeapIndexer.LAST_HEAP_DUMP, events, memory(), policy);
    }

    private static String json(Report report) {
        StringWriter text = new StringWriter();
        new JsonRenderer(new PrintWriter(text)).render(report);
        return text.toString();
    }

    /** Changes the byte in the middle of a file, keeping its length; doing it twice restores the file. */
    private static void flipMiddleByte(Path file) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            long middle = f.length() / 2;
            f.seek(middle);
            int b = f.read();
            f.seek(middle);
            f.write(b ^ 0x5A);
        }
    }

    private static List<Path> listing(Path folder) throws IOException {
        try (Stream<Path> all = Files.walk(folder)) {
            return all.sorted().toList();
        }
    }

    private static Path sampleDump(String name) {
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "dumps"), Path.of("sample-dumps", "dumps")}) {
            if (Files.isDirectory(p)) {
                return p.resolve(name + ".hprof.gz").toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("sample-dumps/dumps not found from " + Path.of("").toAbsolutePath());
    }
}
