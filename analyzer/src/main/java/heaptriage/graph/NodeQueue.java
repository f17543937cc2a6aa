package heaptriage.graph;

import heaptriage.memory.IntArray;
import heaptriage.memory.IntList;
import heaptriage.memory.Storage;

/**
 * A FIFO of node numbers that holds each node at most once (callers mark on enqueue), for breadth-first walks. With
 * mapped storage it is one file of a slot per node, so a walk over 10^8 objects needs no heap; on the heap it grows
 * as needed, so the many small walks (one object's retained set) do not pay for a node-sized array each.
 */
final class NodeQueue {
    private final IntArray mapped;
    private final IntList growing;
    private int size;

    private NodeQueue(IntArray mapped, IntList growing) {
        this.mapped = mapped;
        this.growing = growing;
    }

    /** A queue for walks over {@code g}, placed like the graph's own arrays. */
    static NodeQueue forGraph(IntGraph g) {
        Storage storage = g.storage();
        return storage.isMapped() ? new NodeQueue(storage.ints(g.nodeCount()), null) : new NodeQueue(null, new IntList(1024));
    }

    void add(int node) {
        if (mapped != null) {
            mapped.set(size++, node);
        } else {
            growing.add(node);
            size++;
        }
    }

    int get(int index) {
        return mapped != null ? mapped.get(index) : growing.get(index);
    }

    int size() {
        return size;
    }

    /** Gives a mapped queue's pages and file back. */
    void release() {
        if (mapped != null) {
            mapped.release();
        }
    }
}
