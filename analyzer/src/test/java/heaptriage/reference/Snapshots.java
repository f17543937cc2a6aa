package heaptriage.reference;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Indexes each test dump once per test JVM: several test classes read the same real dumps. */
public final class Snapshots {
    private static final Map<Path, HeapSnapshot> CACHE = new HashMap<>();

    private Snapshots() {
    }

    public static synchronized HeapSnapshot of(Path dump) throws Exception {
        HeapSnapshot s = CACHE.get(dump);
        if (s == null) {
            s = HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE);
            CACHE.put(dump, s);
        }
        return s;
    }
}
