package heaptriage.analysis;

import heaptriage.hprof.RootKind;

import java.util.List;

/**
 * Who keeps an object alive, in the terms a developer looks for in the code: the class and field that hold it
 * (through any collection in between), or the thread whose stack holds it. Found on the shortest path from a GC
 * root, skipping the insides of collections (HashMap nodes, backing arrays...).
 *
 * @param kind           {@link HolderKind#STATIC_FIELD}, {@link HolderKind#INSTANCE_FIELD} (any reference from an
 *                       object: a field, an array slot...), {@link HolderKind#THREAD_STACK} or {@link HolderKind#ROOT}
 * @param holderClass    the class declaring the field (for a class object, the class it describes), or the thread's
 *                       class for a stack local
 * @param holderAddress  the holding object's address (the class object for a static field, the thread for a local)
 * @param reference      the step from the holder to the next object on the path (its field, index or pseudo
 *                       reference), or null when the root itself is the holder
 * @param container      the collection between the field and the object (e.g. {@code java.util.HashMap}), or null
 * @param threadName     the thread's name for a stack local, null when the thread is not known or not relevant
 * @param rootKinds      the kinds of GC root the path starts at; empty when no GC root reaches it
 * @param reachabilityUnknown the path starts at an object no GC root reaches (a truncated dump lost its referrers)
 * @param path           the path from the GC root
 */
public record ObjectHolder(HolderKind kind, String holderClass, long holderAddress, PathStep reference, String container,
                      String threadName, List<RootKind> rootKinds, boolean reachabilityUnknown, List<PathStep> path) {

    /** The field's name for a field holder; null for a stack local, a root, or an array slot. */
    public String field() {
        return reference == null ? null : reference.field();
    }

    public boolean isStatic() {
        return kind == HolderKind.STATIC_FIELD;
    }

    public boolean onThreadStack() {
        return kind == HolderKind.THREAD_STACK;
    }
}
