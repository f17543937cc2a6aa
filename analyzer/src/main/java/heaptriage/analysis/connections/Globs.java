package heaptriage.analysis.connections;

/** Class-name globs where {@code *} matches any run of characters and nothing else is special. */
final class Globs {
    private Globs() {
    }

    /** True when the text matches the glob. */
    static boolean matches(String glob, String text) {
        int star = glob.indexOf('*');
        if (star < 0) {
            return glob.equals(text);
        }
        String[] parts = glob.split("\\*", -1);
        if (!text.startsWith(parts[0])) {
            return false;
        }
        int at = parts[0].length();
        for (int i = 1; i < parts.length - 1; i++) {
            int found = text.indexOf(parts[i], at);
            if (found < 0) {
                return false;
            }
            at = found + parts[i].length();
        }
        String last = parts[parts.length - 1];
        return text.length() - at >= last.length() && text.endsWith(last);
    }
}
