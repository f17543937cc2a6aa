package heaptriage.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.samples.Options;
import heaptriage.samples.RunningScenario;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code heaptriage capture} on a real running JVM, and its one-line refusals. */
class CaptureCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one run printed and returned. */
    private record Run(int exitCode, String out, String err) {
    }

    private static synchronized Run run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            int code = Main.run(args);
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
    }

    @Test
    @Tag("slow")
    void captureOfARunningLeakingServiceFindsItsLeakAndLeavesNoDumpBehind(@TempDir Path dir) throws Exception {
        try (RunningScenario service = SampleDumps.start("h2-leak", Options.defaults())) {
            Run listed = run("capture", "--list");
            assertEquals(0, listed.exitCode(), listed.err());
            assertTrue(listed.out().contains(service.pid() + "  heaptriage.samples.ScenarioMain h2-leak"), listed.out());

            Path report = dir.resolve("report.json");
            Run r = run("capture", Long.toString(service.pid()), "-o", report.toString(), "--fail-on", "connection-leak");

            assertEquals(1, r.exitCode(), "the leak trips the gate: " + r.err());
            Matcher dumped = Pattern.compile("dumped JVM " + service.pid() + " \\(used heap [^)]+\\) to (\\S+)"
                    + " \\(removed after the analysis\\)").matcher(r.err());
            assertTrue(dumped.find(), r.err());
            Path temporary = Path.of(dumped.group(1));
            assertFalse(Files.exists(temporary), "the temporary dump is removed");
            assertFalse(Files.exists(temporary.getParent()), "and its temporary folder");
            JsonNode leak = onlyLeak(JSON.readTree(report.toFile()));
            assertEquals("openExports", leak.path("holder").path("field").asText());
            assertEquals(200, leak.path("open").asLong());

            Path kept = dir.resolve("billing.hprof.gz");
            Run keeping = run("capture", Long.toString(service.pid()), "--keep-dump", kept.toString(), "--format", "json", "--quiet");
            assertEquals(0, keeping.exitCode(), keeping.err());
            assertEquals("openExports", onlyLeak(JSON.readTree(keeping.out())).path("holder").path("field").asText());
            try (InputStream in = Files.newInputStream(kept)) {
                byte[] magic = in.readNBytes(2);
                assertTrue(magic[0] == (byte) 0x1f && magic[1] == (byte) 0x8b, "--keep-dump keeps the gzip dump");
            }
            Run again = run("capture", Long.toString(service.pid()), "--keep-dump", kept.toString());
            assertEquals(2, again.exitCode(), "an existing file is never overwritten");
            assertTrue(again.err().contains("--keep-dump " + kept + ": the file exists; name a new one"), again.err());
        }
    }

    @Test
    void aProcessThatDoesNotExistIsOneLineAndExitCode6() {
        long pid = 4_194_000;
        while (ProcessHandle.of(pid).isPresent()) {
            pid++;
        }
        Run r = run("capture", Long.toString(pid));

        assertEquals(6, r.exitCode(), r.err());
        assertEquals("heaptriage: no process " + pid + " on this machine; 'heaptriage capture --list' shows the JVMs you can"
                + " dump", r.err().strip());
    }

    @Test
    void aProcessThatIsNotAJvmIsRefusedAndNotSignalled() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "60").start();
        try {
            Run r = run("capture", Long.toString(sleeper.pid()));

            assertEquals(6, r.exitCode(), r.err());
            assertTrue(r.err().strip().matches("heaptriage: process \\d+ \\(.*sleep\\) is not a Java VM; .*"), r.err());
            assertTrue(sleeper.isAlive(), "jcmd's attach signal would have killed it");
        } finally {
            sleeper.destroy();
        }
    }

    @Test
    void aProcessInItsOwnPidNamespaceIsRefusedAsAContainerAndNotSignalled() throws Exception {
        Process unshare;
        try {
            unshare = new ProcessBuilder("unshare", "--pid", "--fork", "sleep", "60").start();
        } catch (IOException e) {
            Assumptions.abort("no unshare here: " + e.getMessage());
            return;
        }
        try {
            ProcessHandle inside = null;
            for (int i = 0; i < 50 && inside == null && unshare.isAlive(); i++) {
                inside = unshare.toHandle().children().findFirst().orElse(null);
                Thread.sleep(100);
            }
            Assumptions.assumeTrue(inside != null, "unshare --pid needs privileges this user lacks");
            Run r = run("capture", Long.toString(inside.pid()));

            assertEquals(6, r.exitCode(), r.err());
            assertTrue(r.err().startsWith("heaptriage: process " + inside.pid() + " runs in a container (its own namespaces)"
                    + ", where its dump would be written out of our sight: dump it inside, e.g. docker exec <container> jcmd 1"
                    + " GC.heap_dump"), r.err());
            assertTrue(inside.isAlive(), "nothing was sent to it");
        } finally {
            unshare.toHandle().descendants().forEach(ProcessHandle::destroy);
            unshare.destroy();
        }
    }

    @Test
    void anotherUsersJvmSaysToRunAsThatUser() {
        CaptureException e = assertThrows(CaptureException.class, () -> TargetJvm.checkOwner(42, Optional.of("billing"), "alice"));

        assertEquals(CaptureException.Reason.OTHER_USER, e.reason());
        assertEquals("process 42 belongs to user billing, not alice; jcmd must run as the JVM's user (the JVM writes its"
                + " dump with that user's rights): run as that user,"
                + " e.g. sudo -u billing ./heaptriage capture 42", e.getMessage());
    }

    @Test
    void aProcessInANestedPidNamespaceIsInAContainer() {
        assertEquals(Optional.of(1L), TargetJvm.pidInsideContainer("Name:\tjava\nNSpid:\t31337\t1\nNSpgid:\t31337\t1\n"));
        assertEquals(Optional.empty(), TargetJvm.pidInsideContainer("Name:\tjava\nNSpid:\t31337\n"));
        assertEquals(Optional.empty(), TargetJvm.pidInsideContainer(""));
    }

    @Test
    void notEnoughDiskForTheUsedHeapIsRefusedBeforeDumping(@TempDir Path dir) {
        CaptureException e = assertThrows(CaptureException.class, () -> TargetJvm.checkDisk(dir, Long.MAX_VALUE / 2));

        assertEquals(CaptureException.Reason.NOT_ENOUGH_DISK, e.reason());
        assertTrue(e.getMessage().startsWith("not enough disk for the dump in " + dir + ": the JVM's used heap is "), e.getMessage());
        assertTrue(e.getMessage().endsWith("give --keep-dump FILE on a bigger disk"), e.getMessage());
    }

    @Test
    void withoutJcmdOnThePathOrInTheJdkThereIsNone(@TempDir Path empty) {
        assertTrue(Jcmd.find(empty.toString(), empty).isEmpty());
        assertTrue(Jcmd.find(null, Path.of(System.getProperty("java.home"))).isPresent(), "this JDK's own jcmd is found");
    }

    @Test
    void theUsedHeapIsReadFromEveryCollectorsHeapInfo() {
        String g1 = """
                 garbage-first heap   total 262144K, used 20480K [0x00000000f0000000, 0x0000000100000000)
                  region size 1024K, 18 young (18432K), 2 survivors (2048K)
                 Metaspace       used 9000K, committed 9300K, reserved 1114112K
                  class space    used 800K, committed 900K, reserved 1048576K
                """;
        String parallel = """
                 PSYoungGen      total 76288K, used 10486K [0x0, 0x0, 0x0)
                  eden space 65536K, 16% used [0x0,0x0,0x0)
                  from space 10752K, 0% used [0x0,0x0,0x0)
                 ParOldGen       total 175104K, used 1024K [0x0, 0x0, 0x0)
                  object space 175104K, 0% used [0x0,0x0,0x0)
                 Metaspace       used 9000K, committed 9300K, reserved 1114112K
                """;
        String zgc = " ZHeap           used 8M, capacity 40M, max capacity 4012M\n Metaspace       used 700K, committed 900K\n";
        String shenandoah = "Shenandoah Heap\n 4012M max, 4012M soft max, 64M committed, 7554K used\n";

        assertEquals(Optional.of(20480L * 1024), TargetJvm.usedHeap(g1));
        assertEquals(Optional.of((10486L + 1024) * 1024), TargetJvm.usedHeap(parallel));
        assertEquals(Optional.of(8L << 20), TargetJvm.usedHeap(zgc));
        assertEquals(Optional.of(7554L * 1024), TargetJvm.usedHeap(shenandoah));
        assertEquals(Optional.empty(), TargetJvm.usedHeap("Unknown diagnostic command"));
    }

    @Test
    void captureHelpTeachesWithAnExample() {
        Run r = run("capture", "--help");

        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Example") && r.out().contains("--keep-dump") && r.out().contains("--fail-on"), r.out());
    }

    @Test
    void keepingTheDumpInAFolderThatDoesNotExistIsAUsageErrorBeforeAnythingElse(@TempDir Path dir) {
        Path missing = dir.resolve("no-such-folder").resolve("billing.hprof.gz");
        Run r = run("capture", Long.toString(ProcessHandle.current().pid()), "--keep-dump", missing.toString());

        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("the folder " + missing.getParent() + " does not exist"), r.err());
    }

    @Test
    void aPidIsRequiredUnlessListing() {
        Run r = run("capture");

        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("give the PID of a running JVM, or --list to see them"), r.err());
    }

    private static JsonNode onlyLeak(JsonNode report) {
        JsonNode leak = null;
        for (JsonNode c : report.path("connections")) {
            if ("leak".equals(c.path("verdict").asText())) {
                assertFalse(leak != null, "one leak: " + report.path("connections"));
                leak = c;
            }
        }
        assertTrue(leak != null, "a leak: " + report.path("connections"));
        return leak;
    }
}
