package heaptriage.report;

import heaptriage.analysis.HolderKind;
import heaptriage.analysis.connections.ThreadHold;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What grew between two reports of the same service (say, early and late in a load test). Classes are matched by
 * name and connections by kind and holder (class and field), never by address, since addresses change between
 * dumps. Field names are the JSON keys of {@code heaptriage diff --format json}.
 */
public record ReportDiff(
        int schemaVersion,
        Side baseline,
        Side current,
        Delta usedHeapBytes,
        Delta objects,
        Delta unreachableBytes,
        List<ClassDelta> classes,
        List<ClassDelta> dominatorRetention,
        List<ConnectionDelta> connections,
        List<Report.Suspect> newSuspects,
        List<String> warnings,
        List<WarningKind> warningKinds) {

    public static final int SCHEMA_VERSION = 1;

    /** Why the comparison may mislead; {@code warnings} says the same in sentences, in the same order. */
    public enum WarningKind {
        /** One of the dumps is truncated: its counts are lower bounds. */
        TRUNCATED_DUMP
    }
    private static final String THREAD_STACKS = "thread stacks";

    /** One of the two reports compared. */
    public record Side(String file, boolean truncated, String verdict) {
    }

    /** A number before and after. {@code percent} is the growth relative to before (null when before is 0). */
    public record Delta(long before, long after, long delta, Double percent) {
        static Delta of(long before, long after) {
            return new Delta(before, after, after - before, before == 0 ? null : 100.0 * (after - before) / before);
        }
    }

    /** One class before and after; retained is MAT's minimum retained size. */
    public record ClassDelta(String className, Delta instances, Delta shallowBytes, Delta retainedBytes, boolean appeared) {
    }

    /** One kind of connection held by one holder, before and after. */
    public record ConnectionDelta(String category, String className, String holder, Delta open, Delta closed,
                                  String verdictBefore, String verdictAfter) {
    }

    /** Compares two reports. */
    public static ReportDiff of(Report before, Report after) {
        List<WarningKind> warnings = new ArrayList<>();
        if (before.dump().truncated() || after.dump().truncated()) {
            warnings.add(WarningKind.TRUNCATED_DUMP);
        }
        return new ReportDiff(SCHEMA_VERSION,
                new Side(before.dump().file(), before.dump().truncated(), before.verdict()),
                new Side(after.dump().file(), after.dump().truncated(), after.verdict()),
                Delta.of(before.heap().usedHeapBytes(), after.heap().usedHeapBytes()),
                Delta.of(before.heap().objects(), after.heap().objects()),
                Delta.of(before.heap().unreachable().shallowBytes(), after.heap().unreachable().shallowBytes()),
                classes(before.histogram(), after.histogram()),
                dominators(before, after),
                connections(before.connections(), after.connections()),
                newSuspects(before.suspects(), after.suspects()),
                warnings.stream().map(WarningSentences::of).toList(), List.copyOf(warnings));
    }

    private static List<ClassDelta> classes(List<Report.HistogramRow> before, List<Report.HistogramRow> after) {
        Map<String, long[]> b = sums(before);
        Map<String, long[]> a = sums(after);
        Set<String> names = new HashSet<>(b.keySet());
        names.addAll(a.keySet());
        List<ClassDelta> out = new ArrayList<>();
        for (String name : names) {
            long[] x = b.getOrDefault(name, new long[3]);
            long[] y = a.getOrDefault(name, new long[3]);
            out.add(new ClassDelta(name, Delta.of(x[0], y[0]), Delta.of(x[1], y[1]), Delta.of(x[2], y[2]),
                    !b.containsKey(name) && a.containsKey(name)));
        }
        out.sort(Comparator.comparingLong((ClassDelta c) -> c.retainedBytes().delta()).reversed()
                .thenComparing(Comparator.comparingLong((ClassDelta c) -> c.shallowBytes().delta()).reversed())
                .thenComparing(ClassDelta::className));
        return List.copyOf(out);
    }

    private static Map<String, long[]> sums(List<Report.HistogramRow> rows) {
        Map<String, long[]> m = new LinkedHashMap<>();
        for (Report.HistogramRow r : rows) {
            long[] v = m.computeIfAbsent(r.className(), k -> new long[3]);
            v[0] += r.instances();
            v[1] += r.shallowBytes();
            v[2] += r.retainedBytes();
        }
        return m;
    }

    private static List<ClassDelta> dominators(Report before, Report after) {
        Map<String, long[]> b = new LinkedHashMap<>();
        before.dominatorRetention().forEach(r -> b.put(r.className(), new long[] {r.objects(), r.shallowBytes(), r.retainedBytes()}));
        Map<String, long[]> a = new LinkedHashMap<>();
        after.dominatorRetention().forEach(r -> a.put(r.className(), new long[] {r.objects(), r.shallowBytes(), r.retainedBytes()}));
        Set<String> names = new HashSet<>(b.keySet());
        names.addAll(a.keySet());
        List<ClassDelta> out = new ArrayList<>();
        for (String name : names) {
            long[] x = b.getOrDefault(name, new long[3]);
            long[] y = a.getOrDefault(name, new long[3]);
            out.add(new ClassDelta(name, Delta.of(x[0], y[0]), Delta.of(x[1], y[1]), Delta.of(x[2], y[2]),
                    !b.containsKey(name)));
        }
        out.sort(Comparator.comparingLong((ClassDelta c) -> c.retainedBytes().delta()).reversed().thenComparing(ClassDelta::className));
        return List.copyOf(out);
    }

    /**
     * Holders are matched by connection class and holder: a pool by its name; on threads, a ThreadLocal by the field
     * that holds it, a stack local by its frame and a thread's own object by its field, each with the thread-name
     * pattern (numbers in thread names vary between runs); threads' stacks of a report without thread evidence
     * together; anything else by holder class and field. Never by address.
     */
    public static String holderKey(Report.Connection f) {
        Report.ConnectionHolder h = f.holder();
        String holder;
        if (f.threadHold() != null) {
            holder = onThreads(f.threadHold(), h);
        } else if (h.kind() == HolderKind.POOL) {
            holder = "pool " + (f.pool() == null ? h.description() : f.pool().name());
        } else if (h.kind() == HolderKind.THREAD_STACK) {
            holder = THREAD_STACKS;
        } else {
            holder = h.type() + " " + h.className() + "." + h.field();
        }
        return f.className() + "|" + holder;
    }

    /**
     * How the diff names the holder: on threads, by what matches it in both dumps; without thread evidence every
     * thread's stack together, since thread names vary between dumps.
     */
    private static String holderName(Report.Connection f) {
        if (f.threadHold() != null) {
            return onThreads(f.threadHold(), f.holder());
        }
        return f.holder().kind() == HolderKind.THREAD_STACK ? THREAD_STACKS : f.holder().description();
    }

    /** The same holder on the threads of two dumps: what a developer would fix, not which thread ran it. */
    private static String onThreads(ThreadHold t, Report.ConnectionHolder h) {
        return switch (t.kind()) {
            case THREAD_LOCAL -> "values of ThreadLocal " + (t.threadLocal() == null ? "(stale entries)"
                    : t.threadLocal().className() + "." + t.threadLocal().name());
            case THREAD_STACK -> "local variable of " + (t.frame() == null ? "?" : t.frame().className() + "."
                    + t.frame().method()) + " on threads " + t.threadNamePattern();
            default -> h.className() + "." + h.field() + " on threads " + t.threadNamePattern();
        };
    }

    private static List<ConnectionDelta> connections(List<Report.Connection> before, List<Report.Connection> after) {
        Map<String, Report.Connection> b = new LinkedHashMap<>();
        before.forEach(f -> b.merge(holderKey(f), f, ReportDiff::merge));
        Map<String, Report.Connection> a = new LinkedHashMap<>();
        after.forEach(f -> a.merge(holderKey(f), f, ReportDiff::merge));
        Set<String> keys = new java.util.LinkedHashSet<>(a.keySet());
        keys.addAll(b.keySet());
        List<ConnectionDelta> out = new ArrayList<>();
        for (String k : keys) {
            Report.Connection x = b.get(k);
            Report.Connection y = a.get(k);
            Report.Connection any = y != null ? y : x;
            out.add(new ConnectionDelta(any.category(), any.className(), holderName(any),
                    Delta.of(x == null ? 0 : x.open(), y == null ? 0 : y.open()),
                    Delta.of(x == null ? 0 : x.closed(), y == null ? 0 : y.closed()),
                    x == null ? null : x.verdict(), y == null ? null : y.verdict()));
        }
        out.sort(Comparator.comparingLong((ConnectionDelta c) -> c.open().delta()).reversed()
                .thenComparing(Comparator.comparingLong((ConnectionDelta c) -> c.closed().delta()).reversed()));
        return List.copyOf(out);
    }

    /** Two findings with the same key (e.g. lost-referrer fragments) count together. */
    private static Report.Connection merge(Report.Connection x, Report.Connection y) {
        return new Report.Connection(x.category(), x.kind(), x.displayName(), x.className(), x.count() + y.count(),
                x.open() + y.open(), x.closed() + y.closed(), x.unknown() + y.unknown(), x.retainedBytes() + y.retainedBytes(),
                x.retainedBytesPerConnection(), x.percentOfHeap() + y.percentOfHeap(),
                x.isLeak() || y.isLeak() ? Report.Connection.LEAK : Report.Connection.OK, x.leakType(), x.confidence(),
                x.holder(), x.pool(), x.facts(), x.layers(), x.partial() || y.partial(), x.summary(), x.explanation(),
                x.confidenceLevel(), x.confidenceReasons(), null, // what two groups keep alive together is not a sum
                x.threadHold());
    }

    private static List<Report.Suspect> newSuspects(List<Report.Suspect> before, List<Report.Suspect> after) {
        Set<String> old = new HashSet<>();
        before.forEach(s -> old.add(s.kind() + "|" + s.className()));
        return after.stream().filter(s -> !old.contains(s.kind() + "|" + s.className())).toList();
    }
}
