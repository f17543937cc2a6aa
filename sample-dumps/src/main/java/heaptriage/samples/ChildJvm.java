package heaptriage.samples;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The JVM that runs a scenario: started by the parent, it reports READY and then waits for stdin to close. */
final class ChildJvm implements AutoCloseable {

    /** What the child printed on its READY line. */
    record Ready(long pid, String factsJson) {
    }

    // Marks the end of the child's stdout in the line queue.
    private static final String EOF = new String("<eof>");
    private static final int STDERR_LINES_KEPT = 40;

    private final String label;
    private final Process process;
    private final BlockingQueue<String> stdoutLines = new LinkedBlockingQueue<>();
    private final Deque<String> stderrTail = new ArrayDeque<>();
    private boolean ready;

    private ChildJvm(String label, Process process) {
        this.label = label;
        this.process = process;
        daemon(label + "-stdout", () -> pumpStdout(process.getInputStream()));
        daemon(label + "-stderr", () -> pumpStderr(process.getErrorStream()));
    }

    static ChildJvm start(String label, List<String> command) {
        try {
            return new ChildJvm(label, new ProcessBuilder(command).start());
        } catch (IOException e) {
            throw new SampleDumpException("cannot start child JVM " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** Waits for {@code READY <pid> <json>}; a FAILED line, an early exit or the timeout are errors. */
    Ready awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                String line = stdoutLines.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (line == null) {
                    throw new SampleDumpException(label + ": child JVM did not report READY within "
                            + timeout.toSeconds() + "s" + lastStderr());
                }
                if (line == EOF) {
                    throw new SampleDumpException(label + ": child JVM exited with code " + exitCode()
                            + " before READY" + lastStderr());
                }
                if (line.startsWith("FAILED ")) {
                    throw new SampleDumpException(label + ": scenario failed in the child JVM: " + line.substring(7));
                }
                if (line.startsWith("READY ")) {
                    Ready r = parseReady(line);
                    ready = true;
                    return r;
                }
                // Anything else is the application chatting on stdout; it is not ours to interpret.
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SampleDumpException(label + ": interrupted while waiting for the child JVM", e);
        }
    }

    private Ready parseReady(String line) {
        String[] parts = line.split(" ", 3);
        if (parts.length < 3 || !parts[2].startsWith("{")) {
            throw new SampleDumpException(label + ": malformed READY line: " + line);
        }
        return new Ready(Long.parseLong(parts[1]), parts[2]);
    }

    /**
     * Closing stdin is the child's signal to exit; destroy it if it does not. A child that never
     * got READY is not listening to stdin yet, so it is destroyed right away.
     */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // Already gone: nothing to signal.
        }
        try {
            if (!process.waitFor(ready ? 10 : 0, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(5, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private String exitCode() {
        try {
            // stdout closed; the process is exiting, give it a moment to report its code.
            return process.waitFor(5, TimeUnit.SECONDS) ? String.valueOf(process.exitValue()) : "(still running)";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(unknown)";
        }
    }

    /** The child's last meaningful stderr line, so a failure message says what went wrong. */
    private String lastStderr() {
        synchronized (stderrTail) {
            for (var it = stderrTail.descendingIterator(); it.hasNext(); ) {
                String line = it.next().strip();
                // Skip stack frames and SLF4J's "no provider" chatter; the exception line is more useful.
                if (!line.isEmpty() && !line.startsWith("at ") && !line.startsWith("...") && !line.startsWith("SLF4J")) {
                    return ": " + line;
                }
            }
        }
        return "";
    }

    private void pumpStdout(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                stdoutLines.add(line);
            }
        } catch (IOException ignored) {
            // The child died; EOF below reports it.
        }
        stdoutLines.add(EOF);
    }

    private void pumpStderr(InputStream in) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (stderrTail) {
                    stderrTail.addLast(line);
                    if (stderrTail.size() > STDERR_LINES_KEPT) {
                        stderrTail.removeFirst();
                    }
                }
            }
        } catch (IOException ignored) {
            // Nothing more to read.
        }
    }

    private static void daemon(String name, Runnable task) {
        Thread t = new Thread(task, name);
        t.setDaemon(true);
        t.start();
    }
}
