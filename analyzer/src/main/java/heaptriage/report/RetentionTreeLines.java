package heaptriage.report;

import heaptriage.analysis.Bytes;
import heaptriage.analysis.Reference;
import heaptriage.analysis.RetentionTree;
import heaptriage.hprof.RootKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The top of the retention tree as indented lines, the same in text and Markdown: each node says how its parent
 * holds it (a static field, a field, an element of a collection, an array slot, a thread's local), what it is, and
 * what it retains.
 */
final class RetentionTreeLines {
    private RetentionTreeLines() {
    }

    /**
     * The first {@code max} nodes in preorder (all for {@code max <= 0}), two spaces per level; each line fits in
     * {@code width} columns (no limit for {@code width <= 0}) by shortening the start of its label, never its size.
     */
    static List<String> of(List<RetentionTree.Node> nodes, int max, int width) {
        List<String> lines = new ArrayList<>();
        for (RetentionTree.Node n : max > 0 && nodes.size() > max ? nodes.subList(0, max) : nodes) {
            String indent = "  ".repeat(Math.min(n.depth(), 20));
            String size = String.format(Locale.ROOT, "  %s (%.1f%%)", Bytes.human(n.retainedBytes()), n.percentOfHeap());
            String label = label(n);
            int room = width - indent.length() - size.length();
            lines.add(indent + (width > 0 && room > 10 ? Shorten.toWidth(label, room) : label) + size);
        }
        return lines;
    }

    /** {@code com.acme.Cache.entries (static) -> java.util.HashMap of 25,515 entries of byte[]}. */
    static String label(RetentionTree.Node n) {
        return n.depth() == 0 ? what(n) + " [" + how(n) + "]" : how(n) + " -> " + what(n);
    }

    /** What a node is: {@code java.util.HashMap of 25,515 entries of byte[]}. */
    static String what(RetentionTree.Node n) {
        return n.className() + (n.repeats() > 1 ? String.format(Locale.ROOT, " x %,d (a chain)", n.repeats()) : "")
                + contents(n.contents());
    }

    /** How its parent holds a node, or for a top-level node its GC root. */
    static String how(RetentionTree.Node n) {
        return n.depth() == 0 ? root(n.reference()) : reference(n.reference());
    }

    /** How a parent holds a node, as a developer reads it in the code. */
    static String reference(Reference r) {
        String owner = r.ownerClass() == null ? "" : r.ownerClass();
        return switch (r.kind()) {
            case STATIC_FIELD -> owner + "." + r.name() + " (static)";
            case FIELD -> owner + "." + r.name();
            case COLLECTION_ELEMENT -> "element of " + owner;
            case ARRAY_ELEMENT -> owner + "[" + (r.index() == null ? "" : r.index()) + "]";
            case THREAD_LOCAL_VALUE -> "ThreadLocal value" + (r.name() == null ? "" : " of " + r.name());
            case STACK_LOCAL -> "local of thread " + (r.name() == null ? "?" : "\"" + r.name() + "\"");
            case CLASS -> owner + ".<class>";
            case SUPER_OR_LOADER -> owner + ".<super or loader>";
            case GC_ROOT, REACHABILITY_UNKNOWN -> root(r);
            case UNREADABLE -> owner + ".?";
        };
    }

    private static String root(Reference r) {
        if (r.kind() == heaptriage.analysis.ReferenceKind.REACHABILITY_UNKNOWN) {
            return "no surviving path: dump truncated";
        }
        if (r.name() == null) {
            return "GC root";
        }
        try {
            return "GC root: " + RootKindNames.of(RootKind.valueOf(r.name()));
        } catch (IllegalArgumentException e) {
            return "GC root: " + r.name();
        }
    }

    /**
     * " of 2,000 entries of com.acme.Customer", " of 12 byte[]", or for an array whose elements are of several
     * classes " of 33 elements, most bytes in 1 javax.swing.UIDefaults"; "" without contents.
     */
    static String contents(RetentionTree.Contents c) {
        if (c == null || c.elementClass() == null) {
            return "";
        }
        if (c.mixed() && c.kind() == RetentionTree.ContainerKind.ARRAY) { // a map's keys are elements too: not for maps
            return String.format(Locale.ROOT, " of %,d elements, most bytes in %,d %s", c.allElements(), c.elements(),
                    c.elementClass());
        }
        return switch (c.kind()) {
            case COLLECTION -> String.format(Locale.ROOT, " of %,d entries of %s", c.elements(), c.elementClass());
            case ARRAY, CHAIN -> String.format(Locale.ROOT, " of %,d %s", c.elements(), c.elementClass());
        };
    }
}
