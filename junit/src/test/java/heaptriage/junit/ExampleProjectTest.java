package heaptriage.junit;

import org.junit.jupiter.api.Tag;
import heaptriage.junit.example.Examples;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

/**
 * Runs the example test project (package {@code example}, excluded from the normal run) through the JUnit Platform
 * launcher, as a build would, and checks which classes Heap Triage fails and what it says. Every run also proves
 * that no dump is left in its work folder, and the cost of each check is printed at the end.
 */
@Tag("slow") // dumps and analyses test JVMs: runs in the integration-test phase (mvn verify)
class ExampleProjectTest {
    private static final List<String> COSTS = new ArrayList<>();

    /** The outcome of running one example class. */
    private record Run(String exampleClass, List<String> classFailures, List<String> testFailures, long testsSucceeded,
                       List<String> costs) {
        String failure() {
            assertEquals(1, classFailures.size() + testFailures.size(), exampleClass + " should fail once: " + this);
            return classFailures.isEmpty() ? testFailures.get(0) : classFailures.get(0);
        }

        void assertPassed() {
            assertTrue(classFailures.isEmpty() && testFailures.isEmpty(), exampleClass + " should pass: " + this);
        }
    }

    @AfterEach
    void closeWhatTheExamplesLeft() throws Exception {
        Examples.cleanUp();
    }

    @AfterAll
    static void printWhatTheChecksCost() {
        System.out.println("Heap Triage checks of the example project (dump of this test JVM + in-process analysis):");
        COSTS.forEach(c -> System.out.println("  " + c));
    }

    @Test
    void aClassLeakingH2ConnectionsIntoAStaticMapFailsAndItsMessageNamesOpenExports() throws Exception {
        Run run = run("LeakingExportTest", Map.of());

        assertEquals(2, run.testsSucceeded(), "the tests themselves pass: " + run);
        String message = run.failure();
        System.out.println("What a leaking class is told:\n" + message);
        assertTrue(message.contains("openExports"), message);
        assertTrue(message.contains("+20 org.h2.jdbc.JdbcConnection"), message);
        assertTrue(message.contains("openExports (static): 0 before, 20 after"), message);
        assertTrue(message.contains("path from GC root"), message);
        assertTrue(message.contains("LeakingExportTest"), message);
    }

    @Test
    void theSameExportsWithTryWithResourcesPass() throws Exception {
        run("ClosingExportTest", Map.of()).assertPassed();
    }

    @Test
    void exportsThroughAHikariPoolThatStaysOpenPass() throws Exception {
        run("PooledExportTest", Map.of()).assertPassed();
    }

    @Test
    void connectionsOpenedByTheSetUpBeforeTheFirstTestAreNotBlamed() throws Exception {
        run("SharedConnectionsTest", Map.of()).assertPassed();
    }

    @Test
    void perTestScopeFailsOnlyTheTestThatLeaks() throws Exception {
        Run run = run("PerTestLeakTest", Map.of());

        assertEquals(1, run.testsSucceeded(), run.toString());
        String message = run.failure();
        assertTrue(run.classFailures().isEmpty(), run.toString());
        assertTrue(message.contains("PerTestLeakTest.leaksFiveExports"), message);
        assertTrue(message.contains("openExports"), message);
    }

    @Test
    void anIgnoredKindIsNeverFailedOn() throws Exception {
        run("IgnoredKindTest", Map.of()).assertPassed();
    }

    @Test
    void theThresholdComesFromTheConfigurationParameters() throws Exception {
        run("SmallLeakTest", Map.of()).assertPassed();
        Examples.cleanUp();

        String message = run("SmallLeakTest", Map.of("heaptriage.threshold", "2")).failure();
        assertTrue(message.contains("+2 org.h2.jdbc.JdbcConnection"), message);
    }

    @Test
    void onFailureTheDumpIsKeptAndTheMarkdownReportWrittenWhereConfigured(@TempDir Path dir) throws Exception {
        Path dumps = dir.resolve("dumps");
        Path reports = dir.resolve("reports");
        String message = run("LeakingExportTest", Map.of("heaptriage.keepDumpOnFailure", dumps.toString(),
                "heaptriage.markdownReportOnFailure", reports.toString())).failure();

        Path dump = dumps.resolve("LeakingExportTest.hprof");
        Path markdown = reports.resolve("LeakingExportTest.md");
        assertTrue(message.contains("Dump kept at " + dump.toAbsolutePath()), message);
        assertTrue(message.contains("Markdown report at " + markdown.toAbsolutePath()), message);
        try (var in = Files.newInputStream(dump)) {
            assertEquals("JAVA PROFILE", new String(in.readNBytes(12), java.nio.charset.StandardCharsets.US_ASCII));
        }
        assertTrue(Files.readString(markdown).contains("openExports"), "the Markdown report names the holder");
    }

    @Test
    void heaptriageEnabledFalseTurnsTheCheckOff() throws Exception {
        Run run = run("LeakingExportTest", Map.of("heaptriage.enabled", "false"));

        run.assertPassed();
        assertTrue(run.costs().isEmpty(), "no dump was taken: " + run);
    }

    @Test
    void aBadConfigurationValueFailsWithOneLineNamingTheParameter() throws Exception {
        String message = run("ClosingExportTest", Map.of("heaptriage.scope", "suite")).failure();

        assertEquals("configuration parameter heaptriage.scope='suite' (junit-platform.properties): use class or test", message);
    }

    /** Runs one example class through the launcher and checks that no dump of it is left in the temp folder. */
    private static Run run(String exampleClass, Map<String, String> configuration) throws IOException {
        Path workDir = Files.createTempDirectory("example-project-");
        Map<String, String> withWorkDir = new java.util.HashMap<>(configuration);
        withWorkDir.put("heaptriage.workDir", workDir.toString());
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass("heaptriage.junit.example." + exampleClass))
                .configurationParameters(withWorkDir)
                .execute();
        try (Stream<Path> left = Files.list(workDir)) {
            assertEquals(List.of(), left.toList(), exampleClass + " left a dump behind");
        }
        Files.delete(workDir);

        List<String> costs = results.allEvents().reportingEntryPublished().stream()
                .map(e -> e.getPayload(ReportEntry.class).orElseThrow().getKeyValuePairs().get(HeapTriageExtension.COST_ENTRY))
                .toList();
        costs.forEach(c -> COSTS.add(exampleClass + ": " + c));
        return new Run(exampleClass, failures(results.containerEvents().failed().stream()),
                failures(results.testEvents().failed().stream()), results.testEvents().succeeded().count(), costs);
    }

    private static List<String> failures(Stream<Event> failed) {
        return failed.map(e -> e.getPayload(TestExecutionResult.class).orElseThrow().getThrowable().orElseThrow().getMessage())
                .toList();
    }
}
