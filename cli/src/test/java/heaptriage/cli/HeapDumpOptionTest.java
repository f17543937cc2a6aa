package heaptriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** {@code --dump N} picks a heap dump of a file that holds several; a number that is not one is a usage error. */
class HeapDumpOptionTest {
    private static final Path H2_LEAK = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");

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
    void aNumberBelowOneIsRefusedBeforeTheDumpIsRead() {
        Run r = run("analyze", "/nonexistent/dump.hprof", "--dump", "0");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--dump 0 is not a heap dump number: give 1 for the first heap dump of the file"),
                r.err());
    }

    @Test
    void aNumberBeyondTheFilesHeapDumpsIsAUsageErrorNamingHowManyThereAre() {
        Run r = run("histogram", H2_LEAK.toString(), "--dump", "2");
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertEquals("heaptriage: " + H2_LEAK + " holds one heap dump, so there is no heap dump 2: it is heap dump 1",
                r.err().strip());
    }

    @Test
    void theOnlyHeapDumpCanBeNamed() {
        Run r = run("histogram", H2_LEAK.toString(), "--dump", "1", "--quiet");
        assertEquals(ExitCode.OK, r.exitCode(), r.err());
    }
}
