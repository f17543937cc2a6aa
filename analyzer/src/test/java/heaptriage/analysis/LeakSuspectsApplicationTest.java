package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.reference.Snapshots;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * MAT's suspects keep MAT's figures (the reference tests hold them to MAT) and gain the application field their chain
 * ends at and whether they are application code: on the committed dumps none is, whatever field they end at.
 */
class LeakSuspectsApplicationTest {
    private static List<LeakSuspects.Suspect> suspectsOf(String name) throws Exception {
        Path dir = Files.isDirectory(Path.of("..", "sample-dumps", "dumps")) ? Path.of("..", "sample-dumps", "dumps")
                : Path.of("sample-dumps", "dumps");
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(Snapshots.of(dir.resolve(name + ".hprof.gz").toAbsolutePath().normalize())));
        return LeakSuspects.find(r, GcRootPaths.of(r), 10);
    }

    private static LeakSuspects.Suspect named(List<LeakSuspects.Suspect> suspects, String className) {
        return suspects.stream().filter(s -> s.className().equals(className)).findFirst()
                .orElseThrow(() -> new AssertionError("no suspect " + className + " in " + suspects));
    }

    @Test
    void theSessionsOfTheH2LeakEndAtTheStaticFieldOpenExportsButAreTheDriversObjects() throws Exception {
        LeakSuspects.Suspect sessions = named(suspectsOf("h2-leak"), "org.h2.engine.SessionLocal");

        assertEquals(LeakSuspects.Kind.GROUP, sessions.kind());
        assertEquals(Reference.staticField("com.acme.billing.InvoiceExporter", "openExports"), sessions.applicationField());
        assertFalse(sessions.application(), "a group of the driver's sessions, accumulated in a JDK map's table");
    }

    @Test
    void theHealthyPoolsSuspectsAreMachineryTheClassGroupHasNoFieldTheApplicationClassObjectEndsAtItsMap() throws Exception {
        List<LeakSuspects.Suspect> suspects = suspectsOf("hikari-healthy");

        assertFalse(suspects.isEmpty(), "MAT finds suspects here");
        assertTrue(suspects.stream().noneMatch(LeakSuspects.Suspect::application), suspects.toString());
        LeakSuspects.Suspect classes = named(suspects, "java.lang.Class");
        assertNull(classes.applicationField());
        LeakSuspects.Suspect app = named(suspects, "class com.acme.billing.BillingApplication");
        assertEquals(Reference.instanceField("com.acme.billing.CustomerDirectory", "byId"), app.applicationField());
    }
}
