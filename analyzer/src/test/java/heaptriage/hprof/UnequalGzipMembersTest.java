package heaptriage.hprof;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.testing.HprofWriter;
import heaptriage.testing.MinimalHeap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random access into a gzip file of several members of unequal sizes (made by concatenating gzip files, unlike the
 * JVM's equal blocks): a last member bigger than the others is read whole.
 */
class UnequalGzipMembersTest {

    @Test
    void fieldsInABigLastMemberAreRead(@TempDir Path dir) throws Exception {
        // a 3 MiB record we do not use comes first, so the objects lie far inside the big last member
        byte[] hprof = MinimalHeap.write(HprofWriter.create(8, "1.0.2").rawRecord(HprofTag.ALLOC_SITES.tag, new byte[3 << 20])).toBytes();
        Path file = dir.resolve("two-members.hprof.gz");
        try (OutputStream out = Files.newOutputStream(file)) {
            gzip(out, hprof, 0, 40);                   // a small first member
            gzip(out, hprof, 40, hprof.length - 40);   // everything else in one big member
        }
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(file), IndexListener.NONE)) {
            int node1 = s.indexOf(MinimalHeap.NODE1);
            assertEquals(1, s.instance(node1).intValue("x"));
            assertEquals("hello", s.instance(node1).string("name"));
        }
    }

    private static void gzip(OutputStream out, byte[] data, int offset, int length) throws Exception {
        GZIPOutputStream gz = new GZIPOutputStream(new java.io.FilterOutputStream(out) {
            @Override
            public void close() throws java.io.IOException {
                flush(); // keep the file open for the next member
            }
        });
        gz.write(data, offset, length);
        gz.finish();
        gz.close();
    }
}
