package heaptriage.analysis.connections;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How Jackson reads the catalogue's values that are more than one JSON type (a condition is {@code true}, a number,
 * a string, an object or a list; a count is a path or an object) or text with a format (ids, class names, field
 * paths). Each reader fails at the value's own line and column.
 */
final class CatalogValues {
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern CLASS_NAME = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*(\\.[A-Za-z_$][A-Za-z0-9_$]*)*");

    private CatalogValues() {
    }

    /** The readers for the catalogue's value types, for the catalogue's mapper only. */
    static SimpleModule module() {
        return new SimpleModule("heaptriage-catalogue")
                .addDeserializer(FieldPath.class, new PathReader())
                .addDeserializer(Condition.class, new ConditionReader())
                .addDeserializer(CountSpec.class, new CountReader())
                .addDeserializer(FactSpec.class, new FactReader());
    }

    /** A string that must follow a format; subclasses say which. */
    abstract static class CheckedText extends JsonDeserializer<String> {
        /** The problem with this text, or null when it is fine. */
        abstract String problem(String text);

        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = requireString(p, "a string");
            String problem = problem(text);
            if (problem != null) {
                throw wrong(p, problem);
            }
            return text;
        }
    }

    /** A stable id: {@code h2}, {@code hikari-proxy}, {@code pooled-jdbc}. */
    static final class Id extends CheckedText {
        @Override
        String problem(String text) {
            return ID.matcher(text).matches() ? null : "'" + text + "' must be lower-case letters, digits and dashes";
        }
    }

    /** A binary class name: {@code a.b.Outer$Inner}. */
    static final class ClassName extends CheckedText {
        @Override
        String problem(String text) {
            return CLASS_NAME.matcher(text).matches() ? null
                    : "'" + text + "' is not a binary class name (use $ for nested classes, e.g. a.b.Outer$Inner)";
        }
    }

    /** Text that says something: not empty, not only blanks. */
    static final class Text extends CheckedText {
        @Override
        String problem(String text) {
            return text.isBlank() ? "expected a non-empty string" : null;
        }
    }

    /** A field path in any place: {@code a.b[].c[key]}. */
    static class PathReader extends JsonDeserializer<FieldPath> {
        @Override
        public FieldPath deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            String text = requireString(p, "a field path string");
            try {
                FieldPath path = FieldPath.parse(text);
                check(path);
                return path;
            } catch (IllegalArgumentException e) {
                throw wrong(p, e.getMessage());
            }
        }

        /** Throws IllegalArgumentException when the path may not be used here. */
        void check(FieldPath path) {
        }
    }

    /** The path of a state rule or a count filter: it reads one value, so no {@code []}. */
    static final class OneValuePath extends PathReader {
        @Override
        void check(FieldPath path) {
            if (path.segments().stream().anyMatch(s -> s.step() == FieldPath.Step.ELEMENTS)) {
                throw new IllegalArgumentException("'[]' (all elements) is not allowed here: a state or filter "
                        + "field reads one value");
            }
        }
    }

    /** One field path, or a non-empty list of alternatives tried in order. */
    static final class Paths extends JsonDeserializer<List<FieldPath>> {
        @Override
        public List<FieldPath> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            PathReader path = new PathReader();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                return List.of(path.deserialize(p, ctxt));
            }
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw wrong(p, "expected a field path or a list of alternative paths, not " + describe(p));
            }
            JsonLocation at = p.currentTokenLocation();
            List<FieldPath> paths = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                paths.add(path.deserialize(p, ctxt));
            }
            if (paths.isEmpty()) {
                throw new CatalogValueException(p, at, "give a field path or a non-empty list of alternative paths");
            }
            return paths;
        }
    }

    /** A fact: one path, alternatives, or {"paths": ..., "labels": {"1": "in use"}}. */
    static final class FactReader extends JsonDeserializer<FactSpec> {
        @Override
        public FactSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return new FactSpec(new Paths().deserialize(p, ctxt), Map.of());
            }
            JsonLocation at = p.currentTokenLocation();
            CatalogFile.Fact fact = ctxt.readValue(p, CatalogFile.Fact.class);
            if (fact.paths() == null) {
                throw new CatalogValueException(p, at, "\"paths\" is required");
            }
            return new FactSpec(fact.paths(), fact.labels());
        }
    }

    /** A pool count: a path or paths to a number, {"count": paths, "where": {...}} or {"subtract": [a, b]}. */
    static final class CountReader extends JsonDeserializer<CountSpec> {
        @Override
        public CountSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.currentToken() != JsonToken.START_OBJECT) {
                return new CountSpec.Read(new Paths().deserialize(p, ctxt));
            }
            JsonLocation at = p.currentTokenLocation();
            CatalogFile.Count count = ctxt.readValue(p, CatalogFile.Count.class);
            if (count.subtract() != null) {
                if (count.count() != null || count.where() != null || count.subtract().size() != 2) {
                    throw new CatalogValueException(p, at,
                            "\"subtract\" stands alone and needs a list of two counts [from, minus]");
                }
                return new CountSpec.Difference(count.subtract().get(0), count.subtract().get(1));
            }
            if (count.count() == null) {
                throw new CatalogValueException(p, at, "give a path or list of paths, {\"count\": path, "
                        + "\"where\": {...}} or {\"subtract\": [a, b]}");
            }
            Located<CatalogFile.Where> where = count.where();
            if (where == null) {
                return new CountSpec.Count(count.count(), null, null);
            }
            if (where.value().field() == null || where.value().is() == null) {
                throw new CatalogValueException(p, where.at(), "\"where\" must be {\"field\": path, \"is\": condition}");
            }
            return new CountSpec.Count(count.count(), where.value().field(), where.value().is());
        }
    }

    /** true/false, a number, "null", "notNull", other text, {"bitsSet": n}, {"bitsClear": n}, {"class": glob}, or a list. */
    static final class ConditionReader extends JsonDeserializer<Condition> {
        @Override
        public Condition deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            switch (p.currentToken()) {
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Condition.BooleanIs(p.getBooleanValue());
                }
                case VALUE_NUMBER_INT -> {
                    return new Condition.NumberIs(p.getLongValue());
                }
                case VALUE_STRING -> {
                    return switch (p.getText()) {
                        case "null" -> new Condition.IsNull();
                        case "notNull" -> new Condition.NotNull();
                        default -> new Condition.TextIs(p.getText());
                    };
                }
                case START_ARRAY -> {
                    return anyOf(p, ctxt);
                }
                case START_OBJECT -> {
                    return operator(p, ctxt);
                }
                default -> throw notACondition(p, p.currentTokenLocation(), describe(p));
            }
        }

        private Condition anyOf(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            List<Condition> any = new ArrayList<>();
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (p.currentToken() == JsonToken.START_ARRAY) {
                    throw wrong(p, "lists of conditions cannot be nested");
                }
                any.add(deserialize(p, ctxt));
            }
            if (any.isEmpty()) {
                throw notACondition(p, at, "an empty list");
            }
            return new Condition.AnyOf(any);
        }

        private Condition operator(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonLocation at = p.currentTokenLocation();
            JsonNode node = ctxt.readTree(p);
            if (node.size() == 1) {
                Map.Entry<String, JsonNode> e = node.properties().iterator().next();
                JsonNode arg = e.getValue();
                switch (e.getKey()) {
                    case "bitsSet", "bitsClear" -> {
                        if (!arg.isIntegralNumber() || !arg.canConvertToLong() || arg.longValue() == 0) {
                            throw new CatalogValueException(p, at, "\"" + e.getKey() + "\" needs a non-zero integer mask");
                        }
                        return e.getKey().equals("bitsSet") ? new Condition.BitsSet(arg.longValue())
                                : new Condition.BitsClear(arg.longValue());
                    }
                    case "class" -> {
                        if (!arg.isTextual() || arg.textValue().isEmpty()) {
                            throw new CatalogValueException(p, at, "\"class\" needs a class name (\"*\" as wildcard)");
                        }
                        return new Condition.ClassIs(arg.textValue());
                    }
                    default -> {
                    }
                }
            }
            throw notACondition(p, at, node.toString());
        }

        private static CatalogValueException notACondition(JsonParser p, JsonLocation at, String found) {
            return new CatalogValueException(p, at, found + " is not a condition; use true, false, a number, "
                    + "\"null\", \"notNull\", a string or enum name, {\"bitsSet\": n}, {\"bitsClear\": n}, "
                    + "{\"class\": \"glob\"}, or a list of these");
        }
    }

    private static String requireString(JsonParser p, String expected) throws CatalogValueException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw wrong(p, "expected " + expected + ", not " + describe(p));
        }
        try {
            return p.getText();
        } catch (IOException e) {
            throw wrong(p, e.getMessage());
        }
    }

    /** A problem with the value at the parser's current token. */
    static CatalogValueException wrong(JsonParser p, String message) {
        return new CatalogValueException(p, p.currentTokenLocation(), message);
    }

    /** How the value at the parser's current token looks in a message. */
    static String describe(JsonParser p) {
        JsonToken t = p.currentToken();
        if (t == null) {
            return "the end of the file";
        }
        try {
            return switch (t) {
                case START_OBJECT, END_OBJECT, FIELD_NAME -> "an object";
                case START_ARRAY, END_ARRAY -> "a list";
                case VALUE_STRING -> "\"" + p.getText() + "\"";
                default -> p.getText();
            };
        } catch (IOException e) {
            return t.toString();
        }
    }
}
