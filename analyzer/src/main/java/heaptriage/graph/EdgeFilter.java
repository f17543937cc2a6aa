package heaptriage.graph;

/** Decides which edges a traversal must ignore, e.g. weak-reference fields when looking for paths to GC roots. */
@FunctionalInterface
public interface EdgeFilter {
    /** A filter that keeps every edge. */
    EdgeFilter NONE = (from, edgeIndex, to) -> false;

    /**
     * @param from      the source node
     * @param edgeIndex the position of the edge in {@link IntGraph#targets()}, so callers can map it to a field
     * @param to        the target node
     * @return true if the traversal must not follow this edge
     */
    boolean skip(int from, int edgeIndex, int to);
}
