package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.HprofWriter.Container;
import heaptriage.testing.MinimalHeap;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Indexing and reading objects never writes to the dump, nor leaves files beside it. */
class DumpNotModifiedTest {
    private static final FileTime OLD = FileTime.fromMillis(1_500_000_000_000L);

    @TempDir
    Path dir;

    private static List<Path> listing(Path dir) throws Exception {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private static void useEverything(HeapSnapshot s) throws Exception {
        s.instance(s.indexOf(MinimalHeap.NODE1)).string("name");
        s.stringValue(s.indexOf(MinimalHeap.STR));
        s.objectArrayElements(s.indexOf(MinimalHeap.ARRAY));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void indexingAndReadingFieldsLeavesBytesAndModificationTimeUnchanged(Container container) throws Exception {
        Path file = container.write(MinimalHeap.create(8, "1.0.2"), dir.resolve("heap.hprof"));
        Files.setLastModifiedTime(file, OLD);
        byte[] before = Files.readAllBytes(file);
        List<Path> listingBefore = listing(dir);

        try (HeapSnapshot s = Dumps.index(file)) {
            useEverything(s);
            assertEquals(OLD, Files.getLastModifiedTime(file), "not touched while open");
        }
        // and once more, after the first snapshot is closed
        try (HeapSnapshot s = Dumps.index(file)) {
            useEverything(s);
        }

        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(OLD, Files.getLastModifiedTime(file));
        assertEquals(listingBefore, listing(dir), "no index or temporary file next to the dump");
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aTruncatedDumpIsNotRepairedInPlace(Container container) throws Exception {
        HprofWriter w = MinimalHeap.create(4, "1.0.2");
        byte[] cut = Dumps.cut(w.toBytes(), w.endOf(MinimalHeap.STR) + 3);
        Path file = Dumps.write(dir, "cut.hprof", container.encode(cut));
        Files.setLastModifiedTime(file, OLD);
        byte[] before = Files.readAllBytes(file);
        try (HeapSnapshot s = Dumps.index(file)) {
            s.truncation().orElseThrow();
            s.stringValue(s.indexOf(MinimalHeap.STR));
        }
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(OLD, Files.getLastModifiedTime(file));
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aReadOnlyDumpIsIndexed(Container container) throws Exception {
        Path file = container.write(MinimalHeap.create(8, "1.0.2"), dir.resolve("readonly.hprof"));
        assertEquals(true, file.toFile().setWritable(false, false));
        try {
            try (HeapSnapshot s = Dumps.index(file)) {
                assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
                assertEquals("hello", s.stringValue(s.indexOf(MinimalHeap.STR)));
            }
        } finally {
            file.toFile().setWritable(true);
        }
    }

    @ParameterizedTest
    @EnumSource(Container.class)
    void aFailedIndexLeavesTheFileUnchangedToo(Container container) throws Exception {
        HprofWriter w = MinimalHeap.write(HprofWriter.create(8, "1.0.2"));
        w.instanceRaw(0x0E00_0200L, 0, 0x0BAD_0000L, -1, new byte[8]);
        Path file = container.write(w, dir.resolve("bad.hprof"));
        Files.setLastModifiedTime(file, OLD);
        byte[] before = Files.readAllBytes(file);
        assertThrows(CorruptHprofException.class, () -> Dumps.index(file));
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals(OLD, Files.getLastModifiedTime(file));
        assertEquals(List.of(file), listing(dir));
    }
}
