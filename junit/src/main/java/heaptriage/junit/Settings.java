package heaptriage.junit;

import heaptriage.api.HeapTriage.Options;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The extension's settings: from the {@link HeapTriage} annotation, else from the JUnit configuration parameters
 * ({@code heaptriage.*} in {@code junit-platform.properties}), else the defaults.
 *
 * @param enabled                 {@code heaptriage.enabled}: false turns the check off for the whole run
 * @param scope                   CLASS or TEST, never DEFAULT
 * @param threshold               connections one holder must keep at the end, and more than at the start, to fail
 * @param rules                   a rules file in the {@code --rules} format, or null
 * @param ignoredKinds            connection kinds or categories never to fail on
 * @param keepDumpOnFailure       where to keep the dump when the check fails, or null
 * @param markdownReportOnFailure where to write the Markdown report when the check fails, or null
 * @param workDir                 {@code heaptriage.workDir}: where the dumps are written while checked, or null for
 *                                the system's temporary folder
 */
record Settings(boolean enabled, HeapTriage.Scope scope, int threshold, Path rules, Set<String> ignoredKinds,
                Path keepDumpOnFailure, Path markdownReportOnFailure, Path workDir) {
    static final int DEFAULT_THRESHOLD = 3;
    /** Rows per table of the in-process report: the check reads only its connections, so keep the rest small. */
    static final int REPORT_ROWS = 10;
    static final String PREFIX = "heaptriage.";

    /** Resolves the settings from the annotation {@code a}, if any; {@code config} looks up a configuration parameter by its full name. */
    static Settings of(Optional<HeapTriage> a, Function<String, Optional<String>> config) {
        boolean enabled = config.apply(PREFIX + "enabled").map(v -> parseBoolean("enabled", v)).orElse(true);
        HeapTriage.Scope scope = a.map(HeapTriage::scope).filter(s -> s != HeapTriage.Scope.DEFAULT)
                .orElseGet(() -> config.apply(PREFIX + "scope").map(Settings::parseScope).orElse(HeapTriage.Scope.CLASS));
        int threshold = a.map(HeapTriage::threshold).filter(t -> t != 0)
                .orElseGet(() -> config.apply(PREFIX + "threshold").map(Settings::parseThreshold).orElse(DEFAULT_THRESHOLD));
        if (threshold < 1) {
            throw new ExtensionConfigurationException("@HeapTriage(threshold = " + threshold
                    + "): the threshold is a number of connections, at least 1");
        }
        Path rules = text(a.map(HeapTriage::rules), config, "rules").map(Path::of).orElse(null);
        Set<String> ignored = a.map(h -> Set.of(h.ignoreKinds())).filter(s -> !s.isEmpty())
                .orElseGet(() -> config.apply(PREFIX + "ignoreKinds").map(Settings::commaList).orElse(Set.of()));
        Path keep = text(a.map(HeapTriage::keepDumpOnFailure), config, "keepDumpOnFailure").map(Path::of).orElse(null);
        Path markdown = text(a.map(HeapTriage::markdownReportOnFailure), config, "markdownReportOnFailure").map(Path::of).orElse(null);
        Path workDir = config.apply(PREFIX + "workDir").filter(v -> !v.isBlank()).map(v -> Path.of(v.strip())).orElse(null);
        return new Settings(enabled, scope, threshold, rules, ignored, keep, markdown, workDir);
    }

    /** The analysis the check runs: the leak threshold is ours, the tables are small. */
    Options analysisOptions() {
        return Options.builder().top(REPORT_ROWS).leakThreshold(threshold).rules(rules).build();
    }

    /** Whether a connection of this kind (e.g. {@code h2}) or category (e.g. {@code jdbc}) is never failed on. */
    boolean ignores(String kind, String category) {
        return ignoredKinds.contains(kind) || ignoredKinds.contains(category);
    }

    private static Optional<String> text(Optional<String> fromAnnotation, Function<String, Optional<String>> config, String name) {
        return fromAnnotation.filter(v -> !v.isBlank()).or(() -> config.apply(PREFIX + name).filter(v -> !v.isBlank())).map(String::strip);
    }

    private static Set<String> commaList(String value) {
        return Arrays.stream(value.split(",")).map(String::strip).filter(v -> !v.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    private static HeapTriage.Scope parseScope(String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "class" -> HeapTriage.Scope.CLASS;
            case "test" -> HeapTriage.Scope.TEST;
            default -> throw bad("scope", value, "class or test");
        };
    }

    private static int parseThreshold(String value) {
        try {
            int threshold = Integer.parseInt(value.strip());
            if (threshold >= 1) {
                return threshold;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad("threshold", value, "a whole number of connections, at least 1");
    }

    private static boolean parseBoolean(String name, String value) {
        return switch (value.strip().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw bad(name, value, "true or false");
        };
    }

    private static ExtensionConfigurationException bad(String name, String value, String expected) {
        return new ExtensionConfigurationException("configuration parameter " + PREFIX + name + "='" + value
                + "' (junit-platform.properties): use " + expected);
    }
}
