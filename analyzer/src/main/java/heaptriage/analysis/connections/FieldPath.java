package heaptriage.analysis.connections;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A dotted path of field names followed from an object, e.g. {@code queryExecutor.pgStream.hostSpec.host}. A
 * segment {@code name[]} stands for every element of the collection, map (its values) or array in that field; a
 * segment {@code name[key]} for the value under a string key of the map or {@code Properties} in that field.
 */
public record FieldPath(String text, List<Segment> segments) {
    /** How a segment continues from the field it names. */
    public enum Step { FIELD, ELEMENTS, LOOKUP }

    /** One segment: a field name, and what to do with the field's value. */
    public record Segment(String field, Step step, String key) {
    }

    private static final Pattern SEGMENT =
            Pattern.compile("([A-Za-z_$][A-Za-z0-9_$]*)(?:\\[([^\\[\\]]*)\\])?");

    public FieldPath {
        segments = List.copyOf(segments);
    }

    /** Parses a path; throws IllegalArgumentException saying which segment is malformed. */
    public static FieldPath parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("a field path must not be empty");
        }
        List<Segment> segments = new ArrayList<>();
        for (String part : text.split("\\.", -1)) {
            Matcher m = SEGMENT.matcher(part);
            if (!m.matches()) {
                throw new IllegalArgumentException("malformed segment '" + part + "' in field path '" + text
                        + "' (expected name, name[] or name[key], separated by dots)");
            }
            String key = m.group(2);
            Step step = key == null ? Step.FIELD : key.isEmpty() ? Step.ELEMENTS : Step.LOOKUP;
            segments.add(new Segment(m.group(1), step, step == Step.LOOKUP ? key : null));
        }
        return new FieldPath(text, segments);
    }

    /** True when the path ends in a secret (password, token...): values read through it are redacted. */
    public boolean touchesSecret() {
        Segment last = segments.get(segments.size() - 1);
        return Redactor.isSecretName(last.field()) || (last.key() != null && Redactor.isSecretName(last.key()));
    }

    @Override
    public String toString() {
        return text;
    }
}
