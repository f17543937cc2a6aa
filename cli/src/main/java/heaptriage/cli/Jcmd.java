package heaptriage.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** The JDK's {@code jcmd}, run with a time limit: how {@code capture} talks to a running JVM. */
final class Jcmd {
    /** What one jcmd run printed (stdout and stderr together) and its exit code. */
    record Result(int exitCode, String output) {
        String lastLine() {
            String[] lines = output.strip().split("\\R");
            return lines.length == 0 || lines[lines.length - 1].isBlank() ? "(no output)" : lines[lines.length - 1].strip();
        }
    }

    private final Path executable;

    private Jcmd(Path executable) {
        this.executable = executable;
    }

    /** The jcmd on the PATH, else the one of the JDK running this command; empty when neither exists. */
    static Optional<Jcmd> find(String path, Path javaHome) {
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isBlank()) {
                    candidates.add(Path.of(dir, "jcmd"));
                }
            }
        }
        if (javaHome != null) {
            candidates.add(javaHome.resolve("bin").resolve("jcmd"));
        }
        return candidates.stream().filter(Files::isExecutable).findFirst().map(Jcmd::new);
    }

    Path executable() {
        return executable;
    }

    /** Runs {@code jcmd ARGS}; a run that takes longer than {@code timeout} is killed and reported as exit -1. */
    Result run(Duration timeout, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close(); // jcmd reads nothing from us
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "jcmd " + String.join(" ", args) + " did not finish within " + timeout.toSeconds() + " s");
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running jcmd", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("cannot read the output of jcmd " + String.join(" ", args), e);
        }
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
