package heaptriage.analysis;

/**
 * One step of a path from a GC root: the object (class and address), and how the previous step refers to it
 * (a field name, an array index like {@code [12]}, {@code <Java Local>}, {@code <class>}); the first step names
 * its root kind instead.
 */
public record PathStep(String className, long address, String via, long retainedBytes) {
}
