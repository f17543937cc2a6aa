package heaptriage.samples;

import org.junit.jupiter.api.Tag;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The failure messages a user sees when the child JVM does not get to READY. */
@Tag("slow") // starts child JVMs: runs in the integration-test phase (mvn verify)
class ChildJvmTest {

    private static final String JAVA = Jcmd.javaOfCurrentJdk().toString();
    private static final String CP = System.getProperty("java.class.path");

    @Test
    void scenarioFailureIsReportedFromTheFailedLine() {
        try (ChildJvm child = ChildJvm.start("bad", List.of(JAVA, "-cp", CP, ScenarioMain.class.getName(), "nope"))) {
            SampleDumpException e = assertThrows(SampleDumpException.class, () -> child.awaitReady(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().contains("scenario failed in the child JVM: java.lang.IllegalArgumentException: "
                    + "unknown scenario nope"), e.getMessage());
        }
    }

    @Test
    void earlyExitIsReportedWithTheLastStderrLine() {
        try (ChildJvm child = ChildJvm.start("bad", List.of(JAVA, "-cp", CP, "no.such.MainClass"))) {
            SampleDumpException e = assertThrows(SampleDumpException.class, () -> child.awaitReady(Duration.ofSeconds(30)));
            assertTrue(e.getMessage().matches("bad: child JVM exited with code 1 before READY: .*no.such.MainClass.*"),
                    e.getMessage());
        }
    }
}
