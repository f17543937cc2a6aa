package heaptriage.analysis.connections;

import heaptriage.heap.HeapSnapshot;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads one connection object as its catalogue kind says: state (the first state rule that decides wins; a kind
 * whose state fields are all absent in this library version gives UNKNOWN; when fields were read and no closing
 * rule held, OPEN), facts with secrets redacted unless {@code showSecrets}, and the wrapped layers. Not safe for
 * use by several threads at once (it caches instances read from the dump).
 */
public final class ConnectionInspector {
    private static final int MAX_DEPTH = 8;
    private final ConnectionRecognizer recognizer;
    private final HeapValues values;
    private final boolean showSecrets;

    /** What decided a state. */
    private record Reading(ConnectionState state, String evidence) {
    }

    public ConnectionInspector(ConnectionRecognizer recognizer, boolean showSecrets) {
        this.recognizer = recognizer;
        this.values = new HeapValues(recognizer.snapshot());
        this.showSecrets = showSecrets;
    }

    /** An inspector over the built-in catalogue that keeps secrets masked. */
    public static ConnectionInspector of(HeapSnapshot snapshot) {
        return new ConnectionInspector(ConnectionRecognizer.of(snapshot, ConnectionCatalog.builtIn()), false);
    }

    public ConnectionRecognizer recognizer() {
        return recognizer;
    }

    /** Everything about a recognised connection object; IllegalArgumentException when it is not one. */
    public ConnectionInfo inspect(int object) throws IOException {
        ConnectionKind kind = requireKind(object);
        Reading r = read(object, kind, 0);
        return new ConnectionInfo(object, values.className(object), kind, r.state(), r.evidence(),
                facts(object), layers(object));
    }

    /** The state alone. */
    public ConnectionState state(int object) throws IOException {
        return read(object, requireKind(object), 0).state();
    }

    /** Fact name to value, in catalogue order; facts that are absent or null are left out. */
    public Map<String, String> facts(int object) throws IOException {
        return facts(object, requireKind(object).facts());
    }

    Map<String, String> facts(int object, Map<String, FactSpec> specs) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        for (Map.Entry<String, FactSpec> e : specs.entrySet()) {
            String value = fact(object, e.getKey(), e.getValue(), values, showSecrets);
            if (value != null) {
                out.put(e.getKey(), value);
            }
        }
        return out;
    }

    static String fact(int object, String name, FactSpec spec, HeapValues values, boolean showSecrets)
            throws IOException {
        HeapValues.Found found = values.first(object, spec.paths());
        if (found.value().isMissing()) {
            return "unknown: " + values.missingReason(found.path());
        }
        String text = values.text(found.value(), showSecrets);
        if (text == null) {
            return null;
        }
        String label = spec.labels().get(text);
        if (label != null) {
            text = label;
        }
        return Redactor.redact(name, found.path() != null && found.path().touchesSecret(), text, showSecrets);
    }

    /** The catalogued connection objects this one wraps directly, outer to inner as the catalogue lists them. */
    public List<Layer> layers(int object) throws IOException {
        ConnectionKind kind = requireKind(object);
        List<Layer> out = new ArrayList<>();
        BitSet seen = new BitSet();
        seen.set(object);
        for (FieldPath p : kind.wraps()) {
            for (HeapValue v : values.resolve(object, p, false)) {
                if (v.isObject() && !seen.get(v.object())) {
                    ConnectionKind inner = recognizer.kindOf(v.object());
                    if (inner != null) {
                        seen.set(v.object());
                        out.add(new Layer(v.object(), inner, values.className(v.object()), p.text()));
                    }
                }
            }
        }
        return out;
    }

    /** Every layer below this object, breadth first (a proxy, then its pool entry and physical connection...). */
    public List<Layer> layerChain(int object) throws IOException {
        List<Layer> out = new ArrayList<>();
        BitSet seen = new BitSet();
        seen.set(object);
        Deque<int[]> queue = new ArrayDeque<>();
        queue.add(new int[] {object, 0});
        while (!queue.isEmpty()) {
            int[] at = queue.poll();
            if (at[1] >= MAX_DEPTH) {
                continue;
            }
            for (Layer l : layers(at[0])) {
                if (!seen.get(l.object())) {
                    seen.set(l.object());
                    out.add(l);
                    queue.add(new int[] {l.object(), at[1] + 1});
                }
            }
        }
        return out;
    }

    private ConnectionKind requireKind(int object) {
        ConnectionKind kind = recognizer.kindOf(object);
        if (kind == null) {
            throw new IllegalArgumentException("object " + object + " (" + values.className(object)
                    + ") is not a catalogued connection");
        }
        return kind;
    }

    /**
     * The first rule that holds decides. A rule that reads through a reference whose object is missing from the dump
     * cannot be checked: unless another rule decides, the state is UNKNOWN, never what a null would have meant.
     */
    private Reading read(int object, ConnectionKind kind, int depth) throws IOException {
        String firstRead = null;
        String unknownBecause = null;
        for (StateRule rule : kind.state()) {
            if (rule.inherit()) {
                for (HeapValue v : values.resolve(object, rule.path(), false)) {
                    if (v.isMissing() && unknownBecause == null) {
                        unknownBecause = values.missingReason(rule.path());
                    }
                    ConnectionKind inner = v.isObject() ? recognizer.kindOf(v.object()) : null;
                    if (inner != null && depth < MAX_DEPTH && v.object() != object) {
                        Reading r = read(v.object(), inner, depth + 1);
                        if (r.state() != ConnectionState.UNKNOWN) {
                            return new Reading(r.state(), "as its " + rule.path() + " (" + inner.kind() + "): "
                                    + r.evidence());
                        }
                    }
                }
                continue;
            }
            List<HeapValue> found = values.resolve(object, rule.path(), true);
            HeapValue v = found.isEmpty() ? HeapValue.ABSENT : found.get(0);
            if (v.isAbsent()) {
                continue;
            }
            Conditions.Truth holds = Conditions.evaluate(rule.condition(), v, values);
            if (holds == Conditions.Truth.TRUE) {
                return new Reading(rule.result(), describe(rule.path(), v));
            }
            if (holds == Conditions.Truth.UNKNOWN) {
                if (unknownBecause == null) {
                    unknownBecause = values.missingReason(rule.path());
                }
            } else if (firstRead == null) {
                firstRead = describe(rule.path(), v);
            }
        }
        if (unknownBecause != null) {
            return new Reading(ConnectionState.UNKNOWN, unknownBecause + ", so its state cannot be read");
        }
        if (firstRead != null) {
            return new Reading(ConnectionState.OPEN, "no closing condition holds (" + firstRead + ")");
        }
        return new Reading(ConnectionState.UNKNOWN, kind.state().isEmpty() ? "the catalogue has no state rules"
                : "none of the state fields is present in this library version");
    }

    private String describe(FieldPath path, HeapValue v) throws IOException {
        if (v.isNull()) {
            return path + " is null";
        }
        String text = values.text(v, showSecrets);
        if (v.isObject() && (text == null || text.contains("@0x"))) {
            text = values.className(v.object());
        }
        return path + " = " + Redactor.redact("", path.touchesSecret(), text, showSecrets);
    }
}
