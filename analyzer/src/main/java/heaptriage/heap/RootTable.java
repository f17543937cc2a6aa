package heaptriage.heap;

import heaptriage.hprof.RootKind;
import heaptriage.memory.IntList;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * GC roots as MAT counts them. A stack local whose thread is already known (its THREAD OBJECT root came first)
 * becomes a reference from the thread object instead of a root (a thread whose object id is 0 is not known: its
 * locals stay roots; a thread whose object is missing from the dump takes its locals with it, as in MAT); each root
 * object counts once; a dump without
 * sticky-class roots gets every non-array class of the boot loader as a root.
 */
final class RootTable {
    private final List<GcRoot> records;
    private final int[] rootObjects;
    private final Map<Integer, int[]> localsByThread;
    private final Map<Integer, Integer> threadObjectBySerial;

    RootTable(List<GcRoot> records, int[] rootObjects, Map<Integer, int[]> localsByThread,
                      Map<Integer, Integer> threadObjectBySerial) {
        this.records = records;
        this.rootObjects = rootObjects;
        this.localsByThread = localsByThread;
        this.threadObjectBySerial = threadObjectBySerial;
    }

    static RootTable build(RecordScan scan, AddressIndex addresses, ClassTable classes) {
        RootKind[] kinds = RootKind.values();
        Map<Integer, Long> threadAddressBySerial = new HashMap<>();
        Map<Integer, Integer> threadObjectBySerial = new HashMap<>();
        Map<Integer, Set<Integer>> locals = new HashMap<>();
        List<GcRoot> records = new ArrayList<>();
        IntList roots = new IntList();
        boolean sawStickyClass = false;
        for (int r = 0; r < scan.rootIds.size(); r++) {
            RootKind kind = kinds[scan.rootKinds.get(r)];
            int object = addresses.indexOf(scan.rootIds.get(r));
            int thread = scan.rootThreads.get(r);
            if (kind == RootKind.THREAD_OBJECT && scan.rootIds.get(r) != 0) {
                // a thread root with a null object (the old hprof agent writes one for the main thread) leaves its
                // thread unknown: its locals stay GC roots, as in MAT, where address 0 means "no referrer"
                threadAddressBySerial.put(thread, scan.rootIds.get(r));
                if (object >= 0) {
                    threadObjectBySerial.put(thread, object);
                }
            }
            sawStickyClass |= kind == RootKind.STICKY_CLASS;
            if (object < 0) {
                continue; // MAT drops roots naming objects the dump does not hold
            }
            records.add(new GcRoot(object, kind, thread, scan.rootFrames.get(r)));
            Long threadAddress = kind.isThreadLocal() ? threadAddressBySerial.get(thread) : null;
            if (threadAddress != null) {
                int threadObject = addresses.indexOf(threadAddress);
                if (threadObject >= 0) {
                    locals.computeIfAbsent(threadObject, t -> new LinkedHashSet<>()).add(object);
                }
                continue;
            }
            roots.add(object);
        }
        if (!sawStickyClass) {
            for (HeapClass c : classes.classes()) {
                if (c.loaderAddress() == 0 && !c.isArray() && c.objectIndex() >= 0) {
                    roots.add(c.objectIndex());
                    records.add(new GcRoot(c.objectIndex(), RootKind.STICKY_CLASS, 0, -1));
                }
            }
        }
        Map<Integer, int[]> localsByThread = new HashMap<>();
        locals.forEach((t, set) -> localsByThread.put(t, set.stream().mapToInt(Integer::intValue).toArray()));
        int[] distinct = Arrays.stream(roots.toArray()).sorted().distinct().toArray();
        return new RootTable(List.copyOf(records), distinct, localsByThread, threadObjectBySerial);
    }

    List<GcRoot> records() {
        return records;
    }

    int[] rootObjects() {
        return rootObjects;
    }

    Map<Integer, int[]> localsByThread() {
        return localsByThread;
    }

    Map<Integer, Integer> threadObjectBySerial() {
        return threadObjectBySerial;
    }
}
