package heaptriage.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;
import java.util.Collection;
import java.util.Locale;

/**
 * Text from the heap is untrusted: thread names, map keys, URLs, field values, even class names are whatever the
 * application (or an attacker feeding it) put there. This is the one place that makes such text safe for each
 * output format; the renderers call it where heap text meets their markup.
 * <ul>
 * <li>Terminal text: control characters (C0 but newline, DEL, C1) and the invisible characters that reorder or
 * break lines (bidi overrides, line separators) are shown as visible escapes ({@code \e}, {@code \x07},
 * {@code \u202e}), so a thread name cannot retitle the window, clear the screen or colour what follows.</li>
 * <li>Markdown: prose has every character with a Markdown meaning backslash-escaped (backticks, emphasis, links,
 * raw HTML, table pipes); code spans get a backtick fence longer than any run inside; nothing from the heap
 * renders.</li>
 * <li>JSON: Jackson escapes control characters; unpaired UTF-16 surrogates, which no UTF-8 file can hold, become
 * U+FFFD so the document is valid for any input.</li>
 * <li>HTML: {@link HtmlRenderer} escapes every value it writes.</li>
 * </ul>
 */
public final class UntrustedText {
    private UntrustedText() {
    }

    /** Whether the character must not reach a terminal raw (newline may: renderers use it for line ends). */
    static boolean isUnsafeForTerminal(char c) {
        return (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F)
                || (c >= 0x200E && c <= 0x200F) || (c >= 0x2028 && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069)
                || c == 0xFEFF;
    }

    /** The visible form of an unsafe character: {@code \e}, {@code \r}, {@code \t}, {@code \x07}, {@code \u202e}. */
    static String visible(char c) {
        return switch (c) {
            case 0x1B -> "\\e";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\n' -> "\\n";
            default -> c <= 0xFF ? String.format(Locale.ROOT, "\\x%02x", (int) c) : String.format(Locale.ROOT, "\\u%04x", (int) c);
        };
    }

    /** The text with every character unsafe for a terminal, and newlines too, as a visible escape: one line. */
    public static String forTerminal(String text) {
        if (text == null) {
            return null;
        }
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || isUnsafeForTerminal(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length() + 8).append(text, 0, i);
                }
                b.append(visible(c));
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * A writer for terminal text: it passes newlines (the renderer's line ends) and shows every other control
     * character as a visible escape. Wrapping a renderer's whole output makes it safe whatever the renderer prints.
     */
    public static Writer terminalSafe(Writer out) {
        return new FilterWriter(out) {
            @Override
            public void write(int c) throws IOException {
                if (isUnsafeForTerminal((char) c)) {
                    out.write(visible((char) c));
                } else {
                    out.write(c);
                }
            }

            @Override
            public void write(char[] buf, int off, int len) throws IOException {
                int start = off;
                for (int i = off; i < off + len; i++) { // plain loop: this sees every character of the report
                    if (isUnsafeForTerminal(buf[i])) {
                        out.write(buf, start, i - start);
                        out.write(visible(buf[i]));
                        start = i + 1;
                    }
                }
                out.write(buf, start, off + len - start);
            }

            @Override
            public void write(String str, int off, int len) throws IOException {
                write(str.toCharArray(), off, len);
            }
        };
    }

    /** Heap text inside Markdown prose: every character with a Markdown meaning escaped, on one line. */
    public static String markdownText(String text) {
        if (text == null) {
            return "";
        }
        String oneLine = forTerminal(text);
        StringBuilder b = new StringBuilder(oneLine.length() + 8);
        for (int i = 0; i < oneLine.length(); i++) {
            char c = oneLine.charAt(i);
            boolean intraword = c == '_' && i > 0 && i + 1 < oneLine.length()
                    && Character.isLetterOrDigit(oneLine.charAt(i - 1)) && Character.isLetterOrDigit(oneLine.charAt(i + 1));
            if ("\\`*_[]<>|~&$".indexOf(c) >= 0 && !intraword) { // an intraword _ never starts emphasis
                b.append('\\');
            }
            b.append(c);
        }
        return b.toString();
    }

    /** Heap text as a Markdown code span, backticks and all, safe anywhere including table cells. */
    public static String markdownCode(String text) {
        String oneLine = forTerminal(text == null ? "" : text).replace("|", "\\|");
        String fence = "`".repeat(longestRun(oneLine, '`') + 1);
        boolean pad = oneLine.startsWith("`") || oneLine.endsWith("`") || oneLine.isBlank();
        return pad ? fence + " " + oneLine + " " + fence : fence + oneLine + fence;
    }

    /** A fence for a Markdown code block holding these lines: longer than any backtick run inside them. */
    public static String markdownFence(Collection<String> lines) {
        int longest = 0;
        for (String line : lines) {
            longest = Math.max(longest, longestRun(line, '`'));
        }
        return "`".repeat(Math.max(3, longest + 1));
    }

    private static int longestRun(String text, char c) {
        int longest = 0;
        int run = 0;
        for (int i = 0; i < text.length(); i++) {
            run = text.charAt(i) == c ? run + 1 : 0;
            longest = Math.max(longest, run);
        }
        return longest;
    }

    /** The text with each unpaired UTF-16 surrogate replaced by U+FFFD; the same object when there is none. */
    public static String withoutLoneSurrogates(String text) {
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean paired = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
            if (paired) {
                if (b != null) {
                    b.append(c).append(text.charAt(i + 1));
                }
                i++;
            } else if (Character.isSurrogate(c)) {
                if (b == null) {
                    b = new StringBuilder(text.length()).append(text, 0, i);
                }
                b.append('\uFFFD');
            } else if (b != null) {
                b.append(c);
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * JSON text to embed in an HTML {@code <script type="application/json">} element: {@code <}, {@code >} and
     * {@code &} (so no {@code </script>} or {@code <!--} can end or change the element) and everything outside
     * printable ASCII are written as {@code \\uXXXX} escapes. They can only occur inside JSON strings, where such an
     * escape means the same character, so {@code JSON.parse} reads back exactly the document given.
     */
    public static String jsonForHtmlScript(String json) {
        StringBuilder b = new StringBuilder(json.length() + 64);
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '<' || c == '>' || c == '&' || c > 0x7e) {
                b.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }

    /** Jackson module: every string value and map key written as valid JSON text, whatever the heap held. */
    static SimpleModule jsonModule() {
        SimpleModule module = new SimpleModule("heaptriage-untrusted-text");
        module.addSerializer(String.class, new JsonSerializer<>() {
            @Override
            public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeString(withoutLoneSurrogates(value));
            }
        });
        module.addKeySerializer(String.class, new JsonSerializer<>() {
            @Override
            public void serialize(String value, JsonGenerator gen, SerializerProvider serializers) throws IOException {
                gen.writeFieldName(withoutLoneSurrogates(value));
            }
        });
        return module;
    }
}
