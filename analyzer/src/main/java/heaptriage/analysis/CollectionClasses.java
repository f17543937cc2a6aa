package heaptriage.analysis;

import heaptriage.heap.HeapClass;

import java.util.List;
import java.util.regex.Pattern;

/**
 * Recognises collections and their insides by class name: the JDK's collections (and Guava's, fastutil's, Eclipse
 * Collections'), and the entries, nodes and backing arrays they are made of.
 */
final class CollectionClasses {
    private static final List<String> PACKAGES = List.of("java.util.", "com.google.common.collect.",
            "it.unimi.dsi.fastutil.", "org.eclipse.collections.");
    private static final Pattern COLLECTION_NAME = Pattern.compile(
            ".*(Map|List|Set|Queue|Deque|Vector|Hashtable|Properties|Stack|Multimap|Multiset|Table|Bag)");

    private CollectionClasses() {
    }

    /** A map, list, set, queue or the like (not its inner classes, except Collections' wrappers). */
    static boolean isCollection(HeapClass c) {
        String name = c.name();
        if (c.isArray() || !inPackages(name)) {
            return false;
        }
        boolean nested = name.indexOf('$') >= 0 && !name.startsWith("java.util.Collections$");
        return !nested && COLLECTION_NAME.matcher(name).matches();
    }

    /** What a collection is made of: object arrays, and the nested classes of collections (HashMap$Node...). */
    static boolean isEntry(HeapClass c) {
        return c.isObjectArray() || (inPackages(c.name()) && c.name().indexOf('$') >= 0 && !isCollection(c));
    }

    private static boolean inPackages(String name) {
        for (String p : PACKAGES) {
            if (name.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
