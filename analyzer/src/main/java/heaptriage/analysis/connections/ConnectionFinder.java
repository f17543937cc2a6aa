package heaptriage.analysis.connections;

import heaptriage.analysis.ApplicationCode;
import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.ObjectHolder;
import heaptriage.analysis.PathStep;
import heaptriage.analysis.ReferenceKind;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.SetRetainedSize;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds connection objects, groups them by who holds them, and decides which groups are leaks. One leak is one
 * finding: the objects a connection wraps (a pool proxy's physical connection, a driver's socket) are its layers,
 * never findings of their own. Connections kept by a pool's own structures or a server's sessions are fine; many open
 * connections in an application field or collection are a leak, and so are many closed ones (a memory leak of dead
 * connections), the borrowed connections of an exhausted pool kept outside any thread, and connections that together
 * retain a large share of the heap. Connections held on threads (a stack local, a thread's own objects, a
 * ThreadLocal) are grouped by that holder and judged per thread: one or two per busy thread is a request in
 * progress; a thread that accumulates them is a leak (see {@link ThreadHolders}).
 */
public final class ConnectionFinder {
    /**
     * Thresholds; the defaults suit a service (a handful in a field is a design, hundreds are a leak; a request needs
     * one or two connections, so a thread holding three open ones accumulates them).
     */
    public record Options(int openThreshold, int closedThreshold, double heapShareThreshold, boolean showSecrets,
                          int threadThreshold) {
        public static final int DEFAULT_THREAD_THRESHOLD = 3;

        /** With the default thread threshold. */
        public Options(int openThreshold, int closedThreshold, double heapShareThreshold, boolean showSecrets) {
            this(openThreshold, closedThreshold, heapShareThreshold, showSecrets, DEFAULT_THREAD_THRESHOLD);
        }

        public static Options defaults() {
            return new Options(10, 10, 30.0, false, DEFAULT_THREAD_THRESHOLD);
        }
    }

    /** Holders that are connection pools: the objects of these libraries are a pool's own bookkeeping. */
    private static final List<String> POOL_PACKAGES = List.of("com.zaxxer.hikari.", "org.apache.commons.dbcp",
            "org.apache.commons.pool", "org.apache.tomcat.jdbc.pool.", "com.mchange.v2.", "io.agroal.", "org.vibur.",
            "org.mariadb.jdbc.pool.", "org.apache.http.impl.conn.", "org.apache.hc.client5.http.impl.io.",
            "okhttp3.ConnectionPool", "okhttp3.internal.connection.RealConnectionPool", "redis.clients.jedis.",
            "com.mongodb.internal.connection.", "jdk.internal.net.http.ConnectionPool", "sun.net.www.http.KeepAlive",
            "sun.net.www.http.ClientVector");

    /**
     * Holders that are a server's own bookkeeping of accepted connections (an NIO selector's keys, an embedded HTTP
     * server): connections there are live sessions of a running server, not a leak of the application's.
     */
    private static final List<String> SERVER_PACKAGES = List.of("sun.nio.ch.SelectionKeyImpl", "sun.net.httpserver.",
            "io.netty.channel.", "org.eclipse.jetty.io.", "org.eclipse.jetty.server.", "org.apache.tomcat.util.net.",
            "io.undertow.", "org.xnio.");

    private final RetainedHeap retention;
    private final GcRootPaths paths;
    private final ConnectionInspector inspector;
    private final PoolInspector pools;
    private final Options options;
    private final BitSet live;
    private final ThreadHolders threads;

    private ConnectionFinder(RetainedHeap retention, GcRootPaths paths, ConnectionCatalog catalog, Options options) {
        this.retention = retention;
        this.paths = paths;
        this.options = options;
        HeapSnapshot s = retention.snapshot();
        this.inspector = new ConnectionInspector(ConnectionRecognizer.of(s, catalog), options.showSecrets());
        this.pools = new PoolInspector(s, catalog, options.showSecrets());
        this.live = retention.heapGraph().liveObjects();
        this.threads = new ThreadHolders(retention, paths, new HeapValues(s), live);
    }

    /** All findings, leaks first, each group by retained size. */
    public static List<ConnectionFinding> find(RetainedHeap retention, GcRootPaths paths, ConnectionCatalog catalog,
                                               Options options) throws IOException {
        return new ConnectionFinder(retention, paths, catalog, options).run();
    }

    /** One connection object with what the grouping needs; {@code hold} is null unless a thread holds it. */
    private record Seen(int object, ConnectionInfo info, ObjectHolder holding, HolderKind holderKind, ThreadHolders.Hold hold) {
    }

    private List<ConnectionFinding> run() throws IOException {
        HeapSnapshot s = retention.snapshot();
        List<ConnectionRecognizer.Match> matches = inspector.recognizer().find(live);
        BitSet connections = new BitSet(s.objectCount());
        matches.forEach(m -> java.util.Arrays.stream(m.objects()).forEach(connections::set));
        BitSet layers = new BitSet(s.objectCount());
        for (int o = connections.nextSetBit(0); o >= 0; o = connections.nextSetBit(o + 1)) {
            for (Layer l : inspector.layerChain(o)) {
                if (l.object() != o) {
                    layers.set(l.object());
                }
            }
        }
        Map<String, PoolInfo> poolsByName = new LinkedHashMap<>();
        for (PoolInfo p : pools.findPools(live)) {
            poolsByName.putIfAbsent(p.name() == null ? p.className() : p.name(), p);
        }

        Map<GroupKey, List<Seen>> groups = new LinkedHashMap<>();
        for (int o = connections.nextSetBit(0); o >= 0; o = connections.nextSetBit(o + 1)) {
            if (layers.get(o)) {
                continue; // part of an outer connection's finding
            }
            ConnectionInfo info = inspector.inspect(o);
            ObjectHolder h = paths.holderOf(o);
            HolderKind kind = holderKind(h);
            ThreadHolders.Hold hold = kind == HolderKind.THREAD_STACK || kind == HolderKind.THREAD_OWNED
                    ? threads.locate(h, kind) : null;
            if (hold != null) {
                kind = hold.kind();
            }
            groups.computeIfAbsent(groupKey(info, h, kind, hold), k -> new ArrayList<>())
                    .add(new Seen(o, info, h, kind, hold));
        }
        List<ConnectionFinding> findings = new ArrayList<>();
        for (List<Seen> group : groups.values()) {
            findings.add(judge(group, poolsByName));
        }
        findings.sort(Comparator.comparing((ConnectionFinding f) -> !f.isLeak())
                .thenComparing(Comparator.comparingLong(ConnectionFinding::retainedBytes).reversed()));
        return List.copyOf(findings);
    }

    /**
     * What one finding groups: connections of one kind whose holders are the same pool, the same field, the same
     * holder on threads (a ThreadLocal's field; a frame or a field with the thread-name pattern), the thread stacks,
     * or the same class of objects whose referrers were lost in the cut.
     */
    private record GroupKey(String connectionKind, HolderKind holderKind, String pool, String holderClass,
                            ReferenceKind reference, String field, int index, boolean lostInCut, String onThreads) {
    }

    private static GroupKey groupKey(ConnectionInfo info, ObjectHolder h, HolderKind kind, ThreadHolders.Hold hold) {
        String connectionKind = info.kind().kind();
        if (h == null) {
            return new GroupKey(connectionKind, kind, null, null, null, null, -1, false, null);
        }
        if (hold != null) {
            return new GroupKey(connectionKind, kind, null, null, null, null, -1, false, hold.groupKey());
        }
        if (kind == HolderKind.POOL && info.facts().containsKey("pool")) {
            // whichever of the pool's structures holds the entry
            return new GroupKey(connectionKind, kind, info.facts().get("pool"), null, null, null, -1, false, null);
        }
        if (kind == HolderKind.THREAD_STACK) {
            return new GroupKey(connectionKind, kind, null, null, null, null, -1, false, null);
        }
        if (h.reachabilityUnknown()) {
            // e.g. all the HashMap$Node entries of a lost map
            return new GroupKey(connectionKind, kind, null, h.holderClass(), null, null, -1, true, null);
        }
        PathStep ref = h.reference();
        return new GroupKey(connectionKind, kind, null, h.holderClass(), ref == null ? null : ref.reference(),
                ref == null ? null : ref.field(), ref == null ? -1 : ref.index(), false, null);
    }

    /**
     * A pool's structures, a server's sessions, a stack or a thread's own objects, else the holding's own kind (a
     * field, a root), or lost in the cut.
     */
    private HolderKind holderKind(ObjectHolder h) {
        if (h == null) {
            return HolderKind.NO_PATH;
        }
        if (h.kind() == HolderKind.THREAD_STACK) {
            return HolderKind.THREAD_STACK;
        }
        for (String p : POOL_PACKAGES) {
            if (h.holderClass().startsWith(p)) {
                return HolderKind.POOL;
            }
        }
        for (String p : SERVER_PACKAGES) {
            if (h.holderClass().startsWith(p)) {
                return HolderKind.SERVER_SESSIONS; // a running server's sessions, like connections held by its threads
            }
        }
        if (!h.isStatic() && threads.owningThread(h) >= 0) {
            return HolderKind.THREAD_OWNED; // kept by a live thread's own objects, such as its Runnable
        }
        return h.reachabilityUnknown() ? HolderKind.LOST_IN_CUT : h.kind();
    }

    private ConnectionFinding judge(List<Seen> group, Map<String, PoolInfo> poolsByName) throws IOException {
        Seen first = group.get(0);
        ConnectionKind kind = first.info().kind();
        long open = 0;
        long closed = 0;
        long unknown = 0;
        long retained = 0;
        for (Seen seen : group) {
            switch (seen.info().state()) {
                case OPEN -> open++;
                case CLOSED, NOT_CONNECTED -> closed++;
                default -> unknown++;
            }
            retained += retention.retained(seen.object());
        }
        long count = group.size();
        double share = retention.usedHeap() == 0 ? 0 : 100.0 * retained / retention.usedHeap();
        PoolInfo pool = poolOf(first.info(), poolsByName);
        boolean partial = first.holding() != null && first.holding().reachabilityUnknown()
                || retention.snapshot().truncation().isPresent();
        HolderKind.Role role = first.holderKind().role();

        Verdict verdict = Verdict.OK;
        LeakType leakType = null;
        Confidence.Level level = Confidence.Level.HIGH;
        List<Confidence.Reason> reasons = new ArrayList<>();
        boolean exhausted = pool != null && pool.maxSize() != null && pool.active() != null
                && pool.active() >= pool.maxSize() && pool.maxSize() > 0;
        // in a cut dump a connection whose state rule reads through a lost object is unknown: it may well be open
        long openOrUnknown = partial ? open + unknown : open;
        ThreadHold threadHold = first.hold() == null ? null
                : threadEvidence(group, pool != null || kind.category().equals("pooled-jdbc"));
        if (threadHold != null && !isPoolMachinery(threadHold, kind)) {
            if (threadHold.maxOpenPerThread() >= options.threadThreshold()) {
                verdict = Verdict.LEAK;
                leakType = LeakType.THREAD_ACCUMULATION;
                level = threadHold.idleThreads() > 0 ? Confidence.Level.HIGH
                        : nearThreshold(threadHold.maxOpenPerThread(), options.threadThreshold(), reasons);
            } else if (exhausted && open > 0 && kind.category().equals("pooled-jdbc") && threadHold.idleThreads() > 0) {
                verdict = Verdict.LEAK;
                leakType = LeakType.POOL_EXHAUSTED;
            }
        } else if (role == HolderKind.Role.APPLICATION || role == HolderKind.Role.UNKNOWN) {
            if (openOrUnknown >= options.openThreshold()) {
                verdict = Verdict.LEAK;
                leakType = LeakType.OPEN_CONNECTIONS_HELD;
                level = nearThreshold(openOrUnknown, options.openThreshold(), reasons);
            } else if (exhausted && open > 0 && kind.category().equals("pooled-jdbc")) {
                verdict = Verdict.LEAK;
                leakType = LeakType.POOL_EXHAUSTED;
            } else if (closed >= options.closedThreshold()) {
                verdict = Verdict.LEAK;
                leakType = LeakType.CLOSED_CONNECTIONS_RETAINED;
                level = nearThreshold(closed, options.closedThreshold(), reasons);
            } else if (share >= options.heapShareThreshold()) {
                verdict = Verdict.LEAK;
                leakType = LeakType.LARGE_RETAINED_SHARE;
                level = Confidence.Level.MEDIUM;
                reasons.add(Confidence.Reason.HEAP_SHARE_ONLY);
            } else {
                level = Confidence.Level.MEDIUM;
                reasons.add(Confidence.Reason.BELOW_THRESHOLDS);
            }
        }
        if (kind.lowConfidence()) {
            level = Confidence.Level.LOW;
            reasons.add(Confidence.Reason.RECOGNISED_BY_NAME);
        }
        if (partial && verdict == Verdict.LEAK) {
            reasons.add(Confidence.Reason.DUMP_TRUNCATED);
        }
        List<String> layerNames = new ArrayList<>();
        for (Layer l : first.info().layers()) {
            layerNames.add(l.className() + " (" + l.via() + ")");
        }
        ConnectionFinding.Pool poolRecord = pool == null ? null
                : new ConnectionFinding.Pool(pool.name(), pool.className(), pool.maxSize(), pool.active(), pool.idle(), pool.total(),
                        pool.facts());
        String className = retention.snapshot().classOf(first.object()).name();
        ConnectionFinding.KeptAlive keptAlive = verdict == Verdict.LEAK ? keptAlive(group) : null;
        return new ConnectionFinding(kind, className, count, open, closed, unknown, retained, count == 0 ? 0 : retained / count,
                share, verdict, leakType, new Confidence(level, reasons), holder(group, threadHold), poolRecord,
                first.info().facts(), List.copyOf(layerNames), partial, keptAlive, threadHold);
    }

    /**
     * See {@link ConnectionFinding.KeptAlive}. A companion is an object that exactly one connection of the group
     * refers to directly, that no connection dominates (something else, such as the driver's session list, refers to
     * it too), and that is neither application code, a class object, nor a connection of its own (a pooled physical
     * connection goes back to its pool, it is not freed). One reachability pass over the heap; null when the
     * heap's shallow sizes do not fit the exact computation (an array over 2 GiB).
     */
    private ConnectionFinding.KeptAlive keptAlive(List<Seen> group) {
        HeapSnapshot s = retention.snapshot();
        IntArray shallow = s.shallowSizesIfAllFit();
        if (shallow == null) {
            return null;
        }
        BitSet members = new BitSet(s.objectCount());
        group.forEach(seen -> members.set(seen.object()));
        // Few objects: each connection's outbound references, counted by target.
        Map<Integer, Integer> referringConnections = new java.util.HashMap<>();
        IntArray offsets = s.outboundOffsets();
        IntArray targets = s.outboundTargets();
        for (int m = members.nextSetBit(0); m >= 0; m = members.nextSetBit(m + 1)) {
            java.util.Set<Integer> distinct = new java.util.HashSet<>();
            for (int e = offsets.get(m), end = offsets.get(m + 1); e < end; e++) {
                distinct.add(targets.get(e));
            }
            distinct.forEach(t -> referringConnections.merge(t, 1, Integer::sum));
        }
        BitSet companions = new BitSet(s.objectCount());
        Map<String, Long> byClass = new java.util.TreeMap<>();
        referringConnections.forEach((t, n) -> {
            boolean dominated = retention.inTree(t) && retention.tree().idom(t) >= 0 && members.get(retention.tree().idom(t));
            if (n == 1 && !members.get(t) && !dominated && retention.inTree(t) && s.describedClass(t) == null
                    && !ApplicationCode.isApplication(s.classOf(t).name()) && inspector.recognizer().kindOf(t) == null) {
                companions.set(t);
                byClass.merge(s.classOf(t).name(), 1L, Long::sum);
            }
        });
        BitSet set = (BitSet) members.clone();
        set.or(companions);
        long bytes = SetRetainedSize.exact(retention.heapGraph().graph(), retention.heapGraph().roots(), retention.tree(),
                retention.children(), shallow, set.stream().toArray(), retention.usedHeap());
        Map.Entry<String, Long> most = byClass.entrySet().stream().max(Map.Entry.comparingByValue()).orElse(null);
        double share = retention.usedHeap() == 0 ? 0 : 100.0 * bytes / retention.usedHeap();
        return new ConnectionFinding.KeptAlive(bytes, share, most == null ? 0 : most.getValue(),
                most == null ? null : most.getKey());
    }

    /** High from five times the threshold up, else medium (and why). */
    private static Confidence.Level nearThreshold(long count, int threshold, List<Confidence.Reason> reasons) {
        if (count >= 5L * threshold) {
            return Confidence.Level.HIGH;
        }
        reasons.add(Confidence.Reason.NEAR_THRESHOLD);
        return Confidence.Level.MEDIUM;
    }

    /** Per-thread counts, idleness, pool and server evidence of a group that threads hold. */
    private ThreadHold threadEvidence(List<Seen> group, boolean ownedByPool) throws IOException {
        List<ThreadHolders.Hold> holds = new ArrayList<>(group.size());
        List<ConnectionInfo> infos = new ArrayList<>(group.size());
        for (Seen seen : group) {
            holds.add(seen.hold());
            infos.add(seen.info());
        }
        return threads.evidence(holds, infos, ownedByPool, options.threadThreshold());
    }

    /**
     * A pool's own entries, connections on a frame of a pool's own code (its housekeeping thread), or a server's
     * accepted sessions: never an application's accumulation.
     */
    private static boolean isPoolMachinery(ThreadHold hold, ConnectionKind kind) {
        return hold.serverSessions() || kind.category().equals("pool-entry")
                || hold.frame() != null && POOL_PACKAGES.stream().anyMatch(p -> hold.frame().className().startsWith(p));
    }

    private PoolInfo poolOf(ConnectionInfo info, Map<String, PoolInfo> poolsByName) {
        String name = info.facts().get("pool");
        if (name != null && poolsByName.containsKey(name)) {
            return poolsByName.get(name);
        }
        return null;
    }

    /**
     * The group's holder, from its first connection's; on threads, with every thread of the group; for a ThreadLocal,
     * the field that holds the ThreadLocal object (what a developer fixes), when one does.
     */
    private static ConnectionFinding.Holder holder(List<Seen> group, ThreadHold threadHold) {
        Seen first = group.get(0);
        ObjectHolder h = first.holding();
        if (h == null) {
            return ConnectionFinding.Holder.none();
        }
        List<String> threads = new ArrayList<>();
        if (threadHold != null) {
            threadHold.threads().forEach(t -> threads.add(t.name()));
        } else if (first.holderKind() == HolderKind.THREAD_STACK) {
            group.stream().map(seen -> seen.holding().threadName()).distinct().forEach(threads::add);
        }
        ObjectHolder threadLocal = first.hold() == null ? null : first.hold().threadLocal();
        if (threadLocal != null) {
            return new ConnectionFinding.Holder(first.holderKind(), threadLocal.holderClass(), threadLocal.reference(),
                    h.container(), h.rootKinds(), threads, h.reachabilityUnknown(), h.path());
        }
        return new ConnectionFinding.Holder(first.holderKind(), h.holderClass(), h.reference(), h.container(), h.rootKinds(),
                threads, h.reachabilityUnknown(), h.path());
    }
}
