package heaptriage.analysis.connections;

import heaptriage.analysis.HolderKind;
import heaptriage.analysis.PathStep;
import heaptriage.analysis.ReferenceKind;
import heaptriage.hprof.RootKind;

import java.util.List;
import java.util.Map;

/**
 * One kind of connection held by one holder, with the verdict: data only, the report words it.
 *
 * @param kind           the catalogue entry the connections match
 * @param className      the connections' class
 * @param open           open connections (closed and not-connected ones count as closed; the rest are unknown)
 * @param partial        the dump is truncated or the holder's own referrers were lost in the cut
 * @param keptAlive      for a leak, what the connections keep alive with their companions; else null
 * @param threadHold     when threads hold the connections (a stack local, a thread's own object, a ThreadLocal): the
 *                       evidence per thread that decided the verdict; else null
 */
public record ConnectionFinding(
        ConnectionKind kind,
        String className,
        long count,
        long open,
        long closed,
        long unknown,
        long retainedBytes,
        long retainedBytesPerConnection,
        double percentOfHeap,
        Verdict verdict,
        LeakType leakType,
        Confidence confidence,
        Holder holder,
        Pool pool,
        Map<String, String> facts,
        List<String> layers,
        boolean partial,
        KeptAlive keptAlive,
        ThreadHold threadHold) {

    /**
     * Who keeps the connections: the kind of holder, the class and the reference (field, array slot...) it holds them
     * by, with the shortest path from a GC root of the group's first connection.
     *
     * @param className  the holder's class (the declaring class for a static field), null when nothing reaches them
     * @param reference  the step from the holder to the next object on the path, null for a root or no path
     * @param threads    for connections held on threads, the names of the threads
     * @param reachabilityUnknown the holder's own referrers were lost where a truncated dump was cut
     */
    public record Holder(HolderKind kind, String className, PathStep reference, String container,
                         List<RootKind> rootKinds, List<String> threads, boolean reachabilityUnknown,
                         List<PathStep> path) {
        public Holder {
            rootKinds = List.copyOf(rootKinds);
            threads = List.copyOf(threads);
            path = List.copyOf(path);
        }

        /** Connections that no GC root reaches. */
        public static Holder none() {
            return new Holder(HolderKind.NO_PATH, null, null, null, List.of(), List.of(), false, List.of());
        }

        /** The field's name, when a field holds them. */
        public String field() {
            return reference == null ? null : reference.field();
        }

        public boolean isStatic() {
            return reference != null && reference.reference() == ReferenceKind.STATIC_FIELD;
        }
    }

    /**
     * What leaked connections keep alive together with their companions: the objects that one connection alone
     * refers to (its session, its socket...) and that the driver's own bookkeeping also refers to, so that they are
     * not in the connections' retained size. The bytes are the exact retained size of the connections and those
     * companions taken together: what becomes free once the connections are closed and dropped.
     *
     * @param bytes          the retained size of the connections with their companions
     * @param percentOfHeap  the same as a share of the used heap
     * @param companions     how many companions of {@code companionClass} there are
     * @param companionClass the most common companion class (e.g. org.h2.engine.SessionLocal), or null for none
     */
    public record KeptAlive(long bytes, double percentOfHeap, long companions, String companionClass) {
    }

    /** The pool the connections belong to, as read from its objects. */
    public record Pool(String name, String className, Integer maxSize, Integer active, Integer idle, Integer total,
                       Map<String, String> facts) {
    }

    public boolean isLeak() {
        return verdict == Verdict.LEAK;
    }
}
