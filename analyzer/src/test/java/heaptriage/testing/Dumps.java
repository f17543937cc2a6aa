package heaptriage.testing;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HprofException;
import heaptriage.memory.WorkDirException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Small helpers shared by the dump tests. */
public final class Dumps {
    private Dumps() {
    }

    /** Opens and indexes a dump file. */
    public static HeapSnapshot index(Path file) throws HprofException, WorkDirException {
        return HeapIndexer.index(DumpFile.open(file), IndexListener.NONE);
    }

    /** Writes bytes to dir/name and returns the path. */
    public static Path write(Path dir, String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    /** The first n bytes. */
    public static byte[] cut(byte[] bytes, long n) {
        return Arrays.copyOf(bytes, Math.toIntExact(n));
    }

    /** Object indexes of the outbound references of one object, in stored order. */
    public static int[] outbound(HeapSnapshot s, int object) {
        return s.outboundTargets().copyRange(s.outboundOffsets().get(object), s.outboundOffsets().get(object + 1));
    }

    /** Object indexes for addresses, failing when one is missing. */
    public static int[] indexes(HeapSnapshot s, long... addresses) {
        int[] out = new int[addresses.length];
        for (int i = 0; i < addresses.length; i++) {
            out[i] = s.indexOf(addresses[i]);
            if (out[i] < 0) {
                throw new AssertionError("no object at 0x" + Long.toHexString(addresses[i]));
            }
        }
        return out;
    }
}
