package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.Storage;

/**
 * The stack of a depth-first walk without recursion: per node on the current path, the next of its edges to try and
 * the end of its edges. With mapped storage it is one file of two slots per node (a path can be as long as the heap
 * has nodes, a linked list's); on the heap it grows as needed, so the many small walks do not pay for a node-sized
 * array each.
 */
final class EdgeCursors {
    private final IntArray mapped;
    private final IntList growing;
    /** Ints on the stack: two per node on the path. */
    private int size;

    private EdgeCursors(IntArray mapped, IntList growing) {
        this.mapped = mapped;
        this.growing = growing;
    }

    /** A stack for walks over {@code g}, placed like the graph's own arrays. */
    static EdgeCursors forGraph(IntGraph g) {
        Storage storage = g.storage();
        return storage.isMapped() ? new EdgeCursors(storage.ints(2L * g.nodeCount()), null)
                : new EdgeCursors(null, new IntList(1024));
    }

    /** Puts the node's edges [first, end) on top. */
    void push(int first, int end) {
        if (mapped != null) {
            mapped.set(size, first);
            mapped.set(size + 1L, end);
        } else {
            growing.add(first);
            growing.add(end);
        }
        size += 2;
    }

    /** The next edge to try of the node on top. */
    int next() {
        return mapped != null ? mapped.get(size - 2L) : growing.get(size - 2);
    }

    /** The end of the edges of the node on top. */
    int end() {
        return mapped != null ? mapped.get(size - 1L) : growing.get(size - 1);
    }

    /** Sets the next edge to try of the node on top. */
    void setNext(int edge) {
        if (mapped != null) {
            mapped.set(size - 2L, edge);
        } else {
            growing.set(size - 2, edge);
        }
    }

    /** Drops the node on top: all its edges were tried. */
    void pop() {
        size -= 2;
        if (growing != null) {
            growing.pop();
            growing.pop();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Gives a mapped stack's pages and file back. */
    void release() {
        if (mapped != null) {
            mapped.release();
        }
    }
}
