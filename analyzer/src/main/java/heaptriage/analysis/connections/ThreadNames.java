package heaptriage.analysis.connections;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Thread names in a few words: {@code pool-1-thread-1..6}, and the pattern that matches them across dumps. */
public final class ThreadNames {
    private static final Pattern DIGITS = Pattern.compile("\\d+");
    private static final Pattern TRAILING_NUMBER = Pattern.compile("^(.*?)(\\d+)$");
    private static final int LISTED = 5;

    private ThreadNames() {
    }

    /** The name with every number replaced by {@code #}: {@code pool-1-thread-3} gives {@code pool-#-thread-#}. */
    public static String pattern(String name) {
        return DIGITS.matcher(name).replaceAll("#");
    }

    /** One pattern for all the names, or the distinct patterns joined by {@code , } in sorted order. */
    public static String pattern(Collection<String> names) {
        TreeSet<String> patterns = new TreeSet<>();
        names.forEach(n -> patterns.add(pattern(n)));
        return String.join(", ", patterns);
    }

    /**
     * The names as a reader wants them: one name as is; names that differ only in a trailing number that runs without
     * gaps as {@code prefix1..6}; otherwise up to five names and {@code ...}.
     */
    public static String summary(Collection<String> names) {
        TreeSet<String> sorted = new TreeSet<>(names);
        if (sorted.size() == 1) {
            return sorted.first();
        }
        String range = range(sorted);
        if (range != null) {
            return range;
        }
        List<String> shown = new ArrayList<>(sorted).subList(0, Math.min(LISTED, sorted.size()));
        return String.join(", ", shown) + (sorted.size() > LISTED ? ", ..." : "");
    }

    private static String range(Collection<String> names) {
        String prefix = null;
        TreeSet<Long> numbers = new TreeSet<>();
        for (String n : names) {
            Matcher m = TRAILING_NUMBER.matcher(n);
            if (!m.matches() || m.group(2).length() > 9 || (prefix != null && !prefix.equals(m.group(1)))) {
                return null;
            }
            prefix = m.group(1);
            numbers.add(Long.parseLong(m.group(2)));
        }
        if (numbers.size() != names.size() || numbers.last() - numbers.first() + 1 != numbers.size()) {
            return null;
        }
        return prefix + numbers.first() + ".." + numbers.last();
    }
}
