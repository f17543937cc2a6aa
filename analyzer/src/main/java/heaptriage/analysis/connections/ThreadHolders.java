package heaptriage.analysis.connections;

import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.ObjectHolder;
import heaptriage.analysis.PathStep;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.Threads;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.StackFrameInfo;
import heaptriage.hprof.RootKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds which thread holds a connection, and how: a local variable of one of its frames (named by the frame's class,
 * method and line from the dump's stack traces), an object only that thread keeps alive (its Runnable, say), or its
 * value of a ThreadLocal (named by the field that holds the ThreadLocal object, found through the map entry's weak
 * key); then gathers a group's evidence: what each thread holds, which threads are idle, whether a pool owns the
 * connections, whether they are a server's accepted sessions.
 */
final class ThreadHolders {
    private static final String THREAD_LOCAL_ENTRY = "java.lang.ThreadLocal$ThreadLocalMap$Entry";

    /**
     * Where one connection sits on a thread.
     *
     * @param kind           THREAD_STACK, THREAD_OWNED or THREAD_LOCAL
     * @param thread         the thread object
     * @param frame          the frame of a stack local, else null
     * @param threadLocal    for THREAD_LOCAL, the holding of the ThreadLocal object itself (its field), or null when no
     *                       field holds it any more (a stale entry)
     * @param groupKey       what groups connections under one holder: the ThreadLocal's field; the frame (or the
     *                       holder's field) plus the thread-name pattern
     */
    record Hold(HolderKind kind, int thread, StackFrameInfo frame, ObjectHolder threadLocal, String groupKey) {
    }

    private final HeapSnapshot snapshot;
    private final RetainedHeap retention;
    private final GcRootPaths paths;
    private final HeapValues values;
    private final ServerPorts serverPorts;
    private final Map<Integer, Integer> serialByThread = new HashMap<>();
    /** (thread serial, object) to the outermost frame whose local variable the object is. */
    private final Map<Long, Integer> frameOfLocal = new HashMap<>();
    private final Map<Integer, ObjectHolder> threadLocalHolders = new HashMap<>();

    ThreadHolders(RetainedHeap retention, GcRootPaths paths, HeapValues values, BitSet live) {
        this.snapshot = retention.snapshot();
        this.retention = retention;
        this.paths = paths;
        this.values = values;
        this.serverPorts = new ServerPorts(values, live);
        snapshot.threadObjectsBySerial().forEach((serial, thread) -> serialByThread.put(thread, serial));
        for (GcRoot root : snapshot.rootRecords()) {
            if ((root.kind() == RootKind.JAVA_FRAME || root.kind() == RootKind.JNI_LOCAL) && root.frameNumber() >= 0) {
                frameOfLocal.merge(localKey(root.threadSerial(), root.object()), root.frameNumber(), Math::max);
            }
        }
    }

    private static long localKey(int serial, int object) {
        return ((long) serial << 32) | (object & 0xFFFFFFFFL);
    }

    private boolean isThread(int object) {
        return serialByThread.containsKey(object);
    }

    private String threadName(int thread) {
        return Threads.nameOf(snapshot, thread);
    }

    /** The thread that dominates the holder, so only that running thread keeps it alive; -1 when none does. */
    int owningThread(ObjectHolder h) {
        for (int d = snapshot.indexOf(h.holderAddress()); d >= 0; d = retention.tree().idom(d)) {
            if (isThread(d)) {
                return d;
            }
        }
        return -1;
    }

    /**
     * How a thread holds the connection, for a holding already known to be on a thread's stack ({@code
     * THREAD_STACK}) or owned by a thread ({@code THREAD_OWNED}); null when no thread can be named.
     */
    Hold locate(ObjectHolder h, HolderKind kind) throws IOException {
        Hold threadLocal = threadLocalValue(h.path());
        if (threadLocal != null) {
            return threadLocal;
        }
        if (kind == HolderKind.THREAD_STACK) {
            return stackLocal(h);
        }
        int thread = owningThread(h);
        if (thread < 0) {
            return null;
        }
        String field = h.reference() == null ? "" : "." + (h.field() != null ? h.field() : "[" + h.reference().index() + "]");
        return new Hold(HolderKind.THREAD_OWNED, thread, null, null,
                "thread-owned|" + h.holderClass() + field + "|" + ThreadNames.pattern(threadName(thread)));
    }

    /** The path goes thread, its ThreadLocalMap, an entry, and on from the entry's value. */
    private Hold threadLocalValue(List<PathStep> path) throws IOException {
        for (int i = path.size() - 2; i >= 0; i--) {
            PathStep next = path.get(i + 1);
            if (!path.get(i).className().equals(THREAD_LOCAL_ENTRY) || next.reference() != ReferenceKind.FIELD
                    || !"value".equals(next.field())) {
                continue;
            }
            int thread = nearestThreadBefore(path, i);
            int entry = snapshot.indexOf(path.get(i).address());
            if (thread < 0 || entry < 0) {
                return null;
            }
            int threadLocal = values.ref(entry, "referent");
            ObjectHolder field = threadLocal < 0 ? null : threadLocalHolder(threadLocal);
            String key = "thread-local|" + (field != null ? field.holderClass() + "." + field.field()
                    : threadLocal >= 0 ? snapshot.classOf(threadLocal).name() : "stale");
            return new Hold(HolderKind.THREAD_LOCAL, thread, null, field, key);
        }
        return null;
    }

    private int nearestThreadBefore(List<PathStep> path, int end) {
        for (int j = end - 1; j >= 0; j--) {
            int node = snapshot.indexOf(path.get(j).address());
            if (node >= 0 && isThread(node)) {
                return node;
            }
        }
        return -1;
    }

    /** The static or instance field that keeps the ThreadLocal object alive; null when only weak keys reach it. */
    private ObjectHolder threadLocalHolder(int threadLocal) {
        return threadLocalHolders.computeIfAbsent(threadLocal, t -> {
            ObjectHolder owner = paths.holderOf(t);
            boolean byField = owner != null && owner.field() != null
                    && (owner.kind() == HolderKind.STATIC_FIELD || owner.kind() == HolderKind.INSTANCE_FIELD);
            return byField && !owner.holderClass().equals(THREAD_LOCAL_ENTRY) ? owner : null;
        });
    }

    /** The holder is the thread object, and the next step one of its stack locals. */
    private Hold stackLocal(ObjectHolder h) {
        int thread = snapshot.indexOf(h.holderAddress());
        Integer serial = serialByThread.get(thread);
        if (serial == null) {
            return null;
        }
        Integer frameNumber = h.reference() == null ? null
                : frameOfLocal.get(localKey(serial, snapshot.indexOf(h.reference().address())));
        List<StackFrameInfo> trace = snapshot.stackTrace(serial);
        StackFrameInfo frame = frameNumber == null || frameNumber >= trace.size() ? null : trace.get(frameNumber);
        String where = frame == null ? "?" : frame.className() + "." + frame.methodName();
        return new Hold(HolderKind.THREAD_STACK, thread, frame, null,
                "stack-local|" + where + "|" + ThreadNames.pattern(threadName(thread)));
    }

    /**
     * The evidence for one group: what each thread holds, which threads are idle, whether a pool owns the connections
     * and whether they are a server's accepted sessions.
     */
    ThreadHold evidence(List<Hold> holds, List<ConnectionInfo> infos, boolean ownedByPool, int threshold) throws IOException {
        Map<Integer, long[]> perThread = new HashMap<>(); // thread -> {count, open}
        boolean accepted = true;
        for (int i = 0; i < holds.size(); i++) {
            long[] c = perThread.computeIfAbsent(holds.get(i).thread(), t -> new long[2]);
            c[0]++;
            if (infos.get(i).state() == ConnectionState.OPEN) {
                c[1]++;
            }
            accepted = accepted && serverPorts.accepted(infos.get(i));
        }
        List<ThreadHold.ThreadShare> shares = new ArrayList<>();
        long maxOpen = 0;
        int idle = 0;
        for (Map.Entry<Integer, long[]> e : perThread.entrySet()) {
            Integer serial = serialByThread.get(e.getKey());
            String parkedIn = ThreadActivity.parkedIn(serial == null ? List.of() : snapshot.stackTrace(serial));
            shares.add(new ThreadHold.ThreadShare(threadName(e.getKey()), e.getValue()[0], e.getValue()[1],
                    parkedIn != null, parkedIn));
            maxOpen = Math.max(maxOpen, e.getValue()[1]);
            idle += parkedIn != null ? 1 : 0;
        }
        shares.sort(Comparator.comparing(ThreadHold.ThreadShare::name));
        List<String> names = shares.stream().map(ThreadHold.ThreadShare::name).toList();
        Hold first = holds.get(0);
        StackFrameInfo f = first.frame();
        ThreadHold.Frame frame = f == null ? null : new ThreadHold.Frame(f.className(), f.methodName(), f.sourceFile(), f.line());
        ObjectHolder tl = first.threadLocal();
        ThreadHold.Field threadLocal = tl == null ? null : new ThreadHold.Field(tl.holderClass(), tl.field(), tl.isStatic());
        return new ThreadHold(first.kind(), frame, threadLocal, ThreadNames.summary(names), ThreadNames.pattern(names),
                shares, maxOpen, threshold, idle, ownedByPool, accepted);
    }
}
