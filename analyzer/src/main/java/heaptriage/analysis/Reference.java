package heaptriage.analysis;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;

/**
 * How an object is held, in the retention tree and its headline: the kind, the class that owns the reference (the
 * class declaring a static field, the referring object's class for an instance field, the array's or collection's
 * class, the thread's class) and a name (the field's, the thread's for a stack local, the root kind for a root), or
 * an array index.
 *
 * @param kind       see {@link ReferenceKind}
 * @param ownerClass the owning class as above; null for a root
 * @param name       the field's name; the thread's name for a stack local; the first root kind for a GC root (null
 *                   when several roots share the object); else null
 * @param index      the array slot for {@link ReferenceKind#ARRAY_ELEMENT}, else null
 */
public record Reference(ReferenceKind kind, String ownerClass, String name, Integer index) {

    public static Reference staticField(String ownerClass, String field) {
        return new Reference(ReferenceKind.STATIC_FIELD, ownerClass, field, null);
    }

    public static Reference instanceField(String ownerClass, String field) {
        return new Reference(ReferenceKind.FIELD, ownerClass, field, null);
    }

    /** Whether the reference is a field, static or not. */
    public boolean viaField() {
        return kind == ReferenceKind.STATIC_FIELD || kind == ReferenceKind.FIELD;
    }

    /** Reads from the dump how {@code from} refers to {@code to} (see {@link GcRootPaths#reference}). */
    static Reference between(HeapSnapshot s, int from, int to) {
        PathStep step = GcRootPaths.reference(s, from, to, 0);
        HeapClass described = s.describedClass(from);
        String owner = described != null ? described.name() : s.classOf(from).name();
        String name = step.field();
        if (step.reference() == ReferenceKind.STACK_LOCAL && s.threadObjectsBySerial().containsValue(from)) {
            name = Threads.nameOf(s, from);
        }
        return new Reference(step.reference(), owner, name, step.index() >= 0 ? step.index() : null);
    }
}
