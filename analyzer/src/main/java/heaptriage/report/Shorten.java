package heaptriage.report;

/** How every report and table shortens a long name to its column: the one place that does it. */
public final class Shorten {
    /** The mark of a cut for terminals and Markdown. */
    public static final String DOTS = "...";
    /** The mark of a cut for HTML. */
    public static final String ELLIPSIS = "\u2026";

    private Shorten() {
    }

    /** As {@link #toWidth(String, int, String)} with {@link #DOTS}. */
    public static String toWidth(String text, int width) {
        return toWidth(text, width, DOTS);
    }

    /**
     * Keeps the end of a long name, where the simple name is: at most {@code width} characters (code points), the
     * mark included. Null is the empty string.
     */
    public static String toWidth(String text, int width, String mark) {
        if (text == null) {
            return "";
        }
        if (text.codePointCount(0, text.length()) <= width) {
            return text;
        }
        int kept = width - mark.codePointCount(0, mark.length());
        return mark + text.substring(text.offsetByCodePoints(text.length(), -kept));
    }
}
