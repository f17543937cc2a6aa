package heaptriage.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who keeps a group of objects alive in a scenario: {@code count} instances of {@code className},
 * reachable through {@code holderClass.holderField}. Used for leaks and for healthy holders alike.
 *
 * @param className  the retained class, e.g. {@code org.h2.jdbc.JdbcConnection}
 * @param count      exact number of retained instances through this holder
 * @param holderClass class declaring the field that holds them
 * @param holderField the field name
 * @param holderStatic whether that field is static (a GC root via the class) or an instance field
 * @param container  collection type between the field and the objects, or null if held directly
 * @param state      resource state where it matters ("open", "closed", "connected"), or null
 * @param note       one human sentence on how the holder is reached, or null
 */
public record Holding(String className, int count, String holderClass, String holderField,
                      boolean holderStatic, String container, String state, String note) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("className", className);
        m.put("count", count);
        m.put("holderClass", holderClass);
        m.put("holderField", holderField);
        m.put("holderStatic", holderStatic);
        if (container != null) {
            m.put("container", container);
        }
        if (state != null) {
            m.put("state", state);
        }
        if (note != null) {
            m.put("note", note);
        }
        return m;
    }
}
