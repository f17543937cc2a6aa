package heaptriage.samples;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A parsed {@code jcmd <pid> GC.class_histogram} text: instances and bytes per class name. */
public final class Histogram {

    /** One class's line. */
    public record Entry(String className, long instances, long bytes) {
    }

    // "   7:          1234          56789  org.h2.jdbc.JdbcConnection" with an optional
    // " (java.base@17.0.15)" module suffix; array classes look like "[B" or "[Ljava.lang.Object;".
    private static final Pattern LINE =
            Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)(?:\\s+\\(.*\\))?\\s*$");
    private static final Pattern TOTAL = Pattern.compile("^\\s*Total\\s+(\\d+)\\s+(\\d+)\\s*$");

    private final Map<String, Entry> entries;
    private final long totalInstances;
    private final long totalBytes;

    private Histogram(Map<String, Entry> entries, long totalInstances, long totalBytes) {
        this.entries = Collections.unmodifiableMap(entries);
        this.totalInstances = totalInstances;
        this.totalBytes = totalBytes;
    }

    public static Histogram parse(Path file) {
        try {
            return parse(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read histogram " + file, e);
        }
    }

    public static Histogram parse(String text) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        long totalInstances = -1;
        long totalBytes = -1;
        for (String line : text.split("\\R")) {
            Matcher m = LINE.matcher(line);
            if (m.matches()) {
                String name = m.group(3);
                long instances = Long.parseLong(m.group(1));
                long bytes = Long.parseLong(m.group(2));
                // The same name can appear twice when two class loaders load it; count them together.
                entries.merge(name, new Entry(name, instances, bytes),
                        (a, b) -> new Entry(name, a.instances() + b.instances(), a.bytes() + b.bytes()));
                continue;
            }
            Matcher t = TOTAL.matcher(line);
            if (t.matches()) {
                totalInstances = Long.parseLong(t.group(1));
                totalBytes = Long.parseLong(t.group(2));
            }
        }
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("no histogram lines found");
        }
        return new Histogram(entries, totalInstances, totalBytes);
    }

    /** Instance count of a class, 0 if absent. */
    public long instances(String className) {
        Entry e = entries.get(className);
        return e == null ? 0 : e.instances();
    }

    public long bytes(String className) {
        Entry e = entries.get(className);
        return e == null ? 0 : e.bytes();
    }

    /** All classes in jcmd's order (largest #bytes first). */
    public Map<String, Entry> entries() {
        return entries;
    }

    /** The "Total" line's instance count, or -1 if the text had none. */
    public long totalInstances() {
        return totalInstances;
    }

    public long totalBytes() {
        return totalBytes;
    }
}
