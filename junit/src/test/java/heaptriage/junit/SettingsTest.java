package heaptriage.junit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {
    @HeapTriage
    static class Defaults {
    }

    @HeapTriage(threshold = 7, rules = "my-rules.json", ignoreKinds = {"http", "h2"}, keepDumpOnFailure = "target/dumps",
            markdownReportOnFailure = "target/reports", scope = HeapTriage.Scope.TEST)
    static class Everything {
    }

    private static Settings of(Class<?> annotated, Map<String, String> properties) {
        return Settings.of(Optional.ofNullable(annotated).map(c -> c.getAnnotation(HeapTriage.class)),
                name -> Optional.ofNullable(properties.get(name)));
    }

    @Test
    void withNothingSetTheCheckRunsPerClassWithThresholdThreeAndKeepsNothing() {
        Settings s = of(Defaults.class, Map.of());

        assertTrue(s.enabled());
        assertEquals(HeapTriage.Scope.CLASS, s.scope());
        assertEquals(Settings.DEFAULT_THRESHOLD, s.threshold());
        assertNull(s.rules());
        assertEquals(Set.of(), s.ignoredKinds());
        assertNull(s.keepDumpOnFailure());
        assertNull(s.markdownReportOnFailure());
    }

    @Test
    void configurationParametersApplyWhereTheAnnotationSaysNothing() {
        Settings s = of(Defaults.class, Map.of("heaptriage.threshold", "4", "heaptriage.scope", "test",
                "heaptriage.ignoreKinds", " http , jdbc,", "heaptriage.keepDumpOnFailure", "build/dumps",
                "heaptriage.rules", "rules.json", "heaptriage.enabled", "false", "heaptriage.workDir", "build/heap"));

        assertFalse(s.enabled());
        assertEquals(HeapTriage.Scope.TEST, s.scope());
        assertEquals(4, s.threshold());
        assertEquals(Set.of("http", "jdbc"), s.ignoredKinds());
        assertEquals(Path.of("build/dumps"), s.keepDumpOnFailure());
        assertEquals(Path.of("rules.json"), s.rules());
        assertEquals(Path.of("build/heap"), s.workDir());
        assertTrue(s.ignores("okhttp", "http"));
        assertFalse(s.ignores("h2", "jdbc-x"));
    }

    @Test
    void theAnnotationWinsOverTheConfigurationParameters() {
        Settings s = of(Everything.class, Map.of("heaptriage.threshold", "4", "heaptriage.scope", "class",
                "heaptriage.ignoreKinds", "jdbc", "heaptriage.keepDumpOnFailure", "build/dumps"));

        assertEquals(HeapTriage.Scope.TEST, s.scope());
        assertEquals(7, s.threshold());
        assertEquals(Set.of("http", "h2"), s.ignoredKinds());
        assertEquals(Path.of("target/dumps"), s.keepDumpOnFailure());
        assertEquals(Path.of("target/reports"), s.markdownReportOnFailure());
        assertEquals(Path.of("my-rules.json"), s.rules());
        assertEquals(7, s.analysisOptions().leakThreshold());
    }

    @Test
    void withoutTheAnnotationOnlyTheConfigurationParametersCount() {
        Settings s = of(null, Map.of("heaptriage.threshold", "5"));

        assertEquals(5, s.threshold());
        assertEquals(HeapTriage.Scope.CLASS, s.scope());
    }

    @Test
    void aBadValueIsOneLineNamingTheParameterAndWhatToUse() {
        ExtensionConfigurationException e = assertThrows(ExtensionConfigurationException.class,
                () -> of(Defaults.class, Map.of("heaptriage.threshold", "many")));
        assertEquals("configuration parameter heaptriage.threshold='many' (junit-platform.properties): use a whole number of connections, at least 1",
                e.getMessage());
        assertThrows(ExtensionConfigurationException.class, () -> of(Defaults.class, Map.of("heaptriage.threshold", "-1")));
        assertThrows(ExtensionConfigurationException.class, () -> of(Defaults.class, Map.of("heaptriage.enabled", "yes")));
    }
}
