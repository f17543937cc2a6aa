package heaptriage.samples;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Runs the JDK's own {@code jcmd} against the child JVM, with a time limit. */
final class Jcmd {

    private final Path executable;

    private Jcmd(Path executable) {
        this.executable = executable;
    }

    /** The jcmd next to the running java, so dump format and target JVM version match. */
    static Jcmd ofCurrentJdk() {
        Path bin = Path.of(System.getProperty("java.home"), "bin");
        Path jcmd = bin.resolve(isWindows() ? "jcmd.exe" : "jcmd");
        if (!Files.isExecutable(jcmd)) {
            throw new SampleDumpException("no jcmd at " + jcmd + ": run the generator with a full JDK, not a JRE");
        }
        return new Jcmd(jcmd);
    }

    static Path javaOfCurrentJdk() {
        Path java = Path.of(System.getProperty("java.home"), "bin", isWindows() ? "java.exe" : "java");
        if (Files.isExecutable(java)) {
            return java;
        }
        return ProcessHandle.current().info().command().map(Path::of)
                .orElseThrow(() -> new SampleDumpException("cannot find the java executable of this JVM"));
    }

    /**
     * Runs {@code jcmd <pid> <args>} and returns its output without jcmd's leading "<pid>:" line.
     * jcmd exits 0 even when the command failed inside the target, so callers check the text.
     */
    String run(long pid, Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.add(Long.toString(pid));
        command.addAll(List.of(args));
        String shown = "jcmd " + pid + " " + String.join(" ", args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new SampleDumpException("cannot run " + shown + ": " + e.getMessage(), e);
        }
        try {
            process.getOutputStream().close(); // jcmd reads nothing from us
        } catch (IOException ignored) {
            // Nothing to close.
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new SampleDumpException(shown + " did not finish within " + timeout.toSeconds() + "s");
            }
            String text = output.get(10, TimeUnit.SECONDS);
            if (process.exitValue() != 0) {
                throw new SampleDumpException(shown + " failed (exit " + process.exitValue() + "): " + lastLine(text));
            }
            return stripPidLine(pid, text);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new SampleDumpException("interrupted while running " + shown, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new SampleDumpException("cannot read the output of " + shown, e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String stripPidLine(long pid, String text) {
        String prefix = pid + ":";
        if (text.startsWith(prefix)) {
            int nl = text.indexOf('\n');
            return nl < 0 ? "" : text.substring(nl + 1);
        }
        return text;
    }

    static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        return lines.length == 0 ? "(no output)" : lines[lines.length - 1].strip();
    }

    private static boolean isWindows() {
        return System.getProperty("os.name", "").startsWith("Windows");
    }
}
