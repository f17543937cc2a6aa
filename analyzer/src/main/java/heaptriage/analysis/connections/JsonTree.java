package heaptriage.analysis.connections;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value that remembers where it was written, so catalogue errors can name the line. Objects keep their key
 * order; duplicate keys are an error (Jackson's tree model would silently keep the last).
 */
record JsonTree(Object value, int line, int column) {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();

    static JsonTree parse(String source, String text) {
        try (JsonParser p = FACTORY.createParser(text)) {
            if (p.nextToken() == null) {
                throw new CatalogException(source, 0, 0, "the file is empty");
            }
            JsonTree tree = read(source, p);
            if (p.nextToken() != null) {
                JsonLocation at = p.currentTokenLocation();
                throw new CatalogException(source, at.getLineNr(), at.getColumnNr(),
                        "unexpected content after the end of the top-level value");
            }
            return tree;
        } catch (JsonParseException e) {
            JsonLocation at = e.getLocation();
            throw new CatalogException(source, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(),
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new CatalogException(source, 0, 0, "cannot read: " + e.getMessage());
        }
    }

    private static JsonTree read(String source, JsonParser p) throws IOException {
        JsonLocation at = p.currentTokenLocation();
        int line = at.getLineNr();
        int column = at.getColumnNr();
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, JsonTree> fields = new LinkedHashMap<>();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonLocation keyAt = p.currentTokenLocation();
                    p.nextToken();
                    JsonTree value = read(source, p);
                    if (fields.put(name, value) != null) {
                        throw new CatalogException(source, keyAt.getLineNr(), keyAt.getColumnNr(),
                                "duplicate key '" + name + "'");
                    }
                }
                return new JsonTree(fields, line, column);
            }
            case START_ARRAY -> {
                List<JsonTree> items = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    items.add(read(source, p));
                }
                return new JsonTree(items, line, column);
            }
            case VALUE_STRING -> {
                return new JsonTree(p.getText(), line, column);
            }
            case VALUE_NUMBER_INT -> {
                return new JsonTree(p.getLongValue(), line, column);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new JsonTree(p.getDoubleValue(), line, column);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new JsonTree(t == JsonToken.VALUE_TRUE, line, column);
            }
            case VALUE_NULL -> {
                return new JsonTree(null, line, column);
            }
            default -> throw new CatalogException(source, line, column, "unexpected JSON token " + t);
        }
    }

    boolean isObject() {
        return value instanceof Map;
    }

    boolean isArray() {
        return value instanceof List;
    }

    boolean isString() {
        return value instanceof String;
    }

    @SuppressWarnings("unchecked")
    Map<String, JsonTree> fields() {
        return (Map<String, JsonTree>) value;
    }

    @SuppressWarnings("unchecked")
    List<JsonTree> items() {
        return (List<JsonTree>) value;
    }

    String text() {
        return (String) value;
    }

    /** How the value looks in an error message. */
    String describe() {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return "\"" + s + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return String.valueOf(value);
    }
}
