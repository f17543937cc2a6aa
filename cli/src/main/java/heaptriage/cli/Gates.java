package heaptriage.cli;

import heaptriage.report.Report;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The CI gates of {@code analyze}: each that trips adds a line saying why; any trip means exit code 1. */
final class Gates {
    /** What {@code --fail-on} can name. */
    enum FailOn { connection_leak, suspect, truncated }

    private Gates() {
    }

    /** The gated class names of which the report has no live instance: such a gate can never trip. */
    static List<String> missingClasses(Report r, java.util.Collection<String> gated) {
        java.util.Set<String> present = new java.util.HashSet<>();
        r.histogram().forEach(row -> present.add(row.className()));
        return gated.stream().filter(c -> !present.contains(c)).toList();
    }

    static List<String> check(Report r, List<FailOn> failOn, Long maxUsedHeap, Map<String, Long> maxRetained, boolean strict) {
        List<String> tripped = new ArrayList<>();
        if (failOn.contains(FailOn.connection_leak)) {
            r.connections().stream().filter(Report.Connection::isLeak).forEach(f -> tripped.add(String.format(Locale.ROOT,
                    "connection-leak: %,d %s held by %s", f.count(), f.className(), f.holder().description())));
        }
        if (failOn.contains(FailOn.suspect)) {
            // only suspects whose chain ends at application code: a class loader or the class objects are no leak
            r.suspects().stream().filter(Report.Suspect::application).forEach(s -> tripped.add(String.format(Locale.ROOT,
                    "suspect: %s retains %,d bytes (%.1f%%)%s", s.className(), s.retainedBytes(), s.percentOfHeap(),
                    s.applicationField() == null ? "" : ", held by " + s.applicationField().ownerClass() + "."
                            + s.applicationField().name())));
        }
        if ((strict || failOn.contains(FailOn.truncated)) && r.dump().truncated()) {
            tripped.add("truncated: the dump is cut short (--strict)");
        }
        if (maxUsedHeap != null && r.heap().usedHeapBytes() > maxUsedHeap) {
            tripped.add(String.format(Locale.ROOT, "max-used-heap: used heap %,d bytes > %,d", r.heap().usedHeapBytes(), maxUsedHeap));
        }
        maxRetained.forEach((className, limit) -> r.histogram().stream()
                .filter(row -> row.className().equals(className) && row.retainedBytes() > limit)
                .forEach(row -> tripped.add(String.format(Locale.ROOT, "max-retained: %s retains %,d bytes > %,d",
                        className, row.retainedBytes(), limit))));
        return tripped;
    }
}
