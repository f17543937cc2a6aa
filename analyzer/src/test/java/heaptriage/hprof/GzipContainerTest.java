package heaptriage.hprof;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Gzip files as other tools write them: the gzip command (FNAME), bgzip (FEXTRA, many members), header CRCs,
 * empty members and trailing bytes. Both sequential passes and the random access behind field reads must cope.
 */
class GzipContainerTest {
    @TempDir
    Path dir;

    private static final int BLOCK = 64;

    /**
     * Gzip members of BLOCK bytes each, made by maker (index -1 for an empty member); an empty member is put after
     * member emptyMemberAfter (-1: before the first; a value past the last: none).
     */
    private static byte[] members(byte[] data, int emptyMemberAfter, MemberMaker maker) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        if (emptyMemberAfter == -1) {
            out.writeBytes(maker.make(new byte[0], -1));
        }
        for (int from = 0; from < data.length; from += BLOCK, i++) {
            out.writeBytes(maker.make(Arrays.copyOfRange(data, from, Math.min(data.length, from + BLOCK)), i));
            if (i == emptyMemberAfter) {
                out.writeBytes(maker.make(new byte[0], -1));
            }
        }
        return out.toByteArray();
    }

    interface MemberMaker {
        byte[] make(byte[] block, int index);
    }

    private static void assertFullyReadable(HeapSnapshot s) throws Exception {
        assertTrue(s.truncation().isEmpty(), () -> s.truncation().toString());
        assertEquals(MinimalHeap.RECORDS + 1, s.objectCount());
        assertEquals(1, s.instance(s.indexOf(MinimalHeap.NODE1)).intValue("x"));
        assertEquals("hello", s.instance(s.indexOf(MinimalHeap.THREAD)).string("name"));
        assertEquals(42, s.instance(s.indexOf(MinimalHeap.NODE2)).longValue("extra"));
        assertArrayEquals(new int[] {s.indexOf(MinimalHeap.NODE1), -1, s.indexOf(MinimalHeap.NODE2)},
                s.objectArrayElements(s.indexOf(MinimalHeap.ARRAY)));
    }

    /** -1: an empty member first; 30: right before the member that holds NODE1's record; 999: none. */
    @ParameterizedTest(name = "empty member after member {0}")
    @ValueSource(ints = {-1, 0, 5, 30, 999})
    void anEmptyGzipMemberDoesNotHideTheMemberAfterIt(int emptyAfter) throws Exception {
        HprofWriter w = MinimalHeap.create(8, "1.0.2");
        byte[] data = w.toBytes();
        assertEquals(31, w.startOf(MinimalHeap.NODE1) / BLOCK, "precondition: NODE1 starts in member 31");
        byte[] gz = members(data, emptyAfter, (block, i) -> HprofWriter.gzipMember(block, i == 0 ? "HPROF BLOCKSIZE=64" : null));
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "empty-member.hprof.gz", gz))) {
            assertFullyReadable(s);
        }
    }

    @Test
    void gzipCommandOutputWithAFileNameInTheHeaderIsRead() throws Exception {
        byte[] data = MinimalHeap.create(8, "1.0.2").toBytes();
        byte[] gz = HprofWriter.gzipMember(data, null, "java_pid4242.hprof", null, false);
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "java_pid4242.hprof.gz", gz))) {
            assertTrue(s.dump().isCompressed());
            assertFalse(s.dump().isChunkedGzip());
            assertFullyReadable(s);
        }
    }

    @ParameterizedTest(name = "header CRC {0}")
    @ValueSource(booleans = {false, true})
    void bgzipStyleMembersWithExtraFieldsAndNameAndHeaderCrcAreRead(boolean headerCrc) throws Exception {
        byte[] data = MinimalHeap.create(4, "1.0.2").toBytes();
        byte[] bc = {'B', 'C', 2, 0, 0, 0}; // bgzip's subfield; its value is not checked by gzip readers
        byte[] gz = members(data, -2, (block, i) ->
                HprofWriter.gzipMember(block, i == 0 ? "HPROF BLOCKSIZE=64" : null, i % 2 == 0 ? "part" + i : null, bc, headerCrc));
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "bgzip.hprof.gz", gz))) {
            assertTrue(s.dump().isChunkedGzip());
            assertFullyReadable(s);
        }
    }

    @Test
    void manyMembersWithoutTheHprofCommentAreNotCalledChunkedButAreRead() throws Exception {
        byte[] data = MinimalHeap.create(8, "1.0.2").toBytes();
        byte[] gz = members(data, -2, (block, i) -> HprofWriter.gzipMember(block, null));
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "concatenated.hprof.gz", gz))) {
            assertFalse(s.dump().isChunkedGzip());
            assertFullyReadable(s);
        }
    }

    @Test
    void bytesAfterTheLastMemberDoNotLoseAnyData() throws Exception {
        byte[] data = MinimalHeap.create(8, "1.0.2").toBytes();
        byte[] gz = HprofWriter.chunkedGzip(data, BLOCK);
        byte[] withTrailer = Arrays.copyOf(gz, gz.length + 100); // zero padding, as some copies leave
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "padded.hprof.gz", withTrailer))) {
            assertFullyReadable(s);
        }
    }

    /**
     * The analyses read objects in address order, which jumps between members; each member is inflated once when the
     * cache holds them all, however often the reads come back to it (it was inflated on every return).
     */
    @Test
    void readsJumpingBetweenMembersOfAChunkedGzipInflateEachMemberOnce() throws Exception {
        HprofWriter w = MinimalHeap.create(8, "1.0.2");
        int length = w.toBytes().length;
        Path gz = w.writeChunkedGzipTo(dir.resolve("chunked.hprof.gz"), 64);
        try (HeapSnapshot s = Dumps.index(gz)) {
            assertTrue(s.dump().isChunkedGzip());
            RandomAccessDump dump = s.dump().randomAccess();
            int members = (length + 63) / 64;
            byte[] one = new byte[1];
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < members; i++) {
                    // first, last, second, second to last...: every read in another member than the one before
                    int member = i % 2 == 0 ? i / 2 : members - 1 - i / 2;
                    dump.read(Math.min(length - 1, member * 64L + 10), one, 0, 1);
                }
            }
            assertEquals(members, dump.membersInflated());
        }
    }

    @Test
    void theMemberCacheIsASixteenthOfTheHeapWithinEightAnd256MiB() {
        assertEquals(8L << 20, RandomAccessDump.memberCacheBytes(64L << 20));
        assertEquals(32L << 20, RandomAccessDump.memberCacheBytes(512L << 20));
        assertEquals(256L << 20, RandomAccessDump.memberCacheBytes(16L << 30));
    }
}
