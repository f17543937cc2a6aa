package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.api.HeapTriage;
import heaptriage.hprof.DumpFile;
import heaptriage.report.Report;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code heaptriage capture PID}: dump a running JVM with jcmd, triage the dump, remove it. */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Dump a running JVM of this user on this machine (jcmd PID GC.heap_dump -gz=1), triage the dump"
                + " as analyze does, and remove it unless --keep-dump is given.",
        footer = {"", "Examples:",
            "  heaptriage capture --list",
            "  heaptriage capture 4242",
            "  heaptriage capture 4242 --keep-dump /data/billing.hprof.gz \\",
            "      -o report.html --fail-on connection-leak",
            "",
            "Exit codes: 0 done; 1 a gate tripped (the report is still written);",
            "2 usage error; 3 the dump cannot be read; 4 out of memory; 5 internal error;",
            "6 the JVM cannot be dumped (no such process, another user's, in a",
            "container, not a JVM, no jcmd, not enough disk)."})
final class CaptureCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "PID", description = "The process id of the running JVM.")
    Long pid;

    @Option(names = "--list", description = "List the JVMs you can capture (jcmd -l) and exit.")
    boolean list;

    @Option(names = "--keep-dump", paramLabel = "FILE", description = "Write the dump (gzip) to FILE and keep it; it must not exist.")
    Path keepDump;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    @Mixin
    AnalyzeOptions analysis;

    @Mixin
    MemoryOptions memory;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Jcmd jcmd = Jcmd.find(System.getenv("PATH"), Path.of(System.getProperty("java.home"))).orElseThrow(() -> new CaptureException(
                CaptureException.Reason.NO_JCMD, "no jcmd on the PATH: it comes with a JDK (not a JRE); install one, or put"
                        + " its bin folder on the PATH"));
        if (list) {
            return list(jcmd);
        }
        if (pid == null) {
            throw new ParameterException(spec.commandLine(), "give the PID of a running JVM, or --list to see them");
        }
        HeapTriage.Options options = analysis.options(keepDump); // a usage error must not cost a dump
        if (keepDump != null && Files.exists(keepDump)) {
            throw new ParameterException(spec.commandLine(), "--keep-dump " + keepDump + ": the file exists; name a new one");
        }
        if (keepDump != null && !Files.isDirectory(keepDump.toAbsolutePath().getParent())) {
            throw new ParameterException(spec.commandLine(), "--keep-dump " + keepDump + ": the folder "
                    + keepDump.toAbsolutePath().getParent() + " does not exist");
        }
        TargetJvm target = TargetJvm.check(pid, jcmd);
        long used = target.usedHeapBytes();
        Path folder = keepDump != null ? keepDump.toAbsolutePath().getParent() : Path.of(System.getProperty("java.io.tmpdir"));
        TargetJvm.checkDisk(folder, used);
        Report report;
        try (CapturedDump dump = CapturedDump.create(keepDump, pid)) {
            long start = System.nanoTime();
            target.dumpTo(dump.file(), dumpTimeout(used));
            note(String.format(Locale.ROOT, "dumped JVM %d (used heap %s) to %s%s: %s in %.1f s", pid, Bytes.human(used),
                    dump.file(), keepDump != null ? "" : " (removed after the analysis)", Bytes.human(Files.size(dump.file())),
                    (System.nanoTime() - start) / 1e9));
            DumpFile file = DumpFile.open(dump.file());
            report = HeapTriage.analyze(file, options, ProgressLine.forDump(file.isCompressed() ? -1 : file.fileBytes(), quiet));
        }
        return analysis.writeAndGate(report);
    }

    private int list(Jcmd jcmd) throws IOException {
        List<TargetJvm.LocalJvm> jvms = TargetJvm.LocalJvm.list(jcmd);
        if (jvms.isEmpty()) {
            System.out.println("No JVMs of user " + System.getProperty("user.name") + " found (JVMs of other users and in"
                    + " containers are not listed).");
        }
        jvms.forEach(j -> System.out.printf(Locale.ROOT, "%8d  %s%n", j.pid(), j.description()));
        return ExitCode.OK;
    }

    /** A minute, plus a minute per GiB of used heap: gzip writes a few hundred MB/s on one core. */
    private static Duration dumpTimeout(long usedHeap) {
        return Duration.ofSeconds(60 + 60 * (usedHeap >> 30));
    }

    private void note(String line) {
        if (!quiet) {
            System.err.println("heaptriage: " + line);
        }
    }

    /**
     * Where the dump goes: the --keep-dump file, or a file in a fresh temporary folder that {@link #close()} removes,
     * also when the command is interrupted (Ctrl-C, SIGTERM).
     */
    private record CapturedDump(Path file, Path temporaryFolder, Thread cleanUpOnExit) implements AutoCloseable {
        static CapturedDump create(Path keep, long pid) throws IOException {
            if (keep != null) {
                return new CapturedDump(keep.toAbsolutePath(), null, null);
            }
            Path folder = Files.createTempDirectory("heaptriage-capture-");
            Path file = folder.resolve("jvm-" + pid + ".hprof.gz");
            Thread cleanUp = new Thread(() -> delete(file, folder), "heaptriage-capture-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanUp);
            return new CapturedDump(file, folder, cleanUp);
        }

        @Override
        public void close() {
            if (temporaryFolder == null) {
                return;
            }
            delete(file, temporaryFolder);
            try {
                Runtime.getRuntime().removeShutdownHook(cleanUpOnExit);
            } catch (IllegalStateException e) {
                // Already shutting down: the hook runs anyway.
            }
        }

        private static void delete(Path file, Path folder) {
            try {
                Files.deleteIfExists(file);
                Files.deleteIfExists(folder);
            } catch (IOException e) {
                System.err.println("heaptriage: could not remove the temporary dump " + file + ": " + e.getMessage());
            }
        }
    }
}
