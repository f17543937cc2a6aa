package heaptriage.analysis.connections;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Keeps secrets out of reports: values of password / pwd / secret / token / credentials fields and properties, and
 * passwords written inside connection URLs ({@code user:pass@host}, {@code ;password=...}, {@code ?password=...},
 * {@code &password=...}, Oracle's {@code user/pass@host}), all become {@code ***}.
 */
public final class Redactor {
    /** What a secret is replaced by. */
    public static final String MASK = "***";
    private static final String[] SECRET_WORDS = {"password", "passwd", "pwd", "secret", "token", "credential"};
    // scheme://user:pass@host  (user may be empty: redis://:pass@host)
    private static final Pattern USERINFO = Pattern.compile("(://[^/?#@\\s:]*):([^/?#@\\s]*)@");
    // key=value inside URLs and property strings: ;password=x  ?password=x  &password=x  (also at the start)
    private static final Pattern KEY_VALUE = Pattern.compile(
            "(?i)((?:^|[;?&,\\s])[a-z0-9_.\\-]*(?:password|passwd|pwd|secret|token|credentials?)[a-z0-9_.\\-]*\\s*=\\s*)"
                    + "(\\{[^}]*\\}|[^;&,\\s]*)");
    // jdbc:oracle:thin:scott/tiger@host
    private static final Pattern ORACLE = Pattern.compile("(?i)(jdbc:oracle:[a-z0-9]+:[^/@:;\\s]*)/([^@\\s]*)@");

    private Redactor() {
    }

    /** True for names like {@code password}, {@code sslPassword}, {@code PWD}, {@code accessToken}, {@code credentials}. */
    public static boolean isSecretName(String name) {
        if (name == null) {
            return false;
        }
        String n = name.toLowerCase(Locale.ROOT);
        for (String w : SECRET_WORDS) {
            if (n.contains(w)) {
                return true;
            }
        }
        return false;
    }

    /** The text with any password inside a URL or key=value string replaced by {@code ***}. */
    public static String redactText(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = USERINFO.matcher(text).replaceAll("$1:" + MASK + "@");
        out = KEY_VALUE.matcher(out).replaceAll(m -> java.util.regex.Matcher.quoteReplacement(
                m.group(1) + (m.group(2).isEmpty() ? "" : MASK)));
        out = ORACLE.matcher(out).replaceAll("$1/" + MASK + "@");
        return out;
    }

    /**
     * A fact value as it may be shown: {@code ***} when the fact's name or the path it was read through names a
     * secret, else the text with URL passwords masked; unchanged when {@code showSecrets}.
     */
    public static String redact(String factName, boolean pathIsSecret, String value, boolean showSecrets) {
        if (value == null || showSecrets) {
            return value;
        }
        if (isSecretName(factName) || pathIsSecret) {
            return MASK;
        }
        return redactText(value);
    }
}
