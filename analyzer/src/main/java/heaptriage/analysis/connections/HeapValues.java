package heaptriage.analysis.connections;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.InstanceView;
import heaptriage.hprof.BasicType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads values from the heap for the catalogue: fields by name, field paths (with {@code []} and {@code [key]}),
 * boxed and atomic values unwrapped, and values rendered as short text (strings, enums, addresses, URLs, maps).
 * Instances read are kept in a small cache, as paths from many connections meet in the same objects.
 */
final class HeapValues {
    private static final int CACHE = 4096;
    private static final int MAX_MAP_ENTRIES_SHOWN = 20;
    private final HeapSnapshot snapshot;
    private final List<HeapClass> classes;
    private final HeapCollections collections;
    private final Map<Integer, InstanceView> cache = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Integer, InstanceView> eldest) {
            return size() > CACHE;
        }
    };

    HeapValues(HeapSnapshot snapshot) {
        this.snapshot = snapshot;
        this.classes = snapshot.classes();
        this.collections = new HeapCollections(this);
    }

    HeapSnapshot snapshot() {
        return snapshot;
    }

    String className(int object) {
        return snapshot.classOf(object).name();
    }

    /** The instance's fields, or null when the object is an array, a class, or a pseudo object. */
    InstanceView view(int object) throws IOException {
        InstanceView v = cache.get(object);
        if (v == null) {
            HeapClass c = snapshot.classOf(object);
            if (c.isArray() || snapshot.describedClass(object) != null) {
                return null;
            }
            try {
                v = snapshot.instance(object);
            } catch (IllegalArgumentException notAnInstance) {
                return null;
            }
            cache.put(object, v);
        }
        return v;
    }

    /** A field's value; ABSENT when the object has no such field. */
    HeapValue field(int object, String name) throws IOException {
        InstanceView v = view(object);
        if (v == null) {
            return HeapValue.ABSENT;
        }
        for (InstanceView.FieldValue f : v.fields()) {
            if (f.name().equals(name)) {
                return f.type() == BasicType.OBJECT ? HeapValue.object((int) f.value())
                        : HeapValue.primitive(f.type(), f.value());
            }
        }
        return HeapValue.ABSENT;
    }

    boolean has(int object, String name) throws IOException {
        return !field(object, name).isAbsent();
    }

    /** The object in the first of these reference fields the object has, or -1. */
    int ref(int object, String... names) throws IOException {
        for (String n : names) {
            HeapValue v = field(object, n);
            if (!v.isAbsent()) {
                return v.isObject() ? v.object() : -1;
            }
        }
        return -1;
    }

    /** The first of these integral fields the object has, or {@code otherwise}. */
    int intField(int object, int otherwise, String... names) throws IOException {
        for (String n : names) {
            HeapValue v = field(object, n);
            if (v.isIntegral()) {
                return (int) v.asLong();
            }
        }
        return otherwise;
    }

    /**
     * Follows a path from an object. One value per path end: a path without {@code []} gives one value; each
     * {@code []} fans out to the elements. A missing field gives ABSENT, a null reference on the way gives NULL.
     */
    List<HeapValue> resolve(int object, FieldPath path, boolean unwrapEnd) throws IOException {
        List<HeapValue> current = List.of(HeapValue.object(object));
        for (FieldPath.Segment s : path.segments()) {
            List<HeapValue> next = new ArrayList<>();
            for (HeapValue v : current) {
                if (!v.isObject()) {
                    next.add(v.isPrimitive() ? HeapValue.ABSENT : v);
                    continue;
                }
                HeapValue f = field(v.object(), s.field());
                if (s.step() == FieldPath.Step.FIELD) {
                    next.add(f);
                } else if (!f.isObject()) {
                    if (f.isAbsent() || f.isPrimitive()) {
                        next.add(HeapValue.ABSENT);
                    } else if (s.step() == FieldPath.Step.LOOKUP) {
                        next.add(HeapValue.NULL);  // a null map: the key's value is null; a null collection: no elements
                    }
                } else if (s.step() == FieldPath.Step.ELEMENTS) {
                    for (int e : collections.elements(f.object())) {
                        next.add(HeapValue.object(e));
                    }
                } else {
                    next.add(HeapValue.object(collections.lookup(f.object(), s.key())));
                }
            }
            current = next;
        }
        if (!unwrapEnd) {
            return current;
        }
        List<HeapValue> out = new ArrayList<>(current.size());
        for (HeapValue v : current) {
            out.add(unwrap(v));
        }
        return out;
    }

    /** A value and the path it was read through (null when no path reached a value). */
    record Found(HeapValue value, FieldPath path) {
    }

    /**
     * The value of the first path that reaches a non-null value; else MISSING (with its path) if one ran into an
     * object missing from the dump, else NULL if one reached null, else ABSENT (no path exists in this object's
     * classes).
     */
    Found first(int object, List<FieldPath> paths) throws IOException {
        boolean sawNull = false;
        FieldPath missing = null;
        for (FieldPath p : paths) {
            for (HeapValue v : resolve(object, p, true)) {
                if (v.isObject() || v.isPrimitive()) {
                    return new Found(v, p);
                }
                sawNull |= v.isNull();
                if (v.isMissing() && missing == null) {
                    missing = p;
                }
            }
        }
        if (missing != null) {
            return new Found(HeapValue.MISSING, missing);
        }
        return new Found(sawNull ? HeapValue.NULL : HeapValue.ABSENT, null);
    }

    /** Why nothing can be read through a path: its object is missing from the dump (in a cut dump: lost in the cut). */
    String missingReason(FieldPath path) {
        return path + " points at an object missing from the dump"
                + (snapshot.truncation().isPresent() ? " (lost in the cut)" : "");
    }

    List<Integer> elements(int object) throws IOException {
        return collections.elements(object);
    }

    /** True when the object is a collection, map or array whose elements can be read. */
    boolean isReadableCollection(int object) {
        return collections.readable(object);
    }

    /** Boxed primitives and atomic numbers/booleans become their primitive value. */
    HeapValue unwrap(HeapValue v) throws IOException {
        if (!v.isObject()) {
            return v;
        }
        String name = className(v.object());
        switch (name) {
            case "java.lang.Integer", "java.lang.Long", "java.lang.Short", "java.lang.Byte", "java.lang.Character",
                 "java.lang.Boolean", "java.lang.Float", "java.lang.Double",
                 "java.util.concurrent.atomic.AtomicInteger", "java.util.concurrent.atomic.AtomicLong" -> {
                HeapValue inner = field(v.object(), "value");
                return inner.isPrimitive() ? inner : v;
            }
            case "java.util.concurrent.atomic.AtomicBoolean" -> {
                HeapValue inner = field(v.object(), "value");  // an int, 0 or 1
                return inner.isPrimitive() ? HeapValue.primitive(BasicType.BOOLEAN, inner.asLong() != 0 ? 1 : 0) : v;
            }
            default -> {
                return v;
            }
        }
    }

    /** Short text for a value; null for ABSENT and NULL. Map entries under secret keys are masked unless asked. */
    String text(HeapValue v, boolean showSecrets) throws IOException {
        v = unwrap(v);
        if (v.isPrimitive()) {
            return switch (v.type()) {
                case BOOLEAN -> String.valueOf(v.bits() != 0);
                case CHAR -> String.valueOf((char) v.bits());
                case FLOAT -> String.valueOf(Float.intBitsToFloat((int) v.bits()));
                case DOUBLE -> String.valueOf(Double.longBitsToDouble(v.bits()));
                default -> String.valueOf(v.asLong());
            };
        }
        if (!v.isObject()) {
            return null;
        }
        return objectText(v.object(), showSecrets, 0);
    }

    private String objectText(int object, boolean showSecrets, int depth) throws IOException {
        HeapClass c = snapshot.classOf(object);
        String name = c.name();
        if (name.equals("java.lang.String")) {
            return snapshot.stringValue(object);
        }
        if (depth > 3) {
            return simpleName(name) + "@0x" + Long.toHexString(snapshot.address(object));
        }
        if (snapshot.isSubclassOf(c, "java.lang.Enum")) {
            String constant = stringField(object, "name");
            if (constant != null) {
                return constant;
            }
        }
        if (snapshot.isSubclassOf(c, "java.net.InetAddress")) {
            return inetAddress(object);
        }
        switch (name) {
            case "java.net.InetSocketAddress" -> {
                int holder = ref(object, "holder");
                if (holder >= 0) {
                    String host = stringField(holder, "hostname");
                    int addr = ref(holder, "addr");
                    if (addr >= 0) {
                        host = inetAddress(addr);
                    }
                    return host + ":" + intField(holder, 0, "port");
                }
            }
            case "java.net.URL" -> {
                String protocol = stringField(object, "protocol");
                String host = stringField(object, "host");
                int port = intField(object, -1, "port");
                String file = stringField(object, "file");
                return protocol + "://" + (host == null ? "" : host) + (port >= 0 ? ":" + port : "")
                        + (file == null ? "" : file);
            }
            case "java.net.URI", "okhttp3.HttpUrl" -> {
                String s = stringField(object, name.equals("java.net.URI") ? "string" : "url");
                if (s != null) {
                    return s;
                }
            }
            default -> {
            }
        }
        HeapValue unwrapped = unwrap(HeapValue.object(object));
        if (unwrapped.isPrimitive()) {
            return text(unwrapped, showSecrets);
        }
        List<HeapCollections.Entry> entries = collections.entries(object);
        if (!entries.isEmpty() || isMap(c)) {
            return mapText(entries, showSecrets, depth);
        }
        if (has(object, "host") && has(object, "port")) {
            HeapValue host = field(object, "host");
            String h = host.isObject() ? objectText(host.object(), showSecrets, depth + 1) : null;
            return h + ":" + intField(object, 0, "port");
        }
        return simpleName(name) + "@0x" + Long.toHexString(snapshot.address(object));
    }

    private boolean isMap(HeapClass c) {
        return snapshot.isSubclassOf(c, "java.util.AbstractMap") || snapshot.isSubclassOf(c, "java.util.Dictionary");
    }

    private String mapText(List<HeapCollections.Entry> entries, boolean showSecrets, int depth) throws IOException {
        List<String> parts = new ArrayList<>();
        for (HeapCollections.Entry e : entries) {
            String key = e.key() < 0 ? "null" : objectText(e.key(), showSecrets, depth + 1);
            String value = e.value() < 0 ? "null" : objectText(e.value(), showSecrets, depth + 1);
            if (!showSecrets && Redactor.isSecretName(key)) {
                value = Redactor.MASK;
            }
            parts.add(key + "=" + value);
        }
        parts.sort(null);  // hash order means nothing to a reader
        int shown = Math.min(parts.size(), MAX_MAP_ENTRIES_SHOWN);
        String more = parts.size() > shown ? ", ... (" + (parts.size() - shown) + " more)" : "";
        return "{" + String.join(", ", parts.subList(0, shown)) + more + "}";
    }

    private String inetAddress(int object) throws IOException {
        int holder = ref(object, "holder");
        if (holder < 0) {
            return simpleName(className(object));
        }
        String host = stringField(holder, "hostName");
        int family = intField(holder, 1, "family");
        if (family == 1) {
            int a = intField(holder, 0, "address");
            String ip = ((a >>> 24) & 0xFF) + "." + ((a >>> 16) & 0xFF) + "." + ((a >>> 8) & 0xFF) + "." + (a & 0xFF);
            return host == null || host.equals(ip) ? ip : host + "/" + ip;
        }
        return host == null ? "IPv6 address" : host;
    }

    private String stringField(int object, String name) throws IOException {
        HeapValue v = field(object, name);
        return v.isObject() ? snapshot.stringValue(v.object()) : null;
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
    }
}
