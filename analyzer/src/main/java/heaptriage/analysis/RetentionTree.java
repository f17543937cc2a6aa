package heaptriage.analysis;

import heaptriage.graph.DominatorChildren;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntList;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What filled the heap, by field: the top of the dominator tree, each step labelled by how the object is held (a
 * static or instance field, an element of a collection, an array slot, a thread's local or thread-local value). The
 * steps go through class loaders, class objects, collection internals and the JDK's and libraries' own objects
 * without showing them, so each chain ends at the field of application code ({@link ApplicationCode}) that holds
 * the memory. A node's children are the held objects below it that retain at least {@value #CHILD_SHARE_PERCENT}%
 * of it (and {@value #MIN_HEAP_SHARE_PERCENT}% of the used heap): where the size splits into smaller parts, the
 * branch ends. A collection or array node counts the elements it keeps alive, by their most retaining class; a
 * linked chain of objects of one class (node.next.next...) is one node with its length.
 *
 * <p>The walk runs over the dominator tree's arrays with an explicit stack, so a chain of millions of objects costs
 * a loop, not a recursion; only the shown nodes become objects (at most {@value #MAX_NODES}).
 */
public final class RetentionTree {
    /** What kind of container a node is. */
    public enum ContainerKind { COLLECTION, ARRAY, CHAIN }

    /**
     * The elements a container keeps alive: how many of the class that retains most among them, and how many of any
     * class (an array of maps of several classes: "33 elements, most bytes in 1 javax.swing.UIDefaults").
     *
     * @param kind         a collection (map, list, set, queue), an object array, or a chain of objects of one class
     * @param elements     the number of elements of {@code elementClass} it keeps alive (for a chain, its length)
     * @param elementClass the class of those elements
     * @param elementBytes what those elements retain together
     * @param allElements  the number of elements of any class it keeps alive, a map's keys and values alike (0 in
     *                     reports written before it was counted: then take {@code elements})
     */
    public record Contents(ContainerKind kind, long elements, String elementClass, long elementBytes, long allElements) {
        /** Contents whose elements are all of one class. */
        public Contents(ContainerKind kind, long elements, String elementClass, long elementBytes) {
            this(kind, elements, elementClass, elementBytes, elements);
        }

        /** Whether elements of other classes than {@code elementClass} are kept alive too. */
        public boolean mixed() {
            return allElements > elements;
        }
    }

    /**
     * One node, in preorder: a node's children follow it with {@code depth + 1}, largest first.
     *
     * @param depth          0 for a top-level dominator (its reference is a GC root's, or reachability unknown)
     * @param reference      how the parent node's object (through what was gone through) holds this one
     * @param application    the reference is a field of application code (static, or of an application object)
     * @param className      the class of the held object ({@code class com.acme.Foo} for a class object)
     * @param address        the held object's address
     * @param retainedBytes  what the held object retains
     * @param percentOfHeap  the same as a share of the used heap
     * @param repeats        1, or for a chain (the same field of the same class over and over) its length
     * @param contents       for a collection, array or chain, its elements; else null
     */
    public record Node(int depth, Reference reference, boolean application, String className, long address,
                       long retainedBytes, double percentOfHeap, long repeats, Contents contents) {
    }

    /**
     * The top application holder: the largest node held by an application field, followed down while one of its
     * application fields holds at least half of it. Never a class loader, a class object, a group of classes or the
     * JDK's own bookkeeping: those have no application field.
     *
     * @param holder        the application field (static or instance) that holds the memory
     * @param className     the class of what it holds
     * @param address       the held object's address
     * @param retainedBytes what the held object retains
     * @param percentOfHeap the same as a share of the used heap
     * @param contents      when the holder holds a collection, array or chain: its elements
     * @param parts         the biggest parts of what it holds (the holder's children in the tree), largest first
     */
    public record Headline(Reference holder, String className, long address, long retainedBytes, double percentOfHeap,
                           Contents contents, List<Node> parts) {
    }

    static final int CHILD_SHARE_PERCENT = 10;
    static final int MIN_HEAP_SHARE_PERCENT = 1;
    static final int HEADLINE_SHARE_PERCENT = 50;
    static final int MAX_TOP_LEVEL = 20;
    static final int MAX_NODES = 200;
    static final int MAX_DEPTH = 30;

    private final List<Node> nodes;
    private final Headline headline;

    private RetentionTree(List<Node> nodes, Headline headline) {
        this.nodes = nodes;
        this.headline = headline;
    }

    /** The tree's nodes in preorder. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The top application holder, or null when no application field holds a share of the heap worth a node. */
    public Headline headline() {
        return headline;
    }

    public static RetentionTree of(RetainedHeap retention, GcRootPaths paths) {
        return new Builder(retention, paths).build();
    }

    /** A node while the tree is built: the object it shows, and for a chain the last object of it. */
    private static final class Draft {
        final int object;
        final Reference reference;
        final boolean application;
        final int depth;
        final Contents contents;
        final List<Draft> children = new ArrayList<>();
        int tail;
        long repeats = 1;

        Draft(int object, Reference reference, boolean application, int depth, Contents contents) {
            this.object = object;
            this.reference = reference;
            this.application = application;
            this.depth = depth;
            this.contents = contents;
            this.tail = object;
        }
    }

    private static final class Builder {
        private final RetainedHeap r;
        private final HeapSnapshot s;
        private final GcRootPaths paths;
        private final DominatorChildren tree;
        private final long heapMinimum;
        private final boolean[] applicationClass;
        private final boolean[] entryClass;
        private final boolean[] collectionClass;
        private final Set<Integer> threads;
        private int count;

        Builder(RetainedHeap r, GcRootPaths paths) {
            this.r = r;
            this.s = r.snapshot();
            this.paths = paths;
            this.tree = r.children();
            this.heapMinimum = Math.max(1, r.usedHeap() * MIN_HEAP_SHARE_PERCENT / 100);
            List<HeapClass> classes = s.classes();
            applicationClass = new boolean[classes.size()];
            entryClass = new boolean[classes.size()];
            collectionClass = new boolean[classes.size()];
            for (HeapClass c : classes) {
                applicationClass[c.slot()] = !c.isArray() && ApplicationCode.isApplication(c.name());
                entryClass[c.slot()] = CollectionClasses.isEntry(c);
                collectionClass[c.slot()] = CollectionClasses.isCollection(c);
            }
            threads = new HashSet<>(s.threadObjectsBySerial().values());
        }

        RetentionTree build() {
            Map<Integer, String> rootKinds = rootKinds();
            int[] top = r.topLevel().clone();
            List<Draft> roots = new ArrayList<>();
            Integer[] order = Arrays.stream(top).boxed().toArray(Integer[]::new);
            Arrays.sort(order, Comparator.comparingLong((Integer v) -> r.retained(v)).reversed());
            for (int i = 0; i < order.length && roots.size() < MAX_TOP_LEVEL && r.retained(order[i]) >= heapMinimum; i++) {
                int v = order[i];
                roots.add(new Draft(v, rootReference(v, rootKinds), false, 0, contentsOf(v)));
            }
            count = roots.size();
            ArrayDeque<Draft> queue = new ArrayDeque<>(roots);
            while (!queue.isEmpty() && count < MAX_NODES) {
                Draft d = queue.poll();
                if (d.depth < MAX_DEPTH) {
                    explore(d, queue);
                }
            }
            List<Node> out = new ArrayList<>();
            roots.sort(byRetained());
            ArrayDeque<Draft> stack = new ArrayDeque<>();
            for (int i = roots.size() - 1; i >= 0; i--) {
                stack.push(roots.get(i));
            }
            while (!stack.isEmpty()) {
                Draft d = stack.pop();
                out.add(node(d));
                d.children.sort(byRetained());
                for (int i = d.children.size() - 1; i >= 0; i--) {
                    stack.push(d.children.get(i));
                }
            }
            return new RetentionTree(List.copyOf(out), headline(roots));
        }

        private Comparator<Draft> byRetained() {
            return Comparator.comparingLong((Draft d) -> r.retained(d.object)).reversed();
        }

        /** A top-level object: a GC root, or in a truncated dump an object no surviving path reaches. */
        private Reference rootReference(int object, Map<Integer, String> rootKinds) {
            boolean unknown = !r.heapGraph().reachabilityUnknown().isEmpty() && r.heapGraph().reachabilityUnknown().get(object);
            return new Reference(unknown ? ReferenceKind.REACHABILITY_UNKNOWN : ReferenceKind.GC_ROOT, null,
                    rootKinds.get(object), null);
        }

        /** The root kinds of the top-level objects that are GC roots (others are reached from several roots). */
        private Map<Integer, String> rootKinds() {
            Map<Integer, String> kinds = new HashMap<>();
            for (GcRoot root : s.rootRecords()) {
                if (r.inTree(root.object()) && r.tree().idom(root.object()) < 0) {
                    kinds.putIfAbsent(root.object(), root.kind().name());
                }
            }
            return kinds;
        }

        /**
         * Walks down the dominator tree below the node's object, through what is not shown, to the held objects that
         * retain at least the node's share: each becomes a child node. The walk only enters objects over that size, so
         * it stays within the few big branches; a chain of one class is followed in the same loop.
         */
        private void explore(Draft d, ArrayDeque<Draft> queue) {
            long minimum = Math.max(heapMinimum, r.retained(d.object) * CHILD_SHARE_PERCENT / 100);
            IntList stack = new IntList();
            pushBig(stack, d.object, minimum);
            while (!stack.isEmpty() && count < MAX_NODES) {
                int c = stack.pop();
                int q = paths.referrer(c);
                if (continuesChain(d, c, q)) {
                    d.repeats++;
                    d.tail = c;
                    pushBig(stack, c, minimum);
                    continue;
                }
                Reference reference = q < 0 ? null : shownReference(d, c, q);
                if (reference == null) {
                    pushBig(stack, c, minimum); // gone through: a loader, a class object, an entry, JDK bookkeeping
                    continue;
                }
                Draft child = new Draft(c, reference, isApplicationField(reference), d.depth + 1, contentsOf(c));
                d.children.add(child);
                queue.add(child);
                count++;
            }
            if (d.repeats > 1) {
                followChainToItsEnd(d);
            }
        }

        /** A chain's last links retain less than the share that makes a node: they still count for its length. */
        private void followChainToItsEnd(Draft d) {
            for (boolean more = true; more; ) {
                more = false;
                for (int p = tree.start(d.tail), end = tree.end(d.tail); p < end && !more; p++) {
                    int c = tree.childAt(p);
                    if (continuesChain(d, c, paths.referrer(c))) {
                        d.repeats++;
                        d.tail = c;
                        more = true;
                    }
                }
            }
        }

        /** The same instance field of the same class, from the last object of the node: node.next.next... */
        private boolean continuesChain(Draft d, int c, int q) {
            return q == d.tail && d.reference.kind() == ReferenceKind.FIELD
                    && s.describedClass(c) == null && s.classSlotOf(c) == s.classSlotOf(d.tail)
                    && s.classOf(c).name().equals(d.reference.ownerClass());
        }

        /** How c is held, when that is worth a node: an application field, an element, a thread's local; else null. */
        private Reference shownReference(Draft d, int c, int q) {
            HeapClass described = s.describedClass(q);
            if (described != null) {
                if (!ApplicationCode.isApplication(described.name())) {
                    return null;
                }
                Reference ref = Reference.between(s, q, c);
                return ref.kind() == ReferenceKind.STATIC_FIELD ? ref : null;
            }
            int referrerSlot = s.classSlotOf(q);
            if (applicationClass[referrerSlot]) {
                Reference ref = Reference.between(s, q, c);
                return ref.viaField() ? ref : null;
            }
            if (backingCollection(c, q)) {
                return null;
            }
            boolean classObject = s.describedClass(c) != null;
            int slot = s.classSlotOf(c);
            boolean element = d.contents != null && d.contents.kind() != ContainerKind.CHAIN && !classObject && !entryClass[slot];
            boolean applicationObject = !classObject && applicationClass[slot];
            if (element || applicationObject) {
                Reference ref = Reference.between(s, q, c);
                if (ref.kind() == ReferenceKind.ARRAY_ELEMENT && q == d.object) {
                    return ref;
                }
                if (element) {
                    return new Reference(ReferenceKind.COLLECTION_ELEMENT, s.classOf(d.object).name(), null, null);
                }
                if (s.classOf(q).name().equals("java.lang.ThreadLocal$ThreadLocalMap$Entry")) {
                    return new Reference(ReferenceKind.THREAD_LOCAL_VALUE, s.classOf(q).name(), null, null);
                }
                return ref;
            }
            if (threads.contains(q)) {
                Reference ref = Reference.between(s, q, c);
                return ref.kind() == ReferenceKind.STACK_LOCAL ? ref : null;
            }
            return null;
        }

        /**
         * A collection held directly by a collection is its backing store, not an element: HashSet.map,
         * ConcurrentSkipListSet.m, Collections$UnmodifiableMap.m, Properties.map.
         */
        private boolean backingCollection(int c, int q) {
            return q >= 0 && collectionClass[s.classSlotOf(c)] && collectionClass[s.classSlotOf(q)]
                    && s.describedClass(c) == null && s.describedClass(q) == null;
        }

        private static boolean isApplicationField(Reference ref) {
            return ref.viaField() && ApplicationCode.isApplication(ref.ownerClass());
        }

        private void pushBig(IntList stack, int object, long minimum) {
            for (int p = tree.start(object), end = tree.end(object); p < end; p++) {
                int child = tree.childAt(p);
                if (r.retained(child) >= minimum) {
                    stack.add(child);
                }
            }
        }

        /**
         * For a collection or an object array: its elements, the first objects below it in the dominator tree that are
         * not its entries, backing arrays or backing collection, counted by class; the class that retains most names
         * them. Null otherwise.
         */
        private Contents contentsOf(int object) {
            if (s.describedClass(object) != null) {
                return null;
            }
            HeapClass c = s.classOf(object);
            ContainerKind kind = c.isObjectArray() ? ContainerKind.ARRAY : collectionClass[c.slot()] ? ContainerKind.COLLECTION : null;
            if (kind == null) {
                return null;
            }
            // Plain loop over the dominator subtree's entries; per-class counters indexed by class slot.
            long[] counts = new long[entryClass.length];
            long[] bytes = new long[entryClass.length];
            IntList stack = new IntList();
            pushAll(stack, object);
            while (!stack.isEmpty()) {
                int v = stack.pop();
                int slot = s.classSlotOf(v);
                if (s.describedClass(v) != null) {
                    continue; // the class object of an array class only this array uses (byte[][]): no element
                }
                // The class tests first: only a collection can be a backing collection, and looking up its referrer
                // reads another node-sized array, a page per element when the arrays are mapped.
                if (entryClass[slot] || collectionClass[slot] && backingCollection(v, paths.referrer(v))) {
                    pushAll(stack, v);
                } else {
                    counts[slot]++;
                    bytes[slot] += r.retained(v);
                }
            }
            int best = -1;
            long all = 0;
            for (int slot = 0; slot < bytes.length; slot++) {
                all += counts[slot];
                if (counts[slot] > 0 && (best < 0 || bytes[slot] > bytes[best])) {
                    best = slot;
                }
            }
            return best < 0 ? new Contents(kind, 0, null, 0)
                    : new Contents(kind, counts[best], s.classes().get(best).name(), bytes[best], all);
        }

        private void pushAll(IntList stack, int object) {
            for (int p = tree.start(object), end = tree.end(object); p < end; p++) {
                stack.add(tree.childAt(p));
            }
        }

        private Node node(Draft d) {
            Contents contents = d.contents;
            if (d.repeats > 1) {
                contents = new Contents(ContainerKind.CHAIN, d.repeats, s.classOf(d.object).name(), r.retained(d.object));
            }
            return new Node(d.depth, d.reference, d.application, GcRootPaths.displayName(s, d.object), s.address(d.object),
                    r.retained(d.object), percent(r.retained(d.object)), d.repeats, contents);
        }

        private double percent(long bytes) {
            return r.usedHeap() == 0 ? 0 : 100.0 * bytes / r.usedHeap();
        }

        /** See {@link Headline}. A chain below the holder is what it holds, not a holder of its own. */
        private Headline headline(List<Draft> roots) {
            Draft best = null;
            ArrayDeque<Draft> stack = new ArrayDeque<>(roots);
            while (!stack.isEmpty()) {
                Draft d = stack.pop();
                if (d.application && d.repeats == 1 && (best == null || r.retained(d.object) > r.retained(best.object)
                        || r.retained(d.object) == r.retained(best.object) && d.depth < best.depth)) {
                    best = d;
                }
                d.children.forEach(stack::push);
            }
            if (best == null) {
                return null;
            }
            Draft holder = best;
            while (true) {
                Draft next = null;
                for (Draft child : holder.children) {
                    if (child.application && child.repeats == 1
                            && r.retained(child.object) * 100 >= r.retained(holder.object) * HEADLINE_SHARE_PERCENT) {
                        next = child;
                    }
                }
                if (next == null) {
                    break;
                }
                holder = next;
            }
            Contents contents = holder.contents;
            for (Draft child : holder.children) {
                if (child.repeats > 1 && s.classSlotOf(child.object) == s.classSlotOf(holder.object)
                        && r.retained(child.object) * 100 >= r.retained(holder.object) * HEADLINE_SHARE_PERCENT) {
                    contents = new Contents(ContainerKind.CHAIN, child.repeats + 1, s.classOf(holder.object).name(),
                            r.retained(holder.object));
                }
            }
            List<Node> parts = holder.children.stream().map(this::node).toList();
            return new Headline(holder.reference, GcRootPaths.displayName(s, holder.object), s.address(holder.object),
                    r.retained(holder.object), percent(r.retained(holder.object)), contents, parts);
        }
    }
}
