package heaptriage.reference;

import heaptriage.heap.ClassNames;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Parses the text of {@code jcmd <pid> GC.class_histogram}: instances and bytes per class, names in Java form. */
public final class JcmdHistogram {
    /** One row of the JVM's histogram. */
    public record Row(long instances, long bytes) {
    }

    private JcmdHistogram() {
    }

    /**
     * Where our per-class instance counts differ from the JVM's, except the two differences that are expected:
     * java.lang.Class (the JVM also counts mirrors the dump has no class record for) and java.lang.ClassLoader
     * (MAT's pseudo object for the boot loader, which the JVM never allocates).
     */
    public static java.util.List<String> unexpectedDifferences(Map<String, Long> ours, Map<String, Row> jvm) {
        java.util.List<String> wrong = new java.util.ArrayList<>();
        jvm.forEach((className, row) -> {
            if (!className.equals("java.lang.Class") && row.instances() != ours.getOrDefault(className, 0L)) {
                wrong.add(className + ": JVM " + row.instances() + ", ours " + ours.getOrDefault(className, 0L));
            }
        });
        ours.forEach((className, count) -> {
            if (!jvm.containsKey(className) && !className.equals("java.lang.ClassLoader")) {
                wrong.add(className + ": JVM none, ours " + count);
            }
        });
        return wrong;
    }

    /** Rows by Java class name; hidden classes are renamed from {@code Foo/0x..} to MAT's {@code Foo+0x..}. */
    public static Map<String, Row> read(Path file) throws IOException {
        Map<String, Row> rows = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":") || !Character.isDigit(f[0].charAt(0))) {
                continue;
            }
            String name = ClassNames.toJava(f[3].replace("/0x", "+0x").replace('.', '/'));
            rows.merge(name, new Row(Long.parseLong(f[1]), Long.parseLong(f[2])),
                    (a, b) -> new Row(a.instances() + b.instances(), a.bytes() + b.bytes()));
        }
        return rows;
    }
}
