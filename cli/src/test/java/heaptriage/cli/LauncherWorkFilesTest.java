package heaptriage.cli;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Through the real launcher script, with a memory budget so small that the index goes to mapped files: the work
 * folder exists while the command runs and is gone after success, after a failure, and after SIGTERM.
 */
class LauncherWorkFilesTest {
    private static final Path H2_LEAK = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz").toAbsolutePath();

    @TempDir
    static Path install;

    @BeforeAll
    static void installLauncher() throws IOException {
        LauncherInstall.into(install);
    }

    private static Process launch(Path workDir, Path output, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(install.resolve("heaptriage").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--memory", "16m", "--work-dir", workDir.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(output.toFile())
                .redirectError(output.resolveSibling(output.getFileName() + ".err").toFile());
        pb.environment().remove("JAVA_OPTS");
        return pb.start();
    }

    private static List<Path> filesUnder(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !p.equals(dir)).toList();
        }
    }

    private static String err(Path output) throws IOException {
        return Files.readString(output.resolveSibling(output.getFileName() + ".err"), StandardCharsets.UTF_8);
    }

    @Test
    void workFilesAreGoneAfterSuccess(@TempDir Path workDir, @TempDir Path out) throws Exception {
        Path output = out.resolve("report.json");
        Process p = launch(workDir, output, "analyze", H2_LEAK.toString(), "--format", "json");
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finishes");
        assertEquals(0, p.exitValue(), err(output));
        assertTrue(Files.readString(output).contains("\"connections\""), "a report was written");
        assertEquals(List.of(), filesUnder(workDir));
    }

    @Test
    void workFilesAreGoneAfterAFailure(@TempDir Path workDir, @TempDir Path out) throws Exception {
        // a 3-byte identifier size is refused after the work folder for this big a dump was made
        byte[] whole;
        try (var in = new java.util.zip.GZIPInputStream(Files.newInputStream(H2_LEAK))) {
            whole = in.readAllBytes();
        }
        assertEquals(8, whole[22], "the identifier size follows \"JAVA PROFILE 1.0.2\\0\"");
        whole[22] = 3;
        Path damaged = Files.write(out.resolve("damaged.hprof"), whole);
        Path output = out.resolve("report.txt");
        Process p = launch(workDir, output, "analyze", damaged.toString());
        assertTrue(p.waitFor(180, TimeUnit.SECONDS), "finishes");
        assertEquals(3, p.exitValue(), err(output));
        assertTrue(err(output).contains("identifier size"), err(output));
        assertEquals(List.of(), filesUnder(workDir));
    }

    @Test
    void workFilesAreGoneAfterSigterm(@TempDir Path workDir, @TempDir Path out) throws Exception {
        Path output = out.resolve("report.txt");
        Process p = launch(workDir, output, "analyze", H2_LEAK.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (filesUnder(workDir).isEmpty() && p.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(2);
        }
        assumeTrue(p.isAlive(), "the analysis ended before the signal could be sent");
        assertTrue(!filesUnder(workDir).isEmpty(), "the mapped index is being written");
        p.destroy(); // SIGTERM to the JVM: the launcher execs java, so this is the JVM's own process
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "stops");
        assertEquals(143, p.exitValue(), "killed by SIGTERM (128 + 15): " + err(output));
        assertEquals(List.of(), filesUnder(workDir));
    }
}
