package heaptriage.analysis.connections;

import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.Holding;
import heaptriage.graph.Retention;
import heaptriage.heap.HeapSnapshot;

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
 * never findings of their own. Connections kept by a pool's own structures or by a thread (a request in progress,
 * a server's sessions) are fine; many open connections in an application field or collection are a leak, and so are
 * many closed ones (a memory leak of dead connections), the borrowed connections of an exhausted pool kept outside
 * any thread, and connections that together retain a large share of the heap.
 */
public final class ConnectionFinder {
    /** Thresholds; the defaults suit a service (a handful in a field is a design, hundreds are a leak). */
    public record Options(int openThreshold, int closedThreshold, double heapShareThreshold, boolean showSecrets) {
        public static Options defaults() {
            return new Options(10, 10, 30.0, false);
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

    private final Retention retention;
    private final GcRootPaths paths;
    private final ConnectionInspector inspector;
    private final PoolInspector pools;
    private final Options options;
    private final java.util.Set<Integer> threadObjects;

    private ConnectionFinder(Retention retention, GcRootPaths paths, ConnectionCatalog catalog, Options options) {
        this.retention = retention;
        this.paths = paths;
        this.options = options;
        HeapSnapshot s = retention.snapshot();
        this.inspector = new ConnectionInspector(ConnectionRecognizer.of(s, catalog), options.showSecrets());
        this.pools = new PoolInspector(s, catalog, options.showSecrets());
        this.threadObjects = java.util.Set.copyOf(s.threadObjectsBySerial().values());
    }

    /** All findings, leaks first, each group by retained size. */
    public static List<ConnectionFinding> find(Retention retention, GcRootPaths paths, ConnectionCatalog catalog,
                                               Options options) throws IOException {
        return new ConnectionFinder(retention, paths, catalog, options).run();
    }

    /** One connection object with what the grouping needs. */
    private record Seen(int object, ConnectionInfo info, Holding holding, String holderType) {
    }

    private List<ConnectionFinding> run() throws IOException {
        HeapSnapshot s = retention.snapshot();
        BitSet live = retention.heapGraph().liveObjects();
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

        Map<String, List<Seen>> groups = new LinkedHashMap<>();
        for (int o = connections.nextSetBit(0); o >= 0; o = connections.nextSetBit(o + 1)) {
            if (layers.get(o)) {
                continue; // part of an outer connection's finding
            }
            ConnectionInfo info = inspector.inspect(o);
            Holding h = paths.holderOf(o);
            String type = holderType(h, info);
            String key = info.kind().kind() + "|" + type + "|" + (h == null ? "?" : groupingName(h, type, info));
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(new Seen(o, info, h, type));
        }
        List<ConnectionFinding> findings = new ArrayList<>();
        for (List<Seen> group : groups.values()) {
            findings.add(judge(group, poolsByName));
        }
        findings.sort(Comparator.comparing((ConnectionFinding f) -> !f.isLeak())
                .thenComparing(Comparator.comparingLong(ConnectionFinding::retainedBytes).reversed()));
        return List.copyOf(findings);
    }

    /** pool, thread (a stack or a thread's own objects), application, or unknown (no path). */
    private String holderType(Holding h, ConnectionInfo info) {
        if (h == null) {
            return "unknown";
        }
        if (h.onThreadStack()) {
            return "thread";
        }
        for (String p : POOL_PACKAGES) {
            if (h.holderClass().startsWith(p)) {
                return "pool";
            }
        }
        for (String p : SERVER_PACKAGES) {
            if (h.holderClass().startsWith(p)) {
                return "thread"; // a running server's sessions, like connections held by its threads
            }
        }
        if (!h.isStatic() && ownedByThread(h)) {
            return "thread"; // kept by a live thread's own objects, such as a server's accepted sessions
        }
        return "application";
    }

    /** Whether a thread object dominates the holder: only that running thread keeps the holder alive. */
    private boolean ownedByThread(Holding h) {
        HeapSnapshot s = retention.snapshot();
        int holder = -1;
        for (heaptriage.analysis.PathStep step : h.path()) {
            String name = step.className().startsWith("class ") ? step.className().substring(6) : step.className();
            if (name.equals(h.holderClass())) {
                holder = s.indexOf(step.address());
            }
        }
        for (int d = holder; d >= 0; d = retention.tree().idom(d)) {
            if (threadObjects.contains(d)) {
                return true;
            }
        }
        return false;
    }

    /** Connections of a pool group together whatever entry holds them; others by class and field. */
    private static String groupingName(Holding h, String type, ConnectionInfo info) {
        if (type.equals("pool") && info.facts().containsKey("pool")) {
            return "pool " + info.facts().get("pool"); // whichever of the pool's structures holds the entry
        }
        if (type.equals("thread") && h.onThreadStack()) {
            return "thread stacks";
        }
        if (h.reachabilityUnknown()) {
            return h.holderClass() + " (referrers lost in the cut)"; // e.g. all the HashMap$Node entries of a lost map
        }
        return h.describe();
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
        String type = first.holderType();

        String verdict = ConnectionFinding.OK;
        String leakType = null;
        String confidence = "high";
        boolean exhausted = pool != null && pool.maxSize() != null && pool.active() != null
                && pool.active() >= pool.maxSize() && pool.maxSize() > 0;
        if (type.equals("application") || type.equals("unknown")) {
            if (open >= options.openThreshold()) {
                verdict = ConnectionFinding.LEAK;
                leakType = "open-connections-held";
                confidence = open >= 5L * options.openThreshold() ? "high" : "medium";
            } else if (exhausted && open > 0 && kind.category().equals("pooled-jdbc")) {
                verdict = ConnectionFinding.LEAK;
                leakType = "pool-exhausted";
            } else if (closed >= options.closedThreshold()) {
                verdict = ConnectionFinding.LEAK;
                leakType = "closed-connections-retained";
                confidence = closed >= 5L * options.closedThreshold() ? "high" : "medium";
            } else if (share >= options.heapShareThreshold()) {
                verdict = ConnectionFinding.LEAK;
                leakType = "large-retained-share";
                confidence = "medium";
            } else {
                confidence = "medium";
            }
        }
        if (kind.lowConfidence()) {
            confidence = "low";
        }
        if (partial && verdict.equals(ConnectionFinding.LEAK)) {
            confidence = confidence + " (partial: dump truncated)";
        }
        ConnectionFinding.Holder holder = holder(first.holding(), type, groupLabel(group, type, pool));
        List<String> layerNames = new ArrayList<>();
        for (Layer l : first.info().layers()) {
            layerNames.add(l.className() + " (" + l.via() + ")");
        }
        ConnectionFinding.Pool poolRecord = pool == null ? null
                : new ConnectionFinding.Pool(pool.name(), pool.className(), pool.maxSize(), pool.active(), pool.idle(), pool.total(),
                        pool.facts());
        String className = retention.snapshot().classOf(first.object()).name();
        return new ConnectionFinding(kind.category(), kind.kind(), kind.displayName(), className, count, open, closed,
                unknown, retained, count == 0 ? 0 : retained / count, share, verdict, leakType, confidence, holder,
                poolRecord, first.info().facts(), List.copyOf(layerNames), partial,
                Explanations.summary(kind, count, open, closed, retained, share, holder, poolRecord, verdict, leakType),
                Explanations.explain(kind, count, open, closed, retained, share, holder, poolRecord, verdict,
                        leakType, partial, retention.snapshot()));
    }

    private PoolInfo poolOf(ConnectionInfo info, Map<String, PoolInfo> poolsByName) {
        String name = info.facts().get("pool");
        if (name != null && poolsByName.containsKey(name)) {
            return poolsByName.get(name);
        }
        return null;
    }

    /** A pool's name, or the threads whose stacks hold the group; null to describe the holder itself. */
    private String groupLabel(List<Seen> group, String type, PoolInfo pool) {
        Holding first = group.get(0).holding();
        if (first != null && first.reachabilityUnknown()) {
            return first.holderClass() + " objects whose own referrers were lost in the cut";
        }
        if (type.equals("pool") && pool != null) {
            return "pool '" + pool.name() + "'";
        }
        if (type.equals("thread") && group.get(0).holding() != null && group.get(0).holding().onThreadStack()) {
            java.util.TreeSet<String> names = new java.util.TreeSet<>();
            group.forEach(seen -> names.add(seen.holding().field()));
            String list = String.join(", ", names.stream().limit(5).toList()) + (names.size() > 5 ? ", ..." : "");
            return names.size() == 1 ? "stack of thread \"" + names.first() + "\""
                    : "stacks of " + names.size() + " threads (" + list + ")";
        }
        return null;
    }

    private static ConnectionFinding.Holder holder(Holding h, String type, String label) {
        if (h == null) {
            return new ConnectionFinding.Holder(type, null, null, false, null, null, "no path from a GC root", List.of());
        }
        String description = label != null ? label : h.reachabilityUnknown()
                ? h.describe() + " (its own referrers were lost in the cut)" : h.describe();
        return new ConnectionFinding.Holder(type, h.holderClass(), h.field(), h.isStatic(), h.container(), h.rootKind(),
                description, h.path());
    }
}
