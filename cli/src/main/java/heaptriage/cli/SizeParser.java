package heaptriage.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes like {@code 512m}, {@code 2g}, {@code 300k}, {@code 1.5GiB} or plain bytes; units are powers of 1024. */
final class SizeParser {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(?:([kmgt])(?:i?b)?|b)?");

    private SizeParser() {
    }

    static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size (examples: 512m, 2g, 300k, 1048576)");
        }
        long unit = m.group(2) == null ? 1 : 1L << (10 * ("kmgt".indexOf(m.group(2)) + 1));
        double bytes = Double.parseDouble(m.group(1)) * unit;
        if (bytes >= Long.MAX_VALUE) {
            throw new IllegalArgumentException("'" + text + "' is too large a size");
        }
        return (long) bytes;
    }
}
