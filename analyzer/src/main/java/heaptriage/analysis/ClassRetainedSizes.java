package heaptriage.analysis;

import heaptriage.graph.DominatorChildren;
import heaptriage.graph.RetainedHeap;
import heaptriage.graph.GroupRetainedSizes;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;

/**
 * Retained sizes per class. The instance methods give MAT's minimum retained size per class (the "&gt;=" figure of
 * its histogram): the retained sizes of the class's instances that have no other instance of the class above them in
 * the dominator tree, summed; for the instances alone and with the class object counted as a member too, computed in
 * one walk over the dominator tree by {@link #of}. {@link #exact} gives the exact ("precise" in MAT) figure of a few
 * classes, at the cost of a propagation over the heap.
 */
public final class ClassRetainedSizes {
    private final long[] instancesOnly;
    private final long[] withClassObject;
    private final long[] exactWithClassObject;

    private ClassRetainedSizes(long[] instancesOnly, long[] withClassObject, long[] exactWithClassObject) {
        this.instancesOnly = instancesOnly;
        this.withClassObject = withClassObject;
        this.exactWithClassObject = exactWithClassObject;
    }

    public static ClassRetainedSizes of(RetainedHeap retention) {
        HeapSnapshot s = retention.snapshot();
        int classes = s.classes().size();
        IntArray slots = s.classSlots();
        LongArray retained = retention.retainedSizes();
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
        long[] exactWithClassObject = top.clone();
        for (HeapClass c : s.classes()) {
            int k = c.objectIndex();
            int slot = c.slot();
            if (k < 0 || !retention.inTree(k)) {
                continue;
            }
            if (slots.get(k) == slot) {
                // java.lang.Class: its class object is also one of its instances. MAT adds it a second time (its
                // member list holds it twice); we follow MAT by default, so both tools show the same number.
                if (isTopInstance(k, slot, retention, slots)) {
                    withClassObject[slot] = top[slot] + retained.get(k);
                }
                continue;
            }
            if (classObjectOnTop[slot]) {
                withClassObject[slot] = retained.get(k) + top[slot] - topBelowClassObject[slot];
                exactWithClassObject[slot] = withClassObject[slot];
            }
        }
        return new ClassRetainedSizes(top, withClassObject, exactWithClassObject);
    }

    /** Whether no other instance of the class lies above this object in the dominator tree. */
    private static boolean isTopInstance(int object, int slot, RetainedHeap retention, IntArray slots) {
        for (int d = retention.tree().idom(object); d >= 0; d = retention.tree().idom(d)) {
            if (slots.get(d) == slot) {
                return false;
            }
        }
        return true;
    }

    private static void enter(int v, HeapSnapshot s, IntArray slots, LongArray retained, int[] activeInstances,
                              boolean[] classObjectActive, boolean[] classObjectOnTop, long[] top, long[] topBelowClassObject) {
        int c = slots.get(v);
        if (activeInstances[c] == 0) {
            top[c] += retained.get(v);
            if (classObjectActive[c]) {
                topBelowClassObject[c] += retained.get(v);
            }
        }
        activeInstances[c]++;
        HeapClass described = s.describedClass(v);
        if (described != null) {
            classObjectOnTop[described.slot()] = activeInstances[described.slot()] == 0;
            classObjectActive[described.slot()] = true;
        }
    }

    private static void leave(int v, HeapSnapshot s, IntArray slots, int[] activeInstances, boolean[] classObjectActive) {
        activeInstances[slots.get(v)]--;
        HeapClass described = s.describedClass(v);
        if (described != null) {
            classObjectActive[described.slot()] = false;
        }
    }

    /**
     * The exact ("precise" in MAT) retained sizes of all instances of each given class (at most 32), optionally
     * with the class object: the shallow size of everything that no root reaches any more once all of them are
     * removed. One propagation over the heap for all classes together.
     */
    public static long[] exact(RetainedHeap retention, int[] classSlots, boolean withClassObject) {
        HeapSnapshot s = retention.snapshot();
        int classClass = java.util.stream.IntStream.range(0, classSlots.length)
                .filter(g -> s.classes().get(classSlots[g]).name().equals("java.lang.Class")).findFirst().orElse(-1);
        if (withClassObject && classClass >= 0 && classSlots.length > 1) {
            // class objects are instances of java.lang.Class, so its group would overlap the others: apart
            int[] others = java.util.stream.IntStream.range(0, classSlots.length).filter(g -> g != classClass)
                    .map(g -> classSlots[g]).toArray();
            long[] rest = exact(retention, others, true);
            long[] all = new long[classSlots.length];
            for (int g = 0, o = 0; g < classSlots.length; g++) {
                all[g] = g == classClass ? exact(retention, new int[] {classSlots[g]}, true)[0] : rest[o++];
            }
            return all;
        }
        IntArray slots = s.classSlots();
        int[] groupOfSlot = new int[s.classes().size()];
        java.util.Arrays.fill(groupOfSlot, -1);
        for (int g = 0; g < classSlots.length; g++) {
            groupOfSlot[classSlots[g]] = g;
        }
        GroupRetainedSizes.Membership members = GroupRetainedSizes.Membership.of(retention.heapGraph().graph());
        for (int i = 0; i < (int) slots.length(); i++) {
            if (retention.inTree(i)) {
                members.put(i, groupOfSlot[slots.get(i)]);
            }
        }
        if (withClassObject) {
            for (int g = 0; g < classSlots.length; g++) {
                int k = s.classes().get(classSlots[g]).objectIndex();
                if (k >= 0 && retention.inTree(k) && !members.isInAGroup(k)) {
                    members.put(k, g);
                }
            }
        }
        IntArray shallow = s.shallowSizesIfAllFit();
        if (shallow == null) {
            throw new IllegalStateException("exact retained sizes need every shallow size to fit an int");
        }
        return GroupRetainedSizes.exact(retention.heapGraph().graph(), retention.heapGraph().roots(), shallow, members,
                classSlots.length, retention.tree().preorder());
    }

    /** Minimum retained size of all instances of the class (MAT's "instances only" figure). */
    public long minimumOfInstances(int classSlot) {
        return instancesOnly[classSlot];
    }

    /**
     * With the class object counted as a member, but never twice: differs from MAT's figure only for
     * java.lang.Class, whose own class object is also one of its instances.
     */
    public long minimumWithClassObjectOnce(int classSlot) {
        return exactWithClassObject[classSlot];
    }

    /** The same with the class object counted as a member (what MAT's histogram shows). */
    public long minimumWithClassObject(int classSlot) {
        return withClassObject[classSlot];
    }
}
