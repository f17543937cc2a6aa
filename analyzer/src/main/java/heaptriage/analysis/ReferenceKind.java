package heaptriage.analysis;

/**
 * How one object on a path refers to the next, as MAT names the references of a path from a GC root; the retention
 * tree adds the steps it summarises (an element of a collection, a thread-local value).
 */
public enum ReferenceKind {
    /** The first step: the object is a GC root (its root kinds say which). */
    GC_ROOT,
    /** The first step of a path in a truncated dump: no GC root reaches the object any more. */
    REACHABILITY_UNKNOWN,
    /** An instance field, by name. */
    FIELD,
    /** A static field of the class object, by name. */
    STATIC_FIELD,
    /** An element of an object array, by index. */
    ARRAY_ELEMENT,
    /** From an object to its class object. */
    CLASS,
    /** From a class object to its superclass, class loader or another class-level reference. */
    SUPER_OR_LOADER,
    /** A local variable of a thread's stack (MAT turns stack roots into references from the thread). */
    STACK_LOCAL,
    /** The referrer could not be read again. */
    UNREADABLE,
    /** In the retention tree: an element, or a map's key or value, of a collection, through its entries. */
    COLLECTION_ELEMENT,
    /** In the retention tree: the value of a thread-local variable, in a thread's ThreadLocalMap. */
    THREAD_LOCAL_VALUE
}
