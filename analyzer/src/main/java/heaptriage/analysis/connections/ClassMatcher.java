package heaptriage.analysis.connections;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides, once per class of a snapshot, which catalogue entry (if any) its instances belong to. An exact class
 * name beats a super class match; among super class matches the nearest super class wins; remaining ties go to the
 * entry listed first.
 */
final class ClassMatcher {
    /** What one entry matches: exact names and super class names. */
    record Rule(List<String> classNames, List<String> superclasses) {
    }

    private ClassMatcher() {
    }

    /** Entry index per class slot, -1 for none. */
    static int[] entryPerClass(HeapSnapshot snapshot, List<Rule> rules) {
        Map<String, List<Integer>> exact = new HashMap<>();
        Map<String, List<Integer>> supers = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            for (String n : rules.get(i).classNames()) {
                exact.computeIfAbsent(n, k -> new ArrayList<>()).add(i);
            }
            for (String n : rules.get(i).superclasses()) {
                supers.computeIfAbsent(n, k -> new ArrayList<>()).add(i);
            }
        }
        List<HeapClass> classes = snapshot.classes();
        int[] entry = new int[classes.size()];
        Arrays.fill(entry, -1);
        for (HeapClass c : classes) {
            List<Integer> byName = exact.get(c.name());
            if (byName != null) {
                entry[c.slot()] = byName.get(0);
                continue;
            }
            for (HeapClass k : snapshot.hierarchy(c)) {
                List<Integer> bySuper = supers.get(k.name());
                if (bySuper != null) {
                    entry[c.slot()] = bySuper.get(0);
                    break;
                }
            }
        }
        return entry;
    }
}
