package heaptriage.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.util.Locale;

/**
 * How command-line values are read: sizes, counts, percentages, addresses and growth limits. Picocli calls these
 * while parsing, so a typo is a usage error (exit 2) before any dump is opened. Each message says what was given
 * and what is expected; Picocli prefixes it with the option's name.
 */
final class Converters {
    private Converters() {
    }

    /** A size in bytes: {@code 512m}, {@code 2g}, {@code 300k}, {@code 1.5GiB} or plain bytes. */
    static final class Size implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            try {
                return SizeParser.parse(value);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** A count of rows or connections: a whole number, 0 or more. */
    static final class Count implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 0, "a whole number, 0 or more");
        }
    }

    /** A threshold count: a whole number, 1 or more. */
    static final class PositiveCount implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return wholeNumber(value, 1, "a whole number, 1 or more");
        }
    }

    /** A share of the heap: {@code 10} or {@code 10%}, from 0 to 100. */
    static final class Percent implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            String t = value.trim();
            t = t.endsWith("%") ? t.substring(0, t.length() - 1) : t;
            int p = wholeNumber(t, 0, "a whole percentage from 0 to 100 (e.g. 10 or 10%)");
            if (p > 100) {
                throw new TypeConversionException("'" + value + "' is not a whole percentage from 0 to 100 (e.g. 10 or 10%)");
            }
            return p;
        }
    }

    /** An object address as the reports print it: {@code 0xfc1d1e38}, or decimal. */
    static final class Address implements ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            String t = value.trim().toLowerCase(Locale.ROOT);
            try {
                long address = t.startsWith("0x") ? Long.parseUnsignedLong(t.substring(2), 16) : Long.parseLong(t);
                if (address < 0 && !t.startsWith("0x")) {
                    throw new NumberFormatException();
                }
                return address;
            } catch (NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not an object address (e.g. 0xfc1d1e38, as the reports print it)");
            }
        }
    }

    /** How much a number may grow: a size ({@code 50m}) or a percentage of the value before ({@code 20%}). */
    record GrowthLimit(long bytes, double percent, boolean isPercent) {
        /** Whether growing from {@code before} to {@code after} goes over the limit. */
        boolean exceededBy(long before, long after) {
            long growth = after - before;
            if (!isPercent) {
                return growth > bytes;
            }
            return before == 0 ? after > 0 : 100.0 * growth / before > percent;
        }
    }

    /** A {@link GrowthLimit}. */
    static final class Growth implements ITypeConverter<GrowthLimit> {
        @Override
        public GrowthLimit convert(String value) {
            String t = value.trim();
            try {
                if (t.endsWith("%")) {
                    double p = Double.parseDouble(t.substring(0, t.length() - 1));
                    if (p < 0 || Double.isNaN(p) || Double.isInfinite(p)) {
                        throw new NumberFormatException();
                    }
                    return new GrowthLimit(0, p, true);
                }
                return new GrowthLimit(SizeParser.parse(t), 0, false);
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("'" + value + "' is neither a size (e.g. 50m) nor a percentage (e.g. 20%)");
            }
        }
    }

    /** A class name as the reports print it: a Java binary name, such as {@code com.acme.Cache$Entry} or {@code byte[]}. */
    static final class ClassName implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            String t = value.trim();
            if (t.isEmpty() || !t.matches("[\\p{L}\\p{N}_$.\\-]+(\\[\\])*")) {
                throw new TypeConversionException("'" + value + "' is not a class name (e.g. com.acme.Cache=50m)");
            }
            return t;
        }
    }

    private static int wholeNumber(String value, int min, String expected) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= min) {
                return n;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new TypeConversionException("'" + value + "' is not " + expected);
    }
}
