package heaptriage.analysis.connections;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns catalogue JSON into {@link ConnectionKind} and {@link PoolKind} records, rejecting anything malformed. */
final class CatalogReader {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");
    private static final Set<String> TOP_KEYS = Set.of("version", "kinds", "pools", "comment");
    private static final Set<String> KIND_KEYS = Set.of("kind", "category", "displayName", "classNames",
            "superclasses", "nameSuffixes", "excludeSuperclasses", "excludeNames", "state", "facts", "wraps",
            "lowConfidence", "source", "comment");
    private static final Set<String> POOL_KEYS = Set.of("kind", "displayName", "classNames", "superclasses", "name",
            "maxSize", "active", "idle", "total", "facts", "source", "comment");
    private static final Set<String> RULE_KEYS = Set.of("field", "closedWhen", "openWhen", "notConnectedWhen",
            "inherit", "comment");

    private final String source;

    private CatalogReader(String source) {
        this.source = source;
    }

    record Parsed(List<ConnectionKind> kinds, List<PoolKind> pools) {
    }

    static Parsed read(String source, String json) {
        return new CatalogReader(source).top(JsonTree.parse(source, json));
    }

    private Parsed top(JsonTree root) {
        if (!root.isObject()) {
            throw error(root, "the catalogue must be a JSON object with \"version\", \"kinds\" and \"pools\"");
        }
        checkKeys(root, TOP_KEYS, "the catalogue");
        JsonTree version = root.fields().get("version");
        if (version == null || !(version.value() instanceof Long v) || v != 1) {
            throw error(version == null ? root : version, "\"version\" must be 1");
        }
        List<ConnectionKind> kinds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        JsonTree kindList = root.fields().get("kinds");
        if (kindList != null) {
            requireArray(kindList, "\"kinds\"");
            for (int i = 0; i < kindList.items().size(); i++) {
                ConnectionKind k = kind(kindList.items().get(i), "kinds[" + i + "]");
                if (!ids.add(k.kind())) {
                    throw error(kindList.items().get(i), "kinds[" + i + "]: kind '" + k.kind() + "' is defined twice");
                }
                kinds.add(k);
            }
        }
        List<PoolKind> pools = new ArrayList<>();
        Set<String> poolIds = new HashSet<>();
        JsonTree poolList = root.fields().get("pools");
        if (poolList != null) {
            requireArray(poolList, "\"pools\"");
            for (int i = 0; i < poolList.items().size(); i++) {
                PoolKind p = pool(poolList.items().get(i), "pools[" + i + "]");
                if (!poolIds.add(p.kind())) {
                    throw error(poolList.items().get(i), "pools[" + i + "]: kind '" + p.kind() + "' is defined twice");
                }
                pools.add(p);
            }
        }
        return new Parsed(kinds, pools);
    }

    private ConnectionKind kind(JsonTree entry, String where) {
        if (!entry.isObject()) {
            throw error(entry, where + " must be an object, not " + entry.describe());
        }
        String id = id(entry, where);
        String at = where + " (kind '" + id + "')";
        checkKeys(entry, KIND_KEYS, at);
        Map<String, JsonTree> f = entry.fields();
        String category = requiredString(entry, "category", at);
        if (!ID.matcher(category).matches()) {
            throw error(f.get("category"), at + ": \"category\" must be lower-case letters, digits and dashes");
        }
        String displayName = requiredString(entry, "displayName", at);
        List<String> classNames = classNames(f.get("classNames"), at + ": \"classNames\"");
        List<String> superclasses = classNames(f.get("superclasses"), at + ": \"superclasses\"");
        List<String> suffixes = strings(f.get("nameSuffixes"), at + ": \"nameSuffixes\"");
        List<String> excludeSupers = classNames(f.get("excludeSuperclasses"), at + ": \"excludeSuperclasses\"");
        List<String> excludeNames = strings(f.get("excludeNames"), at + ": \"excludeNames\"");
        boolean lowConfidence = bool(f.get("lowConfidence"), at + ": \"lowConfidence\"");
        if (classNames.isEmpty() && superclasses.isEmpty() && suffixes.isEmpty()) {
            throw error(entry, at + ": give at least one of \"classNames\", \"superclasses\" (or, for a "
                    + "low-confidence entry, \"nameSuffixes\")");
        }
        if (!suffixes.isEmpty() && !lowConfidence) {
            throw error(f.get("nameSuffixes"), at + ": \"nameSuffixes\" guesses from names alone, so the entry "
                    + "must say \"lowConfidence\": true");
        }
        List<StateRule> state = new ArrayList<>();
        JsonTree rules = f.get("state");
        if (rules != null) {
            requireArray(rules, at + ": \"state\"");
            for (int i = 0; i < rules.items().size(); i++) {
                state.add(rule(rules.items().get(i), at + ": state[" + i + "]"));
            }
        }
        Map<String, FactSpec> facts = facts(f.get("facts"), at);
        List<FieldPath> wraps = paths(f.get("wraps"), at + ": \"wraps\"", true);
        String src = optionalString(f.get("source"), at + ": \"source\"");
        return new ConnectionKind(id, category, displayName, classNames, superclasses, suffixes, excludeSupers,
                excludeNames, state, facts, wraps, lowConfidence, src);
    }

    private PoolKind pool(JsonTree entry, String where) {
        if (!entry.isObject()) {
            throw error(entry, where + " must be an object, not " + entry.describe());
        }
        String id = id(entry, where);
        String at = where + " (pool '" + id + "')";
        checkKeys(entry, POOL_KEYS, at);
        Map<String, JsonTree> f = entry.fields();
        String displayName = requiredString(entry, "displayName", at);
        List<String> classNames = classNames(f.get("classNames"), at + ": \"classNames\"");
        List<String> superclasses = classNames(f.get("superclasses"), at + ": \"superclasses\"");
        if (classNames.isEmpty() && superclasses.isEmpty()) {
            throw error(entry, at + ": give at least one of \"classNames\" and \"superclasses\"");
        }
        FactSpec name = f.containsKey("name") ? fact(f.get("name"), at + ": \"name\"") : null;
        return new PoolKind(id, displayName, classNames, superclasses, name,
                count(f.get("maxSize"), at + ": \"maxSize\""), count(f.get("active"), at + ": \"active\""),
                count(f.get("idle"), at + ": \"idle\""), count(f.get("total"), at + ": \"total\""),
                facts(f.get("facts"), at), optionalString(f.get("source"), at + ": \"source\""));
    }

    private String id(JsonTree entry, String where) {
        JsonTree k = entry.fields().get("kind");
        if (k == null || !k.isString()) {
            throw error(k == null ? entry : k, where + ": \"kind\" (a string id) is required");
        }
        if (!ID.matcher(k.text()).matches()) {
            throw error(k, where + ": kind '" + k.text() + "' must be lower-case letters, digits and dashes");
        }
        return k.text();
    }

    private StateRule rule(JsonTree rule, String at) {
        if (!rule.isObject()) {
            throw error(rule, at + " must be an object like {\"field\": \"isClosed\", \"closedWhen\": true}");
        }
        checkKeys(rule, RULE_KEYS, at);
        Map<String, JsonTree> f = rule.fields();
        JsonTree field = f.get("field");
        if (field == null || !field.isString()) {
            throw error(field == null ? rule : field, at + ": \"field\" (a field path) is required");
        }
        FieldPath path = path(field, at + ": \"field\"", false);
        List<String> deciders = new ArrayList<>();
        for (String key : List.of("closedWhen", "openWhen", "notConnectedWhen", "inherit")) {
            if (f.containsKey(key)) {
                deciders.add(key);
            }
        }
        if (deciders.size() != 1) {
            throw error(rule, at + ": give exactly one of \"closedWhen\", \"openWhen\", \"notConnectedWhen\" and "
                    + "\"inherit\"" + (deciders.isEmpty() ? "" : " (found " + String.join(", ", deciders) + ")"));
        }
        String key = deciders.get(0);
        if (key.equals("inherit")) {
            if (!Boolean.TRUE.equals(f.get(key).value())) {
                throw error(f.get(key), at + ": \"inherit\" can only be true");
            }
            return StateRule.inheritFrom(path);
        }
        ConnectionState result = switch (key) {
            case "closedWhen" -> ConnectionState.CLOSED;
            case "openWhen" -> ConnectionState.OPEN;
            default -> ConnectionState.NOT_CONNECTED;
        };
        return StateRule.when(path, condition(f.get(key), at + ": \"" + key + "\""), result);
    }

    /** true/false, a number, "null", "notNull", other text, {"bitsSet": n}, {"bitsClear": n}, {"class": glob}, or a list. */
    private Condition condition(JsonTree v, String at) {
        Object value = v.value();
        if (value instanceof Boolean b) {
            return new Condition.BooleanIs(b);
        }
        if (value instanceof Long n) {
            return new Condition.NumberIs(n);
        }
        if (value instanceof String s) {
            return switch (s) {
                case "null" -> new Condition.IsNull();
                case "notNull" -> new Condition.NotNull();
                default -> new Condition.TextIs(s);
            };
        }
        if (v.isArray() && !v.items().isEmpty()) {
            List<Condition> any = new ArrayList<>();
            for (int i = 0; i < v.items().size(); i++) {
                JsonTree item = v.items().get(i);
                if (item.isArray()) {
                    throw error(item, at + "[" + i + "]: lists cannot be nested");
                }
                any.add(condition(item, at + "[" + i + "]"));
            }
            return new Condition.AnyOf(any);
        }
        if (v.isObject() && v.fields().size() == 1) {
            Map.Entry<String, JsonTree> e = v.fields().entrySet().iterator().next();
            Object arg = e.getValue().value();
            switch (e.getKey()) {
                case "bitsSet", "bitsClear" -> {
                    if (!(arg instanceof Long mask) || mask == 0) {
                        throw error(e.getValue(), at + ": \"" + e.getKey() + "\" needs a non-zero integer mask");
                    }
                    return e.getKey().equals("bitsSet") ? new Condition.BitsSet(mask) : new Condition.BitsClear(mask);
                }
                case "class" -> {
                    if (!(arg instanceof String glob) || glob.isEmpty()) {
                        throw error(e.getValue(), at + ": \"class\" needs a class name (\"*\" as wildcard)");
                    }
                    return new Condition.ClassIs(glob);
                }
                default -> {
                }
            }
        }
        throw error(v, at + ": " + v.describe() + " is not a condition; use true, false, a number, \"null\", "
                + "\"notNull\", a string or enum name, {\"bitsSet\": n}, {\"bitsClear\": n}, {\"class\": \"glob\"}, "
                + "or a list of these");
    }

    private Map<String, FactSpec> facts(JsonTree v, String at) {
        Map<String, FactSpec> facts = new LinkedHashMap<>();
        if (v == null) {
            return facts;
        }
        if (!v.isObject()) {
            throw error(v, at + ": \"facts\" must be an object of fact name to field path(s)");
        }
        for (Map.Entry<String, JsonTree> e : v.fields().entrySet()) {
            facts.put(e.getKey(), fact(e.getValue(), at + ": facts." + e.getKey()));
        }
        return facts;
    }

    private FactSpec fact(JsonTree v, String at) {
        if (v.isObject()) {
            checkKeys(v, Set.of("paths", "labels"), at);
            JsonTree paths = v.fields().get("paths");
            if (paths == null) {
                throw error(v, at + ": \"paths\" is required");
            }
            Map<String, String> labels = new LinkedHashMap<>();
            JsonTree l = v.fields().get("labels");
            if (l != null) {
                if (!l.isObject()) {
                    throw error(l, at + ": \"labels\" must map raw values to words, e.g. {\"1\": \"in use\"}");
                }
                for (Map.Entry<String, JsonTree> e : l.fields().entrySet()) {
                    if (!e.getValue().isString()) {
                        throw error(e.getValue(), at + ": labels." + e.getKey() + " must be a string");
                    }
                    labels.put(e.getKey(), e.getValue().text());
                }
            }
            return new FactSpec(pathList(paths, at + ": \"paths\""), labels);
        }
        return new FactSpec(pathList(v, at), Map.of());
    }

    private CountSpec count(JsonTree v, String at) {
        if (v == null) {
            return null;
        }
        if (v.isObject()) {
            Map<String, JsonTree> f = v.fields();
            if (f.containsKey("subtract")) {
                checkKeys(v, Set.of("subtract"), at);
                JsonTree pair = f.get("subtract");
                if (!pair.isArray() || pair.items().size() != 2) {
                    throw error(pair, at + ": \"subtract\" needs a list of two counts [from, minus]");
                }
                return new CountSpec.Difference(count(pair.items().get(0), at + ".subtract[0]"),
                        count(pair.items().get(1), at + ".subtract[1]"));
            }
            checkKeys(v, Set.of("count", "where"), at);
            JsonTree paths = f.get("count");
            if (paths == null) {
                throw error(v, at + ": give a path or list of paths, {\"count\": path, \"where\": {...}} or "
                        + "{\"subtract\": [a, b]}");
            }
            List<FieldPath> list = pathList(paths, at + ": \"count\"");
            JsonTree where = f.get("where");
            if (where == null) {
                return new CountSpec.Count(list, null, null);
            }
            if (!where.isObject()) {
                throw error(where, at + ": \"where\" must be {\"field\": path, \"is\": condition}");
            }
            checkKeys(where, Set.of("field", "is"), at + ": \"where\"");
            JsonTree field = where.fields().get("field");
            JsonTree is = where.fields().get("is");
            if (field == null || !field.isString() || is == null) {
                throw error(where, at + ": \"where\" must be {\"field\": path, \"is\": condition}");
            }
            return new CountSpec.Count(list, path(field, at + ": where.field", false), condition(is, at + ": where.is"));
        }
        return new CountSpec.Read(pathList(v, at));
    }

    private List<FieldPath> pathList(JsonTree v, String at) {
        if (v.isString()) {
            return List.of(path(v, at, true));
        }
        List<FieldPath> paths = paths(v, at, true);
        if (paths.isEmpty()) {
            throw error(v, at + ": give a field path or a non-empty list of alternative paths");
        }
        return paths;
    }

    private List<FieldPath> paths(JsonTree v, String at, boolean elementsAllowed) {
        List<FieldPath> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        requireArray(v, at);
        for (int i = 0; i < v.items().size(); i++) {
            out.add(path(v.items().get(i), at + "[" + i + "]", elementsAllowed));
        }
        return out;
    }

    private FieldPath path(JsonTree v, String at, boolean elementsAllowed) {
        if (!v.isString()) {
            throw error(v, at + ": expected a field path string, not " + v.describe());
        }
        try {
            FieldPath p = FieldPath.parse(v.text());
            if (!elementsAllowed && p.segments().stream().anyMatch(s -> s.step() == FieldPath.Step.ELEMENTS)) {
                throw new IllegalArgumentException("'[]' (all elements) is not allowed here: a state or filter "
                        + "field reads one value");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw error(v, at + ": " + e.getMessage());
        }
    }

    private List<String> classNames(JsonTree v, String at) {
        List<String> names = strings(v, at);
        for (int i = 0; i < names.size(); i++) {
            String n = names.get(i);
            if (!CLASS_NAME.matcher(n).matches()) {
                throw error(v.items().get(i), at + "[" + i + "]: '" + n + "' is not a binary class name "
                        + "(use $ for nested classes, e.g. a.b.Outer$Inner)");
            }
        }
        return names;
    }

    private List<String> strings(JsonTree v, String at) {
        List<String> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        requireArray(v, at);
        for (int i = 0; i < v.items().size(); i++) {
            JsonTree item = v.items().get(i);
            if (!item.isString() || item.text().isEmpty()) {
                throw error(item, at + "[" + i + "]: expected a non-empty string, not " + item.describe());
            }
            out.add(item.text());
        }
        return out;
    }

    private String requiredString(JsonTree entry, String key, String at) {
        JsonTree v = entry.fields().get(key);
        if (v == null || !v.isString() || v.text().isBlank()) {
            throw error(v == null ? entry : v, at + ": \"" + key + "\" (a non-empty string) is required");
        }
        return v.text();
    }

    private String optionalString(JsonTree v, String at) {
        if (v == null) {
            return "";
        }
        if (!v.isString()) {
            throw error(v, at + " must be a string");
        }
        return v.text();
    }

    private boolean bool(JsonTree v, String at) {
        if (v == null) {
            return false;
        }
        if (!(v.value() instanceof Boolean b)) {
            throw error(v, at + " must be true or false");
        }
        return b;
    }

    private void requireArray(JsonTree v, String at) {
        if (!v.isArray()) {
            throw error(v, at + " must be a list, not " + v.describe());
        }
    }

    private void checkKeys(JsonTree object, Set<String> known, String at) {
        for (Map.Entry<String, JsonTree> e : object.fields().entrySet()) {
            if (!known.contains(e.getKey())) {
                throw error(e.getValue(), at + ": unknown key '" + e.getKey() + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
        }
    }

    private CatalogException error(JsonTree at, String message) {
        return new CatalogException(source, at.line(), at.column(), message);
    }
}
