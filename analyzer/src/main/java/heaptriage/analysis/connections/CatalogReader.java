package heaptriage.analysis.connections;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Turns catalogue JSON into {@link ConnectionKind} and {@link PoolKind} records. Jackson binds the file into
 * {@link CatalogFile} strictly (unknown and duplicate keys, nulls, wrong JSON types and coercions such as
 * {@code "true"} for {@code true} are refused); this class checks the rules that span several fields and turns
 * every failure into one {@link CatalogException} line naming the file, line, column and entry.
 */
final class CatalogReader {
    private static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .withCoercionConfigDefaults(c -> Stream.of(CoercionInputShape.values())
                    .forEach(shape -> c.setCoercion(shape, CoercionAction.Fail)))
            .defaultSetterInfo(JsonSetter.Value.forContentNulls(Nulls.FAIL))
            .addModule(CatalogValues.module())
            .build();

    private final String source;
    private final String json;

    private CatalogReader(String source, String json) {
        this.source = source;
        this.json = json;
    }

    record Parsed(List<ConnectionKind> kinds, List<PoolKind> pools) {
    }

    static Parsed read(String source, String json) {
        return new CatalogReader(source, json).read();
    }

    private Parsed read() {
        try (JsonParser p = MAPPER.createParser(json)) {
            return read(p);
        } catch (IOException e) {
            throw new CatalogException(source, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    /** Binds and checks; a failure is described while the parser still says which token it was at. */
    private Parsed read(JsonParser p) throws IOException {
        try {
            if (p.nextToken() == null) {
                throw new CatalogException(source, 0, 0, "the file is empty");
            }
            JsonLocation start = p.currentTokenLocation();
            CatalogFile.Top top = MAPPER.readValue(p, CatalogFile.Top.class);
            if (p.nextToken() != null) {
                throw error(p.currentTokenLocation(), "unexpected content after the end of the catalogue object");
            }
            return build(top, start);
        } catch (JsonMappingException e) {
            if (e.getCause() instanceof StreamReadException broken) {
                throw notJson(broken);
            }
            if (e instanceof UnrecognizedPropertyException u) {
                List<JsonMappingException.Reference> object = u.getPath().subList(0, u.getPath().size() - 1);
                throw error(keyLocation(u.getPath(), u.getLocation()), where(object) + ": " + problem(e));
            }
            throw error(e.getLocation(), where(e.getPath()) + ": " + problem(e));
        } catch (StreamReadException e) {
            throw notJson(e);
        }
    }

    private CatalogException notJson(StreamReadException e) {
        return error(e.getLocation(), "not valid JSON: " + e.getOriginalMessage());
    }

    private Parsed build(CatalogFile.Top top, JsonLocation start) {
        Located<Integer> version = top.version();
        if (version == null || version.value() != 1) {
            throw error(version == null ? start : version.at(), "\"version\" must be 1");
        }
        List<ConnectionKind> kinds = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < top.kinds().size(); i++) {
            Located<CatalogFile.Kind> entry = top.kinds().get(i);
            ConnectionKind kind = kind(entry, entryName("kinds", i, "kind", entry.value().kind()));
            if (!ids.add(kind.kind())) {
                throw error(entry.at(), "kinds[" + i + "]: kind '" + kind.kind() + "' is defined twice");
            }
            kinds.add(kind);
        }
        List<PoolKind> pools = new ArrayList<>();
        Set<String> poolIds = new HashSet<>();
        for (int i = 0; i < top.pools().size(); i++) {
            Located<CatalogFile.Pool> entry = top.pools().get(i);
            PoolKind pool = pool(entry, entryName("pools", i, "pool", entry.value().kind()));
            if (!poolIds.add(pool.kind())) {
                throw error(entry.at(), "pools[" + i + "]: kind '" + pool.kind() + "' is defined twice");
            }
            pools.add(pool);
        }
        return new Parsed(kinds, pools);
    }

    private ConnectionKind kind(Located<CatalogFile.Kind> entry, String at) {
        CatalogFile.Kind k = entry.value();
        require(entry, k.kind(), at + ": \"kind\" (a string id) is required");
        require(entry, k.category(), at + ": \"category\" (a non-empty string) is required");
        require(entry, k.displayName(), at + ": \"displayName\" (a non-empty string) is required");
        if (k.classNames().isEmpty() && k.superclasses().isEmpty() && k.nameSuffixes().isEmpty()) {
            throw error(entry.at(), at + ": give at least one of \"classNames\", \"superclasses\" (or, for a "
                    + "low-confidence entry, \"nameSuffixes\")");
        }
        if (!k.nameSuffixes().isEmpty() && !k.lowConfidence()) {
            throw error(entry.at(), at + ": \"nameSuffixes\" guesses from names alone, so the entry must say "
                    + "\"lowConfidence\": true");
        }
        List<StateRule> state = new ArrayList<>();
        for (int i = 0; i < k.state().size(); i++) {
            state.add(rule(k.state().get(i), at + ": state[" + i + "]"));
        }
        return new ConnectionKind(k.kind(), k.category(), k.displayName(), k.classNames(), k.superclasses(),
                k.nameSuffixes(), k.excludeSuperclasses(), k.excludeNames(), state, k.facts(), k.wraps(),
                k.lowConfidence(), k.source());
    }

    private PoolKind pool(Located<CatalogFile.Pool> entry, String at) {
        CatalogFile.Pool p = entry.value();
        require(entry, p.kind(), at + ": \"kind\" (a string id) is required");
        require(entry, p.displayName(), at + ": \"displayName\" (a non-empty string) is required");
        if (p.classNames().isEmpty() && p.superclasses().isEmpty()) {
            throw error(entry.at(), at + ": give at least one of \"classNames\" and \"superclasses\"");
        }
        return new PoolKind(p.kind(), p.displayName(), p.classNames(), p.superclasses(), p.name(), p.maxSize(),
                p.active(), p.idle(), p.total(), p.facts(), p.source());
    }

    /** A state rule: a field and exactly one of closedWhen, openWhen, notConnectedWhen and inherit. */
    private StateRule rule(Located<CatalogFile.StateEntry> located, String at) {
        CatalogFile.StateEntry rule = located.value();
        require(located, rule.field(), at + ": \"field\" (a field path) is required");
        Map<String, Object> given = new java.util.LinkedHashMap<>();
        given.put("closedWhen", rule.closedWhen());
        given.put("openWhen", rule.openWhen());
        given.put("notConnectedWhen", rule.notConnectedWhen());
        given.put("inherit", rule.inherit());
        given.values().removeIf(v -> v == null);
        if (given.size() != 1) {
            throw error(located.at(), at + ": give exactly one of \"closedWhen\", \"openWhen\", \"notConnectedWhen\" "
                    + "and \"inherit\"" + (given.isEmpty() ? "" : " (found " + String.join(", ", given.keySet()) + ")"));
        }
        if (rule.inherit() != null) {
            if (!rule.inherit()) {
                throw error(located.at(), at + ": \"inherit\" can only be true");
            }
            return StateRule.inheritFrom(rule.field());
        }
        if (rule.closedWhen() != null) {
            return StateRule.when(rule.field(), rule.closedWhen(), ConnectionState.CLOSED);
        }
        if (rule.openWhen() != null) {
            return StateRule.when(rule.field(), rule.openWhen(), ConnectionState.OPEN);
        }
        return StateRule.when(rule.field(), rule.notConnectedWhen(), ConnectionState.NOT_CONNECTED);
    }

    private void require(Located<?> entry, Object value, String message) {
        if (value == null) {
            throw error(entry.at(), message);
        }
    }

    /** "kinds[3] (kind 'h2')", or "kinds[3]" while the id is unknown. */
    private static String entryName(String list, int index, String noun, String id) {
        return list + "[" + index + "]" + (id == null ? "" : " (" + noun + " '" + id + "')");
    }

    /** Where a binding failure is: "kinds[0] (kind 'acme'): state[1].closedWhen", or "the catalogue". */
    private String where(List<JsonMappingException.Reference> path) {
        List<JsonMappingException.Reference> rest = path;
        String entry = "";
        if (path.size() >= 2 && path.get(1).getIndex() >= 0
                && ("kinds".equals(path.get(0).getFieldName()) || "pools".equals(path.get(0).getFieldName()))) {
            String list = path.get(0).getFieldName();
            entry = entryName(list, path.get(1).getIndex(), list.equals("kinds") ? "kind" : "pool",
                    idOf(list, path.get(1).getIndex()));
            rest = path.subList(2, path.size());
        }
        StringBuilder s = new StringBuilder();
        for (JsonMappingException.Reference r : rest) {
            if (r.getFieldName() != null) {
                s.append(s.isEmpty() ? "" : ".").append(r.getFieldName());
            } else {
                s.append('[').append(r.getIndex()).append(']');
            }
        }
        if (entry.isEmpty()) {
            return s.isEmpty() ? "the catalogue" : s.toString();
        }
        return s.isEmpty() ? entry : entry + ": " + s;
    }

    /** The id of an entry whose binding failed, read leniently to name it in the message; null when there is none. */
    private String idOf(String list, int index) {
        try {
            JsonNode id = MAPPER.readTree(json).path(list).path(index).path("kind");
            return id.isTextual() ? id.textValue() : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /**
     * Where the key at the end of {@code path} is written. Jackson reports an unknown key of a record once the whole
     * object is read, at its end; the user wants the line of the key.
     */
    private JsonLocation keyLocation(List<JsonMappingException.Reference> path, JsonLocation fallback) {
        StringBuilder pointer = new StringBuilder();
        for (JsonMappingException.Reference r : path) {
            pointer.append('/').append(r.getFieldName() != null
                    ? r.getFieldName().replace("~", "~0").replace("/", "~1") : String.valueOf(r.getIndex()));
        }
        JsonPointer key = JsonPointer.compile(pointer.toString());
        try (JsonParser p = MAPPER.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.getParsingContext().pathAsPointer().equals(key)) {
                    return p.currentTokenLocation();
                }
            }
        } catch (IOException e) {
            return fallback;
        }
        return fallback;
    }

    /** What is wrong, for a failure Jackson reported while binding. */
    private static String problem(JsonMappingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            return "unknown key '" + u.getPropertyName() + "' (known: " + sorted(u.getKnownPropertyIds()) + ")";
        }
        if (e instanceof InvalidNullException) {
            return "null is not allowed; leave the key out or give a value";
        }
        if (e instanceof MismatchedInputException m && !(e instanceof CatalogValueException)
                && m.getProcessor() instanceof JsonParser p) {
            return "expected " + expected(m.getTargetType()) + ", not " + CatalogValues.describe(p);
        }
        return e.getOriginalMessage();
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another value";
        }
        if (Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        return "an object";
    }

    private static String sorted(Collection<Object> keys) {
        return keys.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }

    private CatalogException error(JsonLocation at, String message) {
        return new CatalogException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), message);
    }
}
