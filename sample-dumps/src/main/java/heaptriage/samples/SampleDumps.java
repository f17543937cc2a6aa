package heaptriage.samples;

import heaptriage.samples.scenarios.Scenario;
import heaptriage.samples.scenarios.Scenarios;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Generates a heap dump of a scenario: runs it in a child JVM and dumps that JVM with {@code jcmd}.
 * Usable as a CLI and, through {@link #generate}, from tests in other modules.
 */
public final class SampleDumps {

    private static final String USAGE = """
            usage: SampleDumps --scenario NAME --out DIR [--gzip] [--size 1g] [--requests N] [--all-objects] [--timeout SECONDS]
                   SampleDumps --list""";

    private SampleDumps() {
    }

    public static void main(String[] args) {
        try {
            Cli cli = Cli.parse(args);
            if (cli.list) {
                Scenarios.all().forEach(s -> System.out.printf("%-16s %s%n", s.name(), s.description()));
                return;
            }
            long start = System.nanoTime();
            GeneratedDump dump = generate(cli.scenario, cli.out, cli.options, step -> System.err.println("  " + step));
            long millis = (System.nanoTime() - start) / 1_000_000;
            System.out.printf("%s: %s (%s), %s, %s in %.1fs%n", dump.scenario(), dump.dump(),
                    Sizes.human(Files.size(dump.dump())), dump.histogram().getFileName(),
                    dump.truth().getFileName(), millis / 1000.0);
        } catch (IllegalArgumentException e) {
            System.err.println("sample-dumps: " + e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
        } catch (SampleDumpException | IOException e) {
            System.err.println("sample-dumps: " + e.getMessage());
            System.exit(1);
        }
    }

    /**
     * Runs {@code scenario} in a fresh JVM and writes {@code <base>.hprof[.gz]},
     * {@code <base>.histo.txt} and {@code <base>.truth.json} into {@code dir}, replacing
     * earlier ones. {@code <base>} is the scenario name, or {@code <scenario>-r<N>} when
     * {@link Options#withRequests(int)} was given. Takes a few seconds for the small scenarios.
     *
     * @throws SampleDumpException with a one-line reason if any step fails or times out
     */
    public static GeneratedDump generate(String scenario, Path dir, Options opts) {
        return generate(scenario, dir, opts, step -> { });
    }

    /** As {@link #generate(String, Path, Options)}, reporting each finished step and its duration. */
    static GeneratedDump generate(String scenario, Path dir, Options opts, Consumer<String> progress) {
        Scenario s = Scenarios.byName(scenario).orElseThrow(() -> new SampleDumpException(
                "unknown scenario '" + scenario + "' (known: " + String.join(", ", Scenarios.names()) + ")"));
        Path out = dir.toAbsolutePath().normalize();
        String base = opts.baseName(scenario);
        GeneratedDump files = new GeneratedDump(scenario,
                out.resolve(base + (opts.gzip() ? ".hprof.gz" : ".hprof")),
                out.resolve(base + ".histo.txt"),
                out.resolve(base + ".truth.json"));
        prepare(files);

        long heapMb = s.maxHeapMegabytes(opts.sizeBytes(), opts.requests());
        Duration stepTimeout = opts.stepTimeout() != null ? opts.stepTimeout() : stepTimeoutFor(heapMb, opts.gzip());
        Jcmd jcmd = Jcmd.ofCurrentJdk();
        List<String> command = childCommand(s, heapMb, opts.sizeBytes(), opts.requests());

        Stopwatch watch = new Stopwatch(progress);
        try (ChildJvm child = ChildJvm.start(scenario, command)) {
            ChildJvm.Ready ready = child.awaitReady(stepTimeout);
            watch.lap(scenario + " ready in child JVM " + ready.pid() + " (-Xmx" + heapMb + "m)");
            List<String> dumpArgs = dumpArguments(opts, files.dump());
            String dumpOutput = jcmd.run(ready.pid(), stepTimeout, dumpArgs.toArray(String[]::new));
            if (!dumpOutput.contains("Heap dump file created")) {
                throw new SampleDumpException(scenario + ": jcmd GC.heap_dump failed: " + Jcmd.lastLine(dumpOutput));
            }
            watch.lap("heap dump: " + Jcmd.lastLine(dumpOutput));
            // Taken right after the dump; -all skips the extra full GC, so it sees the same objects.
            String histogram = jcmd.run(ready.pid(), stepTimeout, "GC.class_histogram", "-all");
            if (!histogram.contains("Total")) {
                throw new SampleDumpException(scenario + ": jcmd GC.class_histogram failed: " + Jcmd.lastLine(histogram));
            }
            watch.lap("class histogram taken");
            Files.writeString(files.histogram(), histogram, StandardCharsets.UTF_8);
            Files.writeString(files.truth(), truth(ready, files, opts, command, dumpArgs), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SampleDumpException(scenario + ": cannot write output: " + e.getMessage(), e);
        }
        watch.lap("child JVM stopped");
        checkDump(files.dump(), opts.gzip());
        makeReadable(files.dump());
        return files;
    }

    /**
     * Starts {@code scenario} in a fresh JVM and returns once it is set up, leaving it running until the returned
     * handle is closed. The request count of {@code opts} applies; its dump settings do not.
     *
     * @throws SampleDumpException with a one-line reason if the scenario fails or times out
     */
    public static RunningScenario start(String scenario, Options opts) {
        Scenario s = Scenarios.byName(scenario).orElseThrow(() -> new SampleDumpException(
                "unknown scenario '" + scenario + "' (known: " + String.join(", ", Scenarios.names()) + ")"));
        long heapMb = s.maxHeapMegabytes(opts.sizeBytes(), opts.requests());
        Duration timeout = opts.stepTimeout() != null ? opts.stepTimeout() : stepTimeoutFor(heapMb, opts.gzip());
        ChildJvm child = ChildJvm.start(scenario, childCommand(s, heapMb, opts.sizeBytes(), opts.requests()));
        try {
            ChildJvm.Ready ready = child.awaitReady(timeout);
            return new RunningScenario(ready.pid(), ready.factsJson(), child);
        } catch (RuntimeException e) {
            child.close();
            throw e;
        }
    }

    private static void prepare(GeneratedDump files) {
        try {
            Files.createDirectories(files.dump().getParent());
            // jcmd refuses to overwrite an existing dump file. Remove the other format's dump too, so
            // no stale dump sits next to a histogram and truth file that describe a different run.
            Files.deleteIfExists(files.dump());
            String name = files.dump().getFileName().toString();
            Path other = name.endsWith(".gz") ? files.dump().resolveSibling(name.substring(0, name.length() - 3))
                    : files.dump().resolveSibling(name + ".gz");
            Files.deleteIfExists(other);
            Files.deleteIfExists(files.histogram());
            Files.deleteIfExists(files.truth());
        } catch (IOException e) {
            throw new SampleDumpException("cannot prepare output directory " + files.dump().getParent() + ": " + e, e);
        }
    }

    private static List<String> childCommand(Scenario s, long heapMb, long sizeBytes, int requests) {
        List<String> command = new ArrayList<>();
        command.add(Jcmd.javaOfCurrentJdk().toString());
        command.add("-Xmx" + heapMb + "m");
        command.add("-XX:+UseG1GC");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(ScenarioMain.class.getName());
        command.add(s.name());
        if (sizeBytes > 0) {
            command.add("--size");
            command.add(Long.toString(sizeBytes));
        }
        if (requests != Options.DEFAULT_REQUESTS) {
            command.add("--requests");
            command.add(Integer.toString(requests));
        }
        return command;
    }

    private static List<String> dumpArguments(Options opts, Path dump) {
        List<String> args = new ArrayList<>();
        args.add("GC.heap_dump");
        if (opts.allObjects()) {
            args.add("-all");
        }
        if (opts.gzip()) {
            args.add("-gz=1");
        }
        args.add(dump.toString());
        return args;
    }

    /** Small scenarios get a minute per step; big heaps get time proportional to their size. */
    private static Duration stepTimeoutFor(long heapMb, boolean gzip) {
        long perGb = gzip ? 240 : 120;
        return Duration.ofSeconds(60 + heapMb * perGb / 1024);
    }

    /** The child's facts plus how the files were made. */
    private static String truth(ChildJvm.Ready ready, GeneratedDump files, Options opts,
                                List<String> command, List<String> dumpArgs) {
        Map<String, Object> dump = new LinkedHashMap<>();
        dump.put("file", files.dump().getFileName().toString());
        dump.put("format", opts.gzip() ? "hprof, gzip (jcmd -gz=1: concatenated gzip members)" : "hprof");
        dump.put("liveObjectsOnly", !opts.allObjects());
        dump.put("dumpCommand", "jcmd <pid> " + String.join(" ", dumpArgs.subList(0, dumpArgs.size() - 1))
                + " <file>");
        dump.put("histogramFile", files.histogram().getFileName().toString());
        dump.put("histogramCommand", "jcmd <pid> GC.class_histogram -all");
        int main = command.indexOf(ScenarioMain.class.getName());
        dump.put("childJvmOptions", command.subList(1, main).stream().filter(a -> a.startsWith("-X")).toList());
        String facts = ready.factsJson().strip();
        String merged = facts.substring(0, facts.length() - 1) + ",\"dump\":" + Json.compact(dump) + "}";
        return Json.reindent(merged);
    }

    /** jcmd creates dumps readable by the owner only; these are sample files meant to be shared. */
    private static void makeReadable(Path dump) {
        try {
            if (Files.getFileStore(dump).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(dump, PosixFilePermissions.fromString("rw-r--r--"));
            }
        } catch (IOException | UnsupportedOperationException e) {
            // Not worth failing the run for; the owner can still read it.
        }
    }

    private static void checkDump(Path dump, boolean gzip) {
        byte[] head = new byte[18];
        int n;
        try (InputStream in = Files.newInputStream(dump)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new SampleDumpException("jcmd reported success but " + dump + " cannot be read: " + e.getMessage(), e);
        }
        boolean ok = gzip
                ? n >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b
                : n == head.length && new String(head, StandardCharsets.US_ASCII).equals("JAVA PROFILE 1.0.2");
        if (!ok) {
            throw new SampleDumpException(dump + " does not look like " + (gzip ? "a gzip file" : "an HPROF file"));
        }
    }

    /** Command-line arguments. */
    private static final class Cli {
        String scenario;
        Path out;
        boolean list;
        Options options = Options.defaults();

        static Cli parse(String[] args) {
            Cli cli = new Cli();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenario" -> cli.scenario = value(args, ++i, "--scenario");
                    case "--out" -> cli.out = Path.of(value(args, ++i, "--out"));
                    case "--gzip" -> cli.options = cli.options.withGzip(true);
                    case "--all-objects" -> cli.options = cli.options.withAllObjects(true);
                    case "--size" -> cli.options = cli.options.withSize(value(args, ++i, "--size"));
                    case "--requests" -> cli.options = cli.options.withRequests(
                            parseRequests(value(args, ++i, "--requests")));
                    case "--timeout" -> cli.options = cli.options.withStepTimeout(
                            Duration.ofSeconds(Long.parseLong(value(args, ++i, "--timeout"))));
                    case "--list" -> cli.list = true;
                    case "-h", "--help" -> throw new IllegalArgumentException("help");
                    default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
                }
            }
            if (!cli.list && (cli.scenario == null || cli.out == null)) {
                throw new IllegalArgumentException("--scenario and --out are required");
            }
            return cli;
        }

        private static int parseRequests(String value) {
            try {
                return Integer.parseInt(value);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--requests needs a whole number, got '" + value + "'");
            }
        }

        private static String value(String[] args, int i, String flag) {
            if (i >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args[i];
        }
    }
}
