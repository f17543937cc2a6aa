package heaptriage.analysis;

import heaptriage.graph.DominatorChildren;
import heaptriage.graph.Retention;
import heaptriage.graph.SetRetainedSize;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;

/**
 * MAT's minimum retained size per class (the "&gt;=" figure of its histogram): the retained sizes of the class's
 * instances that have no other instance of the class above them in the dominator tree, summed; once for the
 * instances alone and once with the class object counted as a member too. One walk over the dominator tree.
 */
public final class ClassRetention {
    private final long[] instancesOnly;
    private final long[] withClassObject;

    private ClassRetention(long[] instancesOnly, long[] withClassObject) {
        this.instancesOnly = instancesOnly;
        this.withClassObject = withClassObject;
    }

    public static ClassRetention of(Retention retention) {
        HeapSnapshot s = retention.snapshot();
        int classes = s.classes().size();
        int[] slots = s.classSlots();
        long[] retained = retention.retainedSizes();
        DominatorChildren tree = retention.children();

        int[] activeInstances = new int[classes];    // instances of the class on the current tree path
        boolean[] classObjectActive = new boolean[classes];
        boolean[] classObjectOnTop = new boolean[classes];
        long[] top = new long[classes];
        long[] topBelowClassObject = new long[classes];

        // iterative depth-first walk with an explicit stack of (node, next child position)
        int[] stackNode = new int[64];
        int[] stackPos = new int[64];
        for (int root : tree.topLevel()) {
            int depth = 0;
            stackNode[0] = root;
            stackPos[0] = tree.start(root);
            enter(root, s, slots, retained, activeInstances, classObjectActive, classObjectOnTop, top, topBelowClassObject);
            while (depth >= 0) {
                int node = stackNode[depth];
                if (stackPos[depth] < tree.end(node)) {
                    int child = tree.childAt(stackPos[depth]++);
                    depth++;
                    if (depth == stackNode.length) {
                        stackNode = java.util.Arrays.copyOf(stackNode, depth * 2);
                        stackPos = java.util.Arrays.copyOf(stackPos, depth * 2);
                    }
                    stackNode[depth] = child;
                    stackPos[depth] = tree.start(child);
                    enter(child, s, slots, retained, activeInstances, classObjectActive, classObjectOnTop, top, topBelowClassObject);
                } else {
                    leave(node, s, slots, activeInstances, classObjectActive);
                    depth--;
                }
            }
        }

        long[] withClassObject = top.clone();
        for (HeapClass c : s.classes()) {
            int k = c.objectIndex();
            int slot = c.slot();
            if (k < 0 || !retention.inTree(k)) {
                continue;
            }
            if (slots[k] == slot) {
                // java.lang.Class: its class object is also one of its instances. MAT adds it a second time (its
                // member list holds it twice); we follow MAT by default, so both tools show the same number.
                if (isTopInstance(k, slot, retention, slots)) {
                    withClassObject[slot] = top[slot] + retained[k];
                }
                continue;
            }
            if (classObjectOnTop[slot]) {
                withClassObject[slot] = retained[k] + top[slot] - topBelowClassObject[slot];
            }
        }
        return new ClassRetention(top, withClassObject);
    }

    /** Whether no other instance of the class lies above this object in the dominator tree. */
    private static boolean isTopInstance(int object, int slot, Retention retention, int[] slots) {
        for (int d = retention.tree().idom(object); d >= 0; d = retention.tree().idom(d)) {
            if (slots[d] == slot) {
                return false;
            }
        }
        return true;
    }

    private static void enter(int v, HeapSnapshot s, int[] slots, long[] retained, int[] activeInstances,
                              boolean[] classObjectActive, boolean[] classObjectOnTop, long[] top, long[] topBelowClassObject) {
        int c = slots[v];
        if (activeInstances[c] == 0) {
            top[c] += retained[v];
            if (classObjectActive[c]) {
                topBelowClassObject[c] += retained[v];
            }
        }
        activeInstances[c]++;
        HeapClass described = s.describedClass(v);
        if (described != null) {
            classObjectOnTop[described.slot()] = activeInstances[described.slot()] == 0;
            classObjectActive[described.slot()] = true;
        }
    }

    private static void leave(int v, HeapSnapshot s, int[] slots, int[] activeInstances, boolean[] classObjectActive) {
        activeInstances[slots[v]]--;
        HeapClass described = s.describedClass(v);
        if (described != null) {
            classObjectActive[described.slot()] = false;
        }
    }

    /**
     * The exact ("precise" in MAT) retained size of all instances of a class, optionally with its class object:
     * the shallow size of everything that no root reaches any more once they are all removed. One reachability
     * pass over the heap per call, so meant for a few top classes.
     */
    public static long exact(Retention retention, int classSlot, boolean withClassObject) {
        HeapSnapshot s = retention.snapshot();
        int[] slots = s.classSlots();
        java.util.List<Integer> list = new java.util.ArrayList<>();
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == classSlot && retention.inTree(i)) {
                list.add(i);
            }
        }
        int k = s.classes().get(classSlot).objectIndex();
        if (withClassObject && k >= 0 && retention.inTree(k) && slots[k] != classSlot) {
            list.add(k);
        }
        int[] ids = list.stream().mapToInt(Integer::intValue).toArray();
        int[] shallow = s.shallowSizesIfAllFit();
        return SetRetainedSize.exact(retention.heapGraph().graph(), retention.heapGraph().roots(), shallow, ids,
                retention.usedHeap());
    }

    /** Minimum retained size of all instances of the class (MAT's "instances only" figure). */
    public long minimumOfInstances(int classSlot) {
        return instancesOnly[classSlot];
    }

    /** The same with the class object counted as a member (what MAT's histogram shows). */
    public long minimumWithClassObject(int classSlot) {
        return withClassObject[classSlot];
    }
}
