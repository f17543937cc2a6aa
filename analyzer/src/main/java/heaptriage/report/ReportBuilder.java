package heaptriage.report;

import heaptriage.analysis.ClassHistogram;
import heaptriage.analysis.ClassRetainedSizes;
import heaptriage.analysis.Bytes;
import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.GcRootPaths;
import heaptriage.analysis.LargestHolders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;
import heaptriage.analysis.connections.ConnectionFinder;
import heaptriage.analysis.connections.ConnectionFinding;
import heaptriage.analysis.connections.LeakType;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.ShortestPaths;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.heap.SideTask;
import heaptriage.hprof.ReadSummary;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Runs the analyses on an indexed heap and assembles the {@link Report}. */
public final class ReportBuilder {
    private ReportBuilder() {
    }

    public static Report build(HeapSnapshot s, ReportOptions options, IndexListener progress) throws IOException {
        progress.phase("reachability");
        HeapGraph graph = options.keepUnreachable() == null ? HeapGraph.of(s) : HeapGraph.of(s, options.keepUnreachable());
        progress.phase("dominator tree");
        // The leak paths' search needs no dominators: on a second core it runs while they are computed. It holds a
        // parent and a queue slot per object, plus a bit, on top of what the indexer planned for the heap.
        SideTask<ShortestPaths> strongSearch = SideTask.start("leak path search", SideTask.worthRunningBeside(s, 9),
                () -> GcRootPaths.strongSearch(graph));
        RetainedHeap r = RetainedHeap.of(graph);
        GcRootPaths paths = GcRootPaths.of(r, strongSearch.join());
        // The connection finder's one heap walk (what a leak keeps alive) runs beside the per-class sizes, the
        // suspects and the retention tree, which do not depend on it: a bit per object, and its depth-first stack of
        // two ints per object on the current path, which a long linked list can make every object.
        SideTask<List<ConnectionFinding>> connectionSearch = SideTask.start("connection finder",
                SideTask.worthRunningBeside(s, 9),
                () -> ConnectionFinder.find(r, paths, options.catalog(), options.connectionOptions()));
        progress.phase("retained sizes by class");
        ClassRetainedSizes classRetention = ClassRetainedSizes.of(r);
        List<TopDominatorsByClass.Row> dominators = TopDominatorsByClass.of(r);
        progress.phase("leak suspects");
        List<LeakSuspects.Suspect> suspects = LeakSuspects.find(r, paths, options.suspectThresholdPercent());
        progress.phase("holders and threads");
        List<Report.HolderRow> holders = holders(LargestHolders.find(r), options.top());
        List<Threads.ThreadInfo> threads = Threads.of(r);
        progress.phase("retention tree");
        RetentionTree tree = RetentionTree.of(r, paths);
        progress.phase("connections");
        Long truncatedAt = s.truncation().map(t -> t.validEnd()).orElse(null);
        List<Report.Connection> connections = connectionSearch.join().stream()
                .map(f -> ConnectionSentences.of(f, truncatedAt)).toList();

        List<Warning> warnings = warnings(s, graph, r);
        Report.HeapInfo heap = heapInfo(s, graph, r);
        Report.VerdictKind verdictKind = verdictKind(connections, suspects, tree.headline());
        return new Report(Report.SCHEMA_VERSION, Report.SCHEMA_MINOR_VERSION, "heaptriage",
                verdict(s, verdictKind, connections, suspects, tree.headline()), verdictKind, dumpInfo(s), heap,
                histogram(s, graph.liveObjects(), classRetention, options.matRetained()), dominators, holders,
                suspects.stream().map(ReportBuilder::suspect).toList(), connections, largest(r, options.top()), threads,
                warnings.stream().map(WarningSentences::of).toList(), warnings,
                tree.headline(), tree.nodes());
    }

    private static Report.Suspect suspect(LeakSuspects.Suspect s) {
        return new Report.Suspect(s.kind(), s.className(), s.address(), s.objects(), s.retainedBytes(), s.percentOfHeap(),
                s.accumulationClass(), s.accumulationAddress(), s.accumulationRetainedBytes(), Steps.of(s.pathFromGcRoot()),
                s.application(), s.applicationField());
    }

    /** The biggest holders, named, largest first and by name among equals. */
    private static List<Report.HolderRow> holders(List<LargestHolders.Row> found, int top) {
        return found.stream()
                .map(h -> new Report.HolderRow(h.kind(), holderName(h), h.heldClassName(), h.heldAddress(), h.retainedBytes(),
                        h.percentOfHeap()))
                .sorted(Comparator.comparingLong(Report.HolderRow::retainedBytes).reversed()
                        .thenComparing(Report.HolderRow::name))
                .limit(top)
                .toList();
    }

    private static String holderName(LargestHolders.Row h) {
        return switch (h.kind()) {
            case STATIC_FIELD -> h.className() + "." + h.field() + " (static)";
            case THREAD -> "thread " + h.threadName();
            case GC_ROOT -> RootKindNames.of(h.rootKind()) + " " + h.className();
        };
    }

    private static Report.DumpInfo dumpInfo(HeapSnapshot s) {
        return new Report.DumpInfo(s.dump().path().toString(), s.dump().fileBytes(), s.header().idSize(),
                s.dump().isCompressed(), s.truncation().isPresent(), s.header().version(),
                s.sizeModel().compressedReferences(), s.sizeModel().objectAlign(), heapDumps(s.readSummary()),
                s.indexReused());
    }

    /** The file's heap dumps when it holds more than one; null otherwise. */
    private static Report.HeapDumps heapDumps(ReadSummary read) {
        if (read.heapDumps().size() < 2) {
            return null;
        }
        List<Report.HeapDump> all = read.heapDumps().stream()
                .map(d -> new Report.HeapDump(d.number(), d.offset(), d.timeMillis(), d.complete())).toList();
        return new Report.HeapDumps(read.selectedDump(), all);
    }

    private static Report.HeapInfo heapInfo(HeapSnapshot s, HeapGraph graph, RetainedHeap r) {
        ClassHistogram garbage = ClassHistogram.of(s, graph.garbage());
        ClassHistogram unknown = ClassHistogram.of(s, graph.reachabilityUnknown());
        List<Report.ClassAmount> byClass = garbage.rows().stream()
                .map(row -> new Report.ClassAmount(row.className(), row.instances(), row.shallowBytes())).toList();
        return new Report.HeapInfo(r.tree().reachableCount(), s.classes().size(), graph.gcRoots().length, r.usedHeap(),
                new Report.Amount(garbage.totalInstances(), garbage.totalShallowBytes()),
                new Report.Amount(unknown.totalInstances(), unknown.totalShallowBytes()), byClass);
    }

    /** Every class with live instances, by retained size (MAT's minimum), largest first. */
    private static List<Report.HistogramRow> histogram(HeapSnapshot s, BitSet live, ClassRetainedSizes retained, boolean asMat) {
        Map<Long, HeapClass> byAddress = new HashMap<>();
        s.classes().forEach(c -> byAddress.put(c.address(), c));
        List<Report.HistogramRow> rows = new ArrayList<>();
        for (ClassHistogram.Row row : ClassHistogram.of(s, live).rows()) {
            HeapClass c = byAddress.get(row.classAddress());
            long min = c == null ? 0 : asMat ? retained.minimumWithClassObject(c.slot()) : retained.minimumWithClassObjectOnce(c.slot());
            rows.add(new Report.HistogramRow(row.className(), row.instances(), row.shallowBytes(), min));
        }
        rows.sort(Comparator.comparingLong(Report.HistogramRow::retainedBytes).reversed()
                .thenComparing(Comparator.comparingLong(Report.HistogramRow::shallowBytes).reversed()));
        return List.copyOf(rows);
    }

    private static List<Report.LargestObject> largest(RetainedHeap r, int top) {
        HeapSnapshot s = r.snapshot();
        return Arrays.stream(r.topLevel()).boxed()
                .sorted(Comparator.comparingLong((Integer v) -> r.retained(v)).reversed())
                .limit(top)
                .map(v -> new Report.LargestObject(s.describedClass(v) != null ? "class " + s.describedClass(v).name()
                        : s.classOf(v).name(), s.address(v), s.shallowSize(v), r.retained(v),
                        r.usedHeap() == 0 ? 0 : 100.0 * r.retained(v) / r.usedHeap()))
                .toList();
    }

    /**
     * A connection leak first (closed connections kept are told apart), else a suspect whose chain ends at application
     * code (MAT's others, a class loader or the java.lang.Class group, are no leak), else the top application holder,
     * else none.
     */
    private static Report.VerdictKind verdictKind(List<Report.Connection> connections, List<LeakSuspects.Suspect> suspects,
                                                  RetentionTree.Headline headline) {
        Report.Connection leak = connections.stream().filter(Report.Connection::isLeak).findFirst().orElse(null);
        if (leak != null) {
            return ConnectionSentences.leakType(LeakType.CLOSED_CONNECTIONS_RETAINED).equals(leak.leakType())
                    ? Report.VerdictKind.CLOSED_CONNECTIONS_RETAINED : Report.VerdictKind.CONNECTION_LEAK;
        }
        if (suspects.stream().anyMatch(LeakSuspects.Suspect::application)) {
            return Report.VerdictKind.LEAK_SUSPECT;
        }
        return headline == null ? Report.VerdictKind.NO_SUSPECT : Report.VerdictKind.TOP_HOLDER;
    }

    private static String verdict(HeapSnapshot s, Report.VerdictKind kind, List<Report.Connection> connections,
                                  List<LeakSuspects.Suspect> suspects, RetentionTree.Headline headline) {
        String prefix = s.truncation().isPresent() ? "Dump truncated (counts are lower bounds). " : "";
        List<Report.Connection> leaks = connections.stream().filter(Report.Connection::isLeak).toList();
        return prefix + switch (kind) {
            case CONNECTION_LEAK, CLOSED_CONNECTIONS_RETAINED -> {
                String more = leaks.size() > 1 ? " (+" + (leaks.size() - 1) + " more connection findings)" : "";
                String title = kind == Report.VerdictKind.CLOSED_CONNECTIONS_RETAINED
                        ? "Closed connections retained (memory leak): " : "Probable connection leak: ";
                yield title + leaks.get(0).summary() + "." + more;
            }
            case NO_SUSPECT -> "No connection leak found. " + (suspects.isEmpty()
                    ? "No leak suspect: no object or class retains more than the threshold of the heap."
                    : "No application field holds a large share of the heap; MAT's leak suspects are the JDK's or"
                    + " libraries' own objects, not application code.");
            case TOP_HOLDER -> "No connection leak found. " + headline(headline);
            case LEAK_SUSPECT -> {
                if (headline != null) {
                    yield "Leak suspect: " + headline(headline);
                }
                LeakSuspects.Suspect top = suspects.stream().filter(LeakSuspects.Suspect::application).findFirst().orElseThrow();
                String what = top.kind() == LeakSuspects.Kind.SINGLE ? "one " + top.className()
                        : top.objects() + " instances of " + top.className();
                String where = top.accumulationClass() == null ? "" : ", accumulated in " + top.accumulationClass();
                yield String.format(Locale.ROOT, "Leak suspect: %s retains %s (%.1f%% of the heap)%s.", what,
                        Bytes.human(top.retainedBytes()), top.percentOfHeap(), where);
            }
        };
    }

    /** "92% of the heap (103 MiB) is held by com.acme.Foo.cache (static), a HashMap of 25,515 entries of byte[]." */
    private static String headline(RetentionTree.Headline h) {
        String holder = h.holder().ownerClass() + "." + h.holder().name()
                + (h.holder().kind() == ReferenceKind.STATIC_FIELD ? " (static)" : "");
        String what = "";
        RetentionTree.Contents c = h.contents();
        if (c != null && c.elementClass() != null) {
            what = c.kind() == RetentionTree.ContainerKind.CHAIN
                    ? String.format(Locale.ROOT, ", a chain of %,d %s", c.elements(), c.elementClass())
                    : ", a " + h.className() + RetentionTreeLines.contents(c);
        } else if (!h.parts().isEmpty()) {
            what = ", mostly in " + String.join(", ", h.parts().stream().limit(3).map(p -> String.format(Locale.ROOT, "%s (%s)",
                    p.reference().name() == null ? p.className() : p.reference().name(), Bytes.human(p.retainedBytes()))).toList());
        }
        return String.format(Locale.ROOT, "%.0f%% of the heap (%s) is held by %s%s.", h.percentOfHeap(),
                Bytes.human(h.retainedBytes()), holder, what);
    }

    private static List<Warning> warnings(HeapSnapshot s, HeapGraph graph, RetainedHeap r) {
        List<Warning> warnings = new ArrayList<>();
        s.truncation().ifPresent(t -> warnings.add(Warning.truncated(t)));
        int dumps = s.readSummary().heapDumps().size();
        if (dumps > 1) {
            warnings.add(Warning.severalHeapDumps(dumps, s.readSummary().selectedDump(),
                    s.readSummary().selected().timeMillis()));
        }
        String damage = s.readSummary().damageAfterDump();
        if (damage != null) {
            warnings.add(Warning.damagedAfterDump(damage));
        }
        long unknown = graph.reachabilityUnknown().cardinality();
        if (unknown > 0) {
            warnings.add(Warning.reachabilityUnknown(unknown));
        }
        long garbage = graph.garbage().cardinality();
        if (garbage > 0) {
            long bytes = ClassHistogram.of(s, graph.garbage()).totalShallowBytes();
            double share = 100.0 * bytes / Math.max(1, bytes + r.usedHeap());
            if (share >= 10) {
                warnings.add(Warning.unreachableGarbage(garbage, bytes, share));
            }
        }
        if (s.danglingReferences() > 0 && s.truncation().isPresent()) {
            warnings.add(Warning.danglingReferences(s.danglingReferences()));
            List<String> lost = staticFieldsPointingAtLostObjects(s);
            if (!lost.isEmpty()) {
                warnings.add(Warning.staticFieldsLostInCut(lost));
            }
        }
        return List.copyOf(warnings);
    }

    /** Static reference fields whose value is an object id missing from the file: the class dumps came before the cut. */
    private static List<String> staticFieldsPointingAtLostObjects(HeapSnapshot s) {
        List<String> out = new ArrayList<>();
        for (HeapClass c : s.classes()) {
            for (int i = 0; i < c.statics().size(); i++) {
                long value = c.staticValue(i);
                if (c.statics().get(i).type() == heaptriage.hprof.BasicType.OBJECT && value != 0 && s.indexOf(value) < 0
                        && !c.statics().get(i).name().startsWith("<") && !c.statics().get(i).name().contains("$")
                        && !c.name().startsWith("java.") && !c.name().startsWith("jdk.") && !c.name().startsWith("sun.")) {
                    out.add(c.name() + "." + c.statics().get(i).name());
                }
            }
        }
        return out;
    }
}
