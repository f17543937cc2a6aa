package heaptriage.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Runs the real command line in this JVM and captures what it printed and returned. */
final class CliRun {
    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
        /** The lines printed on stderr, without a progress line's carriage-return clearing. */
        long errLines() {
            return err.strip().lines().filter(l -> !l.isBlank()).count();
        }
    }

    private CliRun() {
    }

    static Result run(String... args) {
        return runWithInput(new ByteArrayInputStream(new byte[0]), args);
    }

    /** Runs with {@code stdin} as standard input (for {@code analyze -}). */
    static synchronized Result runWithInput(InputStream stdin, String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        InputStream oldIn = System.in;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            System.setIn(stdin);
            int code = Main.run(args);
            return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
            System.setIn(oldIn);
        }
    }
}
