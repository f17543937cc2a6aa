package heaptriage.analysis;

import heaptriage.graph.DominatorChildren;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.ShortestPaths;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Eclipse MAT's leak suspects: a top-level dominator retaining more than the threshold (10% of the used heap) is a
 * suspect; the other top-level dominators are grouped by class and a group over the threshold is one too. Each
 * suspect gets its accumulation point and a path from a GC root.
 *
 * <p>Besides MAT's figures, each suspect names the application field its chain ends at: the deepest field of
 * application code ({@link ApplicationCode}) on the way from the suspect down to its accumulation point (for a
 * group, on the path from a GC root to it). A suspect is an application suspect, the only kind a report calls a
 * leak and {@code --fail-on suspect} counts, when that chain ends at an application object: the suspect or its
 * accumulation point is an instance of an application class, or the group is of one. A class loader or the
 * java.lang.Class group whose memory ends in JDK collection internals is the normal shape of any heap, a big cache
 * as much as a leak: the retention tree's headline names its field instead.
 */
public final class LeakSuspects {
    /** Whether a suspect is one object or the instances of a class taken together. */
    public enum Kind { SINGLE, GROUP }

    /** One suspect. Addresses are of the object (single) or class object (group). */
    public record Suspect(Kind kind, String className, long address, long objects, long retainedBytes,
                          double percentOfHeap, String accumulationClass, long accumulationAddress,
                          long accumulationRetainedBytes, List<PathStep> pathFromGcRoot, boolean application,
                          Reference applicationField) {
    }

    /** Where a suspect's chain ends in application terms. */
    private record ChainEnd(boolean application, Reference field) {
    }

    private static final double BIG_DROP_RATIO = 0.7;
    private static final double GROUP_PATH_SHARE = 0.8;
    private static final int MAX_DEPTH = 1000;
    private static final int GROUP_SAMPLE = 10_000;

    private LeakSuspects() {
    }

    public static List<Suspect> find(RetainedHeap retention, GcRootPaths paths, int thresholdPercent) {
        HeapSnapshot s = retention.snapshot();
        long threshold = thresholdPercent * retention.usedHeap() / 100;
        Integer[] top = Arrays.stream(retention.topLevel()).boxed().toArray(Integer[]::new);
        Arrays.sort(top, Comparator.comparingLong((Integer v) -> retention.retained(v)).reversed());
        List<Suspect> suspects = new ArrayList<>();
        int i = 0;
        while (i < top.length && retention.retained(top[i]) > threshold) {
            suspects.add(single(retention, paths, top[i]));
            i++;
        }
        Map<Integer, List<Integer>> byClass = new LinkedHashMap<>();
        for (int j = i; j < top.length; j++) {
            byClass.computeIfAbsent(s.classSlotOf(top[j]), k -> new ArrayList<>()).add(top[j]);
        }
        byClass.forEach((slot, members) -> {
            long retained = members.stream().mapToLong(retention::retained).sum();
            if (retained > threshold) {
                suspects.add(group(retention, paths, slot, members, retained));
            }
        });
        suspects.sort(Comparator.comparingLong(Suspect::retainedBytes).reversed());
        return List.copyOf(suspects);
    }

    private static Suspect single(RetainedHeap r, GcRootPaths paths, int object) {
        HeapSnapshot s = r.snapshot();
        List<Integer> walk = new ArrayList<>();
        int acc = accumulationPoint(r, object, walk);
        ChainEnd end = chainEnd(s, paths, walk.stream().mapToInt(Integer::intValue).toArray(), object, acc);
        return new Suspect(Kind.SINGLE, GcRootPaths.displayName(s, object), s.address(object), 1, r.retained(object),
                percent(r, r.retained(object)), acc < 0 ? null : GcRootPaths.displayName(s, acc), acc < 0 ? -1 : s.address(acc),
                acc < 0 ? 0 : r.retained(acc), paths.pathTo(object), end.application(), end.field());
    }

    /**
     * MAT's walk down the biggest dominated child while it keeps at least 70% of its parent's retained size; -1 when
     * the walk is deeper than MAX_DEPTH. The objects walked, from {@code from} on, are added to {@code walk}.
     */
    static int accumulationPoint(RetainedHeap r, int from, List<Integer> walk) {
        DominatorChildren tree = r.children();
        int node = from;
        for (int depth = 0; depth < MAX_DEPTH; depth++) {
            walk.add(node);
            int biggest = -1;
            for (int p = tree.start(node); p < tree.end(node); p++) {
                int child = tree.childAt(p);
                if (biggest < 0 || r.retained(child) > r.retained(biggest)) {
                    biggest = child;
                }
            }
            if (biggest < 0) {
                return node;
            }
            if ((double) r.retained(biggest) / r.retained(node) < BIG_DROP_RATIO) {
                return node;
            }
            node = biggest;
        }
        return -1;
    }

    /**
     * The deepest application field on a chain of objects (each held by the one before it, directly or through
     * objects of its own), and whether the suspect or its accumulation point (when it has one) is an application
     * object.
     */
    private static ChainEnd chainEnd(HeapSnapshot s, GcRootPaths paths, int[] chain, int suspect, int accumulation) {
        List<Reference> fields = new ArrayList<>(); // application fields down the chain, shallowest first
        for (int i = 1; i < chain.length; i++) {
            int q = paths.referrer(chain[i]);
            if (q >= 0 && isApplicationHolder(s, q)) {
                Reference ref = Reference.between(s, q, chain[i]);
                if (ref.viaField()) {
                    fields.add(ref);
                }
            }
        }
        // The deepest; but in a linked structure (entry.previous.previous...) the field that holds its first entry.
        Reference field = fields.isEmpty() ? null : fields.get(fields.size() - 1);
        int first = fields.indexOf(field);
        if (first < fields.size() - 1 && first > 0) {
            field = fields.get(first - 1);
        }
        boolean application = (suspect >= 0 && isApplicationObject(s, suspect))
                || (accumulation >= 0 && isApplicationObject(s, accumulation));
        return new ChainEnd(application, field);
    }

    /** An application class object (for its static fields) or an instance of an application class. */
    private static boolean isApplicationHolder(HeapSnapshot s, int object) {
        HeapClass described = s.describedClass(object);
        return described != null ? ApplicationCode.isApplication(described.name()) : isApplicationObject(s, object);
    }

    private static boolean isApplicationObject(HeapSnapshot s, int object) {
        HeapClass c = s.classOf(object);
        return s.describedClass(object) == null && !c.isArray() && ApplicationCode.isApplication(c.name());
    }

    /**
     * A class group's accumulation point, as MAT finds it: follow the shortest paths from GC roots of the group's
     * objects down from the root most of them share, while more than 80% of them still pass through the same
     * object and the retained size they share does not drop below 70%. None when no object is on most paths.
     */
    private static Suspect group(RetainedHeap r, GcRootPaths paths, int slot, List<Integer> members, long retained) {
        HeapSnapshot s = r.snapshot();
        List<Integer> sample = members.size() <= GROUP_SAMPLE ? members : members.subList(0, GROUP_SAMPLE);
        ShortestPaths tree = paths.strongTree();
        Map<Integer, long[]> through = new HashMap<>(); // node -> {objects whose path passes it, their retained}
        Map<Integer, java.util.Set<Integer>> childrenOnPaths = new HashMap<>();
        List<Integer> pathRoots = new ArrayList<>();
        for (int m : sample) {
            if (!tree.isReached(m)) {
                continue;
            }
            int child = -1;
            for (int v = m; v >= 0; child = v, v = tree.parent(v)) {
                long[] t = through.get(v);
                boolean fresh = t == null;
                if (fresh) {
                    through.put(v, t = new long[2]);
                    if (tree.parent(v) == ShortestPaths.ROOT) {
                        pathRoots.add(v);
                    }
                }
                t[0]++;
                t[1] += r.retained(m);
                if (child >= 0) {
                    childrenOnPaths.computeIfAbsent(v, k -> new java.util.LinkedHashSet<>()).add(child);
                }
            }
        }
        int acc = -1;
        Comparator<Integer> byCount = Comparator.comparingLong((Integer v) -> through.get(v)[0]).reversed();
        if (!pathRoots.isEmpty()) {
            int parent = pathRoots.stream().min(byCount).orElseThrow();
            int needed = (int) (GROUP_PATH_SHARE * sample.size());
            while (through.get(parent)[0] > needed) {
                java.util.Set<Integer> children = childrenOnPaths.getOrDefault(parent, java.util.Set.of());
                if (children.isEmpty()) {
                    acc = parent;
                    break;
                }
                int child = children.stream().min(byCount).orElseThrow();
                if ((double) through.get(child)[1] / through.get(parent)[1] < BIG_DROP_RATIO) {
                    acc = parent;
                    break;
                }
                parent = child;
            }
        }
        int classObject = s.classes().get(slot).objectIndex();
        int[] pathToAcc = acc < 0 ? new int[0] : tree.isReached(acc) ? tree.pathTo(acc) : new int[] {acc};
        ChainEnd end = chainEnd(s, paths, pathToAcc, -1, acc);
        boolean application = end.application() || ApplicationCode.isApplication(s.classes().get(slot).name());
        return new Suspect(Kind.GROUP, s.classes().get(slot).name(), classObject < 0 ? -1 : s.address(classObject),
                members.size(), retained, percent(r, retained), acc < 0 ? null : GcRootPaths.displayName(s, acc),
                acc < 0 ? -1 : s.address(acc), acc < 0 ? 0 : r.retained(acc),
                acc < 0 ? List.of() : paths.pathTo(acc), application, end.field());
    }

    private static double percent(RetainedHeap r, long bytes) {
        return r.usedHeap() == 0 ? 0 : 100.0 * bytes / r.usedHeap();
    }
}
