package heaptriage.analysis.connections;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;

import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads the elements of JDK collections, maps and arrays as they lie in the heap (ArrayList, CopyOnWriteArrayList,
 * LinkedList, ArrayDeque, the blocking queues and deques, ConcurrentLinkedQueue/Deque, HashMap, Hashtable,
 * Properties, ConcurrentHashMap, WeakHashMap, IdentityHashMap, TreeMap, ConcurrentSkipListMap, the sets built on
 * them, Collections' wrappers, and object arrays). Field names are those of JDK 8 to 21. Walks are bounded, so a
 * damaged or truncated structure cannot loop.
 */
final class HeapCollections {
    /** One map entry (object indexes, -1 for null). */
    record Entry(int key, int value) {
    }

    private static final int LIMIT = 1_000_000;
    private final HeapValues values;
    private final HeapSnapshot snapshot;

    HeapCollections(HeapValues values) {
        this.values = values;
        this.snapshot = values.snapshot();
    }

    /** True when {@link #elements} knows how to read this object's class (or it is an object array). */
    boolean readable(int object) {
        HeapClass c = snapshot.classOf(object);
        return c.isObjectArray() || (!c.isArray() && knownKind(c) != null);
    }

    /** Elements of a collection or array, or the values of a map; nulls left out; empty when not readable. */
    List<Integer> elements(int object) throws IOException {
        List<Integer> out = new ArrayList<>();
        HeapClass c = snapshot.classOf(object);
        if (c.isObjectArray()) {
            for (int e : snapshot.objectArrayElements(object)) {
                if (e >= 0) {
                    out.add(e);
                }
            }
            return out;
        }
        if (c.isArray()) {
            return out;
        }
        String kind = knownKind(c);
        if (kind == null) {
            return out;
        }
        switch (kind) {
            case "map" -> entries(object).forEach(e -> addIfPresent(out, e.value()));
            case "set" -> {
                int map = values.ref(object, "map", "m");
                if (map >= 0) {
                    entries(map).forEach(e -> addIfPresent(out, e.key()));
                }
            }
            case "cowset" -> {
                int list = values.ref(object, "al");
                if (list >= 0) {
                    out.addAll(elements(list));
                }
            }
            case "wrapper" -> {
                int inner = values.ref(object, "c", "m", "list", "items", "a");
                if (inner >= 0) {
                    out.addAll(elements(inner));
                }
            }
            case "array" -> {
                int array = values.ref(object, "elementData", "array", "data", "items", "elements", "queue", "a");
                if (array >= 0) {
                    int size = values.intField(object, -1, "size", "elementCount");
                    int[] all = snapshot.objectArrayElements(array);
                    int n = size >= 0 ? Math.min(size, all.length) : all.length;
                    for (int i = 0; i < n; i++) {
                        addIfPresent(out, all[i]);
                    }
                }
            }
            case "linked" -> linked(values.ref(object, "first", "head"), out);
            default -> {
            }
        }
        return out;
    }

    /** Key/value pairs of a map (for a set-like or list-like object: none). */
    List<Entry> entries(int object) throws IOException {
        List<Entry> out = new ArrayList<>();
        HeapClass c = snapshot.classOf(object);
        String kind = c.isArray() ? null : knownKind(c);
        if (!"map".equals(kind)) {
            if ("wrapper".equals(kind)) {
                int inner = values.ref(object, "m");
                if (inner >= 0) {
                    return entries(inner);
                }
            }
            return out;
        }
        String name = chainName(c);
        if (name.equals("java.util.Properties") && values.has(object, "map")) {
            int map = values.ref(object, "map");  // JDK 9+: a ConcurrentHashMap inside
            return map >= 0 ? entries(map) : out;
        }
        if (name.equals("java.util.IdentityHashMap")) {
            int table = values.ref(object, "table");
            if (table >= 0) {
                int[] t = snapshot.objectArrayElements(table);
                for (int i = 0; i + 1 < t.length; i += 2) {
                    if (t[i] >= 0) {
                        out.add(new Entry(t[i], t[i + 1]));
                    }
                }
            }
            return out;
        }
        if (name.equals("java.util.TreeMap")) {
            tree(values.ref(object, "root"), out);
            return out;
        }
        if (name.equals("java.util.concurrent.ConcurrentSkipListMap")) {
            skipList(object, out);
            return out;
        }
        int table = values.ref(object, "table");
        if (table >= 0) {
            for (int bucket : snapshot.objectArrayElements(table)) {
                chain(bucket, out);
                if (out.size() > LIMIT) {
                    break;
                }
            }
        }
        return out;
    }

    /** The value under a string key in a map, or -1. */
    int lookup(int map, String key) throws IOException {
        for (Entry e : entries(map)) {
            if (e.key() >= 0 && key.equals(snapshot.stringValue(e.key()))) {
                return e.value();
            }
        }
        return -1;
    }

    private void chain(int node, List<Entry> out) throws IOException {
        BitSet seen = new BitSet();
        for (int n = node, steps = 0; n >= 0 && !seen.get(n) && steps < LIMIT; steps++) {
            seen.set(n);
            String cls = snapshot.classOf(n).name();
            if (cls.endsWith("ConcurrentHashMap$TreeBin")) {
                chain(values.ref(n, "first"), out);
                return;
            }
            if (cls.endsWith("ConcurrentHashMap$ForwardingNode")) {
                return;  // entries moved to the next table during a resize; rare in a dump
            }
            int key = values.ref(n, "key", "referent");
            int value = values.ref(n, "value", "val");
            out.add(new Entry(key, value));
            n = values.ref(n, "next");
        }
    }

    private void tree(int root, List<Entry> out) throws IOException {
        List<Integer> stack = new ArrayList<>();
        BitSet seen = new BitSet();
        if (root >= 0) {
            stack.add(root);
        }
        while (!stack.isEmpty() && out.size() < LIMIT) {
            int n = stack.remove(stack.size() - 1);
            if (seen.get(n)) {
                continue;
            }
            seen.set(n);
            out.add(new Entry(values.ref(n, "key"), values.ref(n, "value")));
            for (String side : new String[] {"left", "right"}) {
                int child = values.ref(n, side);
                if (child >= 0) {
                    stack.add(child);
                }
            }
        }
    }

    private void skipList(int map, List<Entry> out) throws IOException {
        int head = values.ref(map, "head");
        if (head < 0) {
            return;
        }
        // JDK 14+: head is an Index whose node is the base header; JDK 8-13: head is a HeadIndex (also an Index)
        int node = values.ref(head, "node");
        BitSet seen = new BitSet();
        for (int n = node, steps = 0; n >= 0 && !seen.get(n) && steps < LIMIT; steps++) {
            seen.set(n);
            int key = values.ref(n, "key");
            int value = values.ref(n, "val", "value");
            if (key >= 0 && value >= 0) {
                out.add(new Entry(key, value));
            }
            n = values.ref(n, "next");
        }
    }

    private void linked(int first, List<Integer> out) throws IOException {
        BitSet seen = new BitSet();
        for (int n = first, steps = 0; n >= 0 && !seen.get(n) && steps < LIMIT; steps++) {
            seen.set(n);
            addIfPresent(out, values.ref(n, "item"));
            n = values.ref(n, "next");
        }
    }

    private static void addIfPresent(List<Integer> out, int object) {
        if (object >= 0) {
            out.add(object);
        }
    }

    /** The nearest class in the chain that we know how to read. */
    private String chainName(HeapClass c) {
        for (HeapClass k : values.snapshot().hierarchy(c)) {
            if (knownKindOf(k.name()) != null) {
                return k.name();
            }
        }
        return c.name();
    }

    private String knownKind(HeapClass c) {
        for (HeapClass k : values.snapshot().hierarchy(c)) {
            String kind = knownKindOf(k.name());
            if (kind != null) {
                return kind;
            }
        }
        return null;
    }

    private static String knownKindOf(String name) {
        return switch (name) {
            case "java.util.ArrayList", "java.util.Vector", "java.util.concurrent.CopyOnWriteArrayList",
                 "java.util.ArrayDeque", "java.util.concurrent.ArrayBlockingQueue", "java.util.PriorityQueue",
                 "java.util.concurrent.PriorityBlockingQueue", "java.util.Arrays$ArrayList",
                 "io.agroal.pool.util.StampedCopyOnWriteArrayList", "com.zaxxer.hikari.util.FastList" -> "array";
            case "java.util.LinkedList", "java.util.concurrent.LinkedBlockingQueue",
                 "java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.ConcurrentLinkedQueue",
                 "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.LinkedTransferQueue",
                 "org.apache.commons.pool2.impl.LinkedBlockingDeque",
                 "org.apache.commons.pool3.impl.LinkedBlockingDeque",
                 "org.apache.tomcat.dbcp.pool2.impl.LinkedBlockingDeque" -> "linked";
            case "java.util.HashMap", "java.util.Hashtable", "java.util.Properties", "java.util.WeakHashMap",
                 "java.util.IdentityHashMap", "java.util.TreeMap", "java.util.concurrent.ConcurrentHashMap",
                 "java.util.concurrent.ConcurrentSkipListMap" -> "map";
            case "java.util.HashSet", "java.util.TreeSet", "java.util.concurrent.ConcurrentSkipListSet",
                 "java.util.concurrent.ConcurrentHashMap$KeySetView", "java.util.Collections$SetFromMap" -> "set";
            case "java.util.concurrent.CopyOnWriteArraySet" -> "cowset";
            case "java.util.Collections$UnmodifiableCollection", "java.util.Collections$SynchronizedCollection",
                 "java.util.Collections$UnmodifiableMap", "java.util.Collections$SynchronizedMap",
                 "java.util.Collections$CheckedCollection",
                 "org.apache.tomcat.jdbc.pool.FairBlockingQueue" -> "wrapper";
            default -> null;
        };
    }
}
