package heaptriage.analysis;

import heaptriage.hprof.RootKind;

import java.util.List;

/**
 * One step of a path from a GC root: how the previous step refers to this object, and the object (class, address,
 * retained size). The first step is the root itself: its {@code reference} is {@link ReferenceKind#GC_ROOT} with
 * the root kinds of its records, or {@link ReferenceKind#REACHABILITY_UNKNOWN} in a truncated dump.
 *
 * @param reference  the kind of reference from the previous step
 * @param field      the field's name for {@link ReferenceKind#FIELD} and {@link ReferenceKind#STATIC_FIELD}, else null
 * @param index      the array index for {@link ReferenceKind#ARRAY_ELEMENT}, else -1
 * @param rootKinds  the object's GC root kinds on the first step (in record order), else empty
 * @param className  the object's class name, {@code class com.acme.Foo} for a class object
 */
public record PathStep(ReferenceKind reference, String field, int index, List<RootKind> rootKinds,
                       String className, long address, long retainedBytes) {
    public PathStep {
        rootKinds = List.copyOf(rootKinds);
    }

    /** A step through a field, static field or array slot, or a pseudo reference. */
    public static PathStep via(ReferenceKind reference, String field, int index, String className, long address,
                               long retainedBytes) {
        return new PathStep(reference, field, index, List.of(), className, address, retainedBytes);
    }

    /** The first step of a path. */
    public static PathStep root(List<RootKind> rootKinds, String className, long address, long retainedBytes) {
        return new PathStep(rootKinds.isEmpty() ? ReferenceKind.REACHABILITY_UNKNOWN : ReferenceKind.GC_ROOT, null, -1,
                rootKinds, className, address, retainedBytes);
    }
}
