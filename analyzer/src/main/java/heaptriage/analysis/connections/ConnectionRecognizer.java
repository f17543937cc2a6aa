package heaptriage.analysis.connections;

import heaptriage.graph.HeapGraph;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds connection objects in a snapshot by the catalogue: each class is matched once (exact name, else nearest
 * catalogued super class), then objects are grouped by kind. Optionally, classes no entry matches but whose simple
 * name ends like a connection's ({@code ...Connection}) are reported under the catalogue's low-confidence kind.
 */
public final class ConnectionRecognizer {
    /** The objects of one kind, ascending. */
    public record Match(ConnectionKind kind, int[] objects) {
        public int count() {
            return objects.length;
        }
    }

    private final HeapSnapshot snapshot;
    private final List<ConnectionKind> kinds;
    private final int[] kindOfSlot;

    private ConnectionRecognizer(HeapSnapshot snapshot, List<ConnectionKind> kinds, int[] kindOfSlot) {
        this.snapshot = snapshot;
        this.kinds = kinds;
        this.kindOfSlot = kindOfSlot;
    }

    /** Recognises the catalogue's kinds, including the low-confidence guesses by class name. */
    public static ConnectionRecognizer of(HeapSnapshot snapshot, ConnectionCatalog catalog) {
        return of(snapshot, catalog, true);
    }

    /** As {@link #of(HeapSnapshot, ConnectionCatalog)}; {@code guessByName} false leaves out name-suffix guesses. */
    public static ConnectionRecognizer of(HeapSnapshot snapshot, ConnectionCatalog catalog, boolean guessByName) {
        List<ConnectionKind> kinds = catalog.kinds();
        List<ClassMatcher.Rule> rules = new ArrayList<>();
        for (ConnectionKind k : kinds) {
            rules.add(new ClassMatcher.Rule(k.classNames(), k.superclasses()));
        }
        int[] kindOfSlot = ClassMatcher.entryPerClass(snapshot, rules);
        if (guessByName) {
            guessByName(snapshot, kinds, kindOfSlot);
        }
        return new ConnectionRecognizer(snapshot, kinds, kindOfSlot);
    }

    private static void guessByName(HeapSnapshot snapshot, List<ConnectionKind> kinds, int[] kindOfSlot) {
        List<HeapClass> classes = snapshot.classes();
        for (int k = 0; k < kinds.size(); k++) {
            ConnectionKind kind = kinds.get(k);
            if (kind.nameSuffixes().isEmpty()) {
                continue;
            }
            for (HeapClass c : classes) {
                if (kindOfSlot[c.slot()] < 0 && looksLike(kind, c, snapshot)) {
                    kindOfSlot[c.slot()] = k;
                }
            }
        }
    }

    private static boolean looksLike(ConnectionKind kind, HeapClass c, HeapSnapshot snapshot) {
        String name = c.name();
        if (c.isArray() || name.contains("$$Lambda") || name.contains("/0x") || name.contains("+0x")
                || name.contains("$Proxy") || name.startsWith("jdk.proxy")) {
            return false;  // lambdas, hidden classes and dynamic proxies are never the connection itself
        }
        String simple = name.substring(Math.max(name.lastIndexOf('.'), name.lastIndexOf('$')) + 1);
        if (kind.nameSuffixes().stream().noneMatch(simple::endsWith)) {
            return false;
        }
        for (String glob : kind.excludeNames()) {
            if (Globs.matches(glob, name)) {
                return false;
            }
        }
        for (HeapClass s : snapshot.hierarchy(c)) {
            if (kind.excludeSuperclasses().contains(s.name())) {
                return false;
            }
        }
        return true;
    }

    public HeapSnapshot snapshot() {
        return snapshot;
    }

    /** The kind of a class's instances, or null. */
    public ConnectionKind kindOfClass(HeapClass c) {
        int k = kindOfSlot[c.slot()];
        return k < 0 ? null : kinds.get(k);
    }

    /** The kind of an object, or null when it is not a catalogued connection. */
    public ConnectionKind kindOf(int object) {
        int k = kindOfSlot[snapshot.classSlotOf(object)];
        return k < 0 ? null : kinds.get(k);
    }

    /** All recognised objects grouped by kind, in catalogue order; kinds without objects are left out. */
    public List<Match> find() {
        return find(null);
    }

    /** As {@link #find()}, over the objects set in {@code live} only (all objects when it is null). */
    public List<Match> find(BitSet live) {
        IntArray slots = snapshot.classSlots();
        int n = snapshot.objectCount();
        int[] counts = new int[kinds.size()];
        for (int i = 0; i < n; i++) {
            int k = kindOfSlot[slots.get(i)];
            if (k >= 0 && (live == null || live.get(i))) {
                counts[k]++;
            }
        }
        int[][] objects = new int[kinds.size()][];
        for (int k = 0; k < kinds.size(); k++) {
            objects[k] = new int[counts[k]];
        }
        int[] fill = new int[kinds.size()];
        for (int i = 0; i < n; i++) {
            int k = kindOfSlot[slots.get(i)];
            if (k >= 0 && (live == null || live.get(i))) {
                objects[k][fill[k]++] = i;
            }
        }
        List<Match> out = new ArrayList<>();
        for (int k = 0; k < kinds.size(); k++) {
            if (counts[k] > 0) {
                out.add(new Match(kinds.get(k), objects[k]));
            }
        }
        return out;
    }

    /** The objects of one kind (empty when the kind is unknown or has none). */
    public int[] objectsOf(String kindId, BitSet live) {
        for (Match m : find(live)) {
            if (m.kind().kind().equals(kindId)) {
                return m.objects();
            }
        }
        return new int[0];
    }

    /** The objects a complete dump's GC roots reach (in a truncated dump, also those kept as reachability-unknown). */
    public static BitSet liveObjects(HeapGraph graph) {
        return graph.liveObjects();
    }
}
