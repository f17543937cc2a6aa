package heaptriage.analysis;

import java.util.List;

/**
 * Who keeps an object alive, in the terms a developer looks for in the code: the class and field that hold it
 * (through any collection in between), or the thread whose stack holds it. Found on the shortest path from a GC
 * root, skipping the insides of collections (HashMap nodes, backing arrays...).
 *
 * @param holderClass    the class declaring the field, or the thread's class for a stack local
 * @param field          the field (e.g. {@code openExports}), or the thread name for a stack local
 * @param isStatic       whether the field is static
 * @param container      the collection between the field and the object (e.g. {@code java.util.HashMap}), or null
 * @param onThreadStack  held by a thread's local variable (a borrowed connection mid-request)
 * @param rootKind       the kind of GC root the path starts at
 * @param reachabilityUnknown the path starts at an object no GC root reaches (a truncated dump lost its referrers)
 * @param path           the path from the GC root
 */
public record Holding(String holderClass, String field, boolean isStatic, String container, boolean onThreadStack,
                      String rootKind, boolean reachabilityUnknown, List<PathStep> path) {

    /** {@code com.acme.Foo.bar (static)}, {@code com.acme.Foo.bar}, or {@code thread "worker-1"}. */
    public String describe() {
        if (onThreadStack) {
            return "stack of thread \"" + field + "\"";
        }
        if (field == null) {
            return holderClass;
        }
        return holderClass + "." + field + (isStatic ? " (static)" : "");
    }
}
