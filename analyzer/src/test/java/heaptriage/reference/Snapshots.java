package heaptriage.reference;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.WorkDir;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Indexes each test dump once per test JVM and placement: several test classes read the same real dumps. The
 * mapped placement runs the same dumps with a 2 MiB memory budget, so their arrays go to memory-mapped files: its heap
 * share is 1.2 MiB, and the smallest dump (30,341 objects, 79,830 references) needs 2.6 MiB by its counts.
 */
public final class Snapshots {
    private static final Map<String, HeapSnapshot> CACHE = new HashMap<>();

    private Snapshots() {
    }

    /** Where the tests put a snapshot's arrays. */
    public enum Placement {
        HEAP(MemorySettings.Placement.HEAP),
        MAPPED(MemorySettings.Placement.AUTO);

        private final MemorySettings.Placement placement;

        Placement(MemorySettings.Placement placement) {
            this.placement = placement;
        }

        MemorySettings settings() {
            // a tiny budget: the automatic choice must pick mapped files for any real dump
            return new MemorySettings(MemoryBudget.ofOption(2L << 20), WorkDir.defaultParent(), placement);
        }
    }

    public static HeapSnapshot of(Path dump) throws Exception {
        return of(dump, Placement.HEAP);
    }

    public static synchronized HeapSnapshot of(Path dump, Placement placement) throws Exception {
        String key = dump + " " + placement;
        HeapSnapshot s = CACHE.get(key);
        if (s == null) {
            s = HeapIndexer.index(DumpFile.open(dump), IndexListener.NONE, placement.settings());
            if (placement == Placement.MAPPED && !s.storage().isMapped()) {
                throw new AssertionError("a 2 MiB budget should map the arrays of " + dump);
            }
            CACHE.put(key, s);
        }
        return s;
    }
}
