package heaptriage.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each careless command of issue 17 gets exit code 2 and one line, before any dump is read. Most cases give a dump
 * path that does not exist: had the dump been opened first, the answer would be exit 3 ("does not exist"), so
 * exit 2 with the option's complaint proves the command line was checked first.
 */
class CarelessCommandsTest {
    private static final Path H2_LEAK = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");
    private static final String NO_DUMP = "no/such/dump.hprof";

    static Stream<List<String>> optionTypos() {
        return Stream.of(
                List.of("analyze", NO_DUMP, "--top", "-1"),
                List.of("analyze", NO_DUMP, "-o", "/nonexistent/r.json"),
                List.of("analyze", NO_DUMP, "-o", "/proc/r.json"),
                List.of("analyze", NO_DUMP, "--max-used-heap", "2x"),
                List.of("analyze", NO_DUMP, "--max-retained", "com.acme.Cache=1q"),
                List.of("analyze", NO_DUMP, "--max-retained", "com.acme.Cache"),
                List.of("analyze", NO_DUMP, "--suspect-threshold", "200"),
                List.of("analyze", NO_DUMP, "--leak-threshold", "0"),
                List.of("analyze", NO_DUMP, "--thread-leak-threshold", "0"),
                List.of("analyze", NO_DUMP, "--memory", "x"),
                List.of("analyze", NO_DUMP, "--memory", "1m"),
                List.of("analyze", NO_DUMP, "--fail-on", "leak"),
                List.of("analyze", NO_DUMP, "--format", "pdf"),
                List.of("analyze", NO_DUMP, "--no-such-option"),
                List.of("paths", NO_DUMP, "--object", "0xzz"),
                List.of("paths", NO_DUMP, "--class", "x.Y", "--top", "0"),
                List.of("histogram", NO_DUMP, "--top", "many"),
                List.of("diff", NO_DUMP, NO_DUMP, "--max-used-heap-growth", "20x"),
                List.of("diff", NO_DUMP, NO_DUMP, "--max-growth", "com.acme.Cache=lots"),
                List.of("diff", NO_DUMP, NO_DUMP, "--fail-on", "growth=5"),
                List.of("diff", NO_DUMP, NO_DUMP, "-o", "/nonexistent/d.md"),
                List.of("diff", NO_DUMP),
                List.of("render", "no/such/report.json", "--top", "-3"));
    }

    @ParameterizedTest
    @MethodSource("optionTypos")
    void aBadOptionIsOneLineAndExitCode2BeforeTheDumpIsOpened(List<String> args) {
        CliRun.Result r = CliRun.run(args.toArray(String[]::new));
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), "one line, not the usage text: " + r.err());
        assertTrue(r.err().contains("see 'heaptriage " + args.get(0) + " --help'"), r.err());
        assertFalse(r.err().contains("does not exist: check the path to the heap dump"), "the dump was not opened: " + r.err());
        assertFalse(r.err().contains("[picocli WARN]"), r.err());
        assertEquals("", r.out());
    }

    @Test
    void aBadMemoryBudgetSaysWhatASizeIs() {
        CliRun.Result notASize = CliRun.run("analyze", NO_DUMP, "--memory", "x");
        assertTrue(notASize.err().contains("'x' is not a size"), notASize.err());
        assertFalse(notASize.err().contains("Exception"), notASize.err());
        CliRun.Result tooSmall = CliRun.run("analyze", NO_DUMP, "--memory", "1m");
        assertTrue(tooSmall.err().contains("'1m' is too small: give at least 16m"), tooSmall.err());
    }

    @Test
    void anOutputPathThatCannotBeWrittenIsNamedWithTheReason(@TempDir Path dir) {
        CliRun.Result missing = CliRun.run("analyze", NO_DUMP, "-o", "/nonexistent/r.json");
        assertTrue(missing.err().contains("the folder /nonexistent does not exist"), missing.err());
        CliRun.Result readOnly = CliRun.run("analyze", NO_DUMP, "-o", "/proc/r.json");
        assertTrue(readOnly.err().contains("cannot create files in /proc"), readOnly.err());
        CliRun.Result folder = CliRun.run("analyze", NO_DUMP, "-o", dir.toString());
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains("is a directory"), folder.err());
    }

    @Test
    void aReportThatCannotBeWrittenWholeIsAnErrorNotASilentlyCutFile() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(Path.of("/dev/full")), "/dev/full is there (Linux)");
        CliRun.Result r = CliRun.run("analyze", H2_LEAK.toString(), "-o", "/dev/full", "--format", "md");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("could not write the whole report to /dev/full"), r.err());
    }

    @Test
    void theReportNeverOverwritesTheDump(@TempDir Path dir) throws Exception {
        Path dump = Files.copy(H2_LEAK, dir.resolve("app.hprof.gz"));
        byte[] before = Files.readAllBytes(dump);
        CliRun.Result r = CliRun.run("analyze", dump.toString(), "-o", dump.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is the dump itself"), r.err());
        assertEquals(before.length, Files.readAllBytes(dump).length, "the dump is untouched");
    }

    @Test
    void aBadRulesFileIsAUsageErrorNamingTheFileBeforeTheDumpIsRead(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"version\": 1, \"kinds\": [ {\"kind\": }\n");
        CliRun.Result bad = CliRun.run("analyze", NO_DUMP, "--rules", rules.toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertEquals(1, bad.errLines(), bad.err());
        assertTrue(bad.err().contains("--rules " + rules), bad.err());
        CliRun.Result missing = CliRun.run("analyze", NO_DUMP, "--rules", dir.resolve("nope.json").toString());
        assertEquals(2, missing.exitCode(), missing.err());
        assertTrue(missing.err().contains("does not exist") && missing.err().contains("--rules"), missing.err());
    }

    @Test
    void aGateOnAClassTheDumpDoesNotHaveIsAUsageErrorUnlessAllowed(@TempDir Path dir) {
        Path out = dir.resolve("r.json");
        CliRun.Result r = CliRun.run("analyze", H2_LEAK.toString(), "-o", out.toString(), "--max-retained", "com.nonexistent.Foo=1k");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("com.nonexistent.Foo") && r.err().contains("--allow-missing-class"), r.err());
        CliRun.Result allowed = CliRun.run("analyze", H2_LEAK.toString(), "-o", out.toString(),
                "--max-retained", "com.nonexistent.Foo=1k", "--allow-missing-class");
        assertEquals(0, allowed.exitCode(), allowed.err());
    }

    @Test
    void aDiffGateOnAMisspeltClassIsAUsageErrorUnlessAllowed(@TempDir Path dir) {
        Path out = dir.resolve("d.txt");
        CliRun.Result r = CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", out.toString(),
                "--max-growth", "org.h2.jdbc.JdbcConection=1k");
        assertEquals(2, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("org.h2.jdbc.JdbcConection"), r.err());
        assertEquals(0, CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", out.toString(),
                "--max-growth", "org.h2.jdbc.JdbcConection=1k", "--allow-missing-class").exitCode());
        assertEquals(0, CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", out.toString(),
                "--max-growth", "org.h2.jdbc.JdbcConnection=1k").exitCode(), "a class that is there is fine");
    }

    @Test
    void renderSaysWhatAJsonFileIsWhenItIsNotAReport(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"version\": 1, \"kinds\": []}\n");
        Path page = dir.resolve("page.html");
        CliRun.Result r = CliRun.run("render", rules.toString(), "--format", "html", "-o", page.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is a connection rules file") && r.err().contains("expected a JSON report"), r.err());
        assertFalse(Files.exists(page), "no empty page is written");

        Path schema = dir.resolve("schema.json");
        Files.writeString(schema, CliRun.run("schema").out());
        assertTrue(CliRun.run("render", schema.toString()).err().contains("is a JSON Schema"));

        Path other = Files.writeString(dir.resolve("other.json"), "[1, 2]");
        assertTrue(CliRun.run("render", other.toString()).err().contains("not a Heap Triage report"));
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"schemaVersion\": 1,");
        assertTrue(CliRun.run("render", broken.toString()).err().contains("is not valid JSON (line 1"));

        Path diff = dir.resolve("d.json");
        assertEquals(0, CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", diff.toString()).exitCode());
        CliRun.Result d = CliRun.run("render", diff.toString());
        assertEquals(2, d.exitCode());
        assertTrue(d.err().contains("is a Heap Triage diff"), d.err());

        Path future = Files.writeString(dir.resolve("future.json"), "{\"schemaVersion\": 7, \"dump\": {}, \"heap\": {}}");
        CliRun.Result f = CliRun.run("render", future.toString());
        assertEquals(2, f.exitCode());
        assertTrue(f.err().contains("schema version 7") && f.err().contains("newer heaptriage"), f.err());
    }

    @Test
    void diffRefusesAJsonFileThatIsNotAReportAndWritesAnHtmlPageForAnHtmlOutput(@TempDir Path dir) throws Exception {
        Path rules = Files.writeString(dir.resolve("rules.json"), "{\"version\": 1, \"kinds\": []}\n");
        CliRun.Result r = CliRun.run("diff", rules.toString(), H2_LEAK.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("is a connection rules file"), r.err());

        Path html = dir.resolve("d.html");
        CliRun.Result h = CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", html.toString());
        assertEquals(0, h.exitCode(), h.err());
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>"), "the extension picks HTML, never text in an .html file");

        Path md = dir.resolve("d.md");
        assertEquals(0, CliRun.run("diff", H2_LEAK.toString(), H2_LEAK.toString(), "-o", md.toString()).exitCode());
        assertTrue(Files.readString(md).contains("|"), "the extension picks Markdown");
    }

    @Test
    void dashAsOutputIsStandardOutputNotAFileNamedDash() {
        CliRun.Result r = CliRun.run("analyze", H2_LEAK.toString(), "-o", "-", "--format", "json", "--top", "3");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("{"), r.out());
        assertFalse(Files.exists(Path.of("-")), "no file named -");
    }

    @Test
    void aDumpOnStandardInputIsSpooledAnalysedAndTheCopyDeleted(@TempDir Path work) throws Exception {
        String tmp = System.getProperty("java.io.tmpdir");
        CliRun.Result r;
        System.setProperty("java.io.tmpdir", work.toString()); // where the copy goes, watched by this test alone
        try {
            r = CliRun.runWithInput(Files.newInputStream(H2_LEAK), "analyze", "-", "--top", "3", "--format", "json");
        } finally {
            System.setProperty("java.io.tmpdir", tmp);
        }
        assertEquals(0, r.exitCode(), r.err());
        String copy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).get("dump").get("file").asText();
        assertTrue(copy.startsWith(work.resolve("heaptriage-stdin-").toString()), "analysed from a copy in the work place: " + copy);
        assertTrue(r.out().contains("com.acme.billing.InvoiceExporter"), "the leak is found");
        try (Stream<Path> left = Files.list(work)) {
            assertEquals(List.of(), left.toList(), "the copy is deleted");
        }

        CliRun.Result empty = CliRun.runWithInput(new ByteArrayInputStream(new byte[0]), "analyze", "-");
        assertEquals(3, empty.exitCode());
        assertTrue(empty.err().contains("standard input is empty"), empty.err());
    }

    @Test
    void aDumpFromAPipeIsSpooledAndAnalysed(@TempDir Path dir) throws Exception {
        Path fifo = dir.resolve("dump.fifo");
        Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
        org.junit.jupiter.api.Assumptions.assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
        Thread writer = new Thread(() -> {
            try (var out = Files.newOutputStream(fifo)) {
                Files.copy(H2_LEAK, out);
            } catch (Exception e) {
                // the test fails on the reader's side
            }
        });
        writer.start();
        CliRun.Result r = CliRun.run("analyze", fifo.toString(), "--top", "3");
        writer.join(30_000);
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("Probable connection leak: 200 open H2"), r.out());
    }

    @Test
    void aBugIsExitCode5InOneLineAndDebugShowsTheStack() {
        CommandLine cli = new CommandLine(new Main());
        CommandLine.ParseResult plain = cli.parseArgs("analyze", "x.hprof");
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err));
        int code = new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), cli, plain);
        assertEquals(ExitCode.INTERNAL_ERROR, code);
        assertEquals(1, err.toString().strip().lines().count(), err.toString());
        assertTrue(err.toString().contains("internal error") && err.toString().contains("--debug"), err.toString());

        CommandLine debugCli = new CommandLine(new Main());
        CommandLine.ParseResult debug = debugCli.parseArgs("analyze", "x.hprof", "--debug");
        StringWriter debugErr = new StringWriter();
        debugCli.setErr(new PrintWriter(debugErr));
        new ErrorHandler().handleExecutionException(new IllegalStateException("boom"), debugCli, debug);
        assertTrue(debugErr.toString().contains("\tat "), "--debug shows the stack: " + debugErr);
    }

    @Test
    void everyExampleInTheHelpParsesWhenPasted() {
        CommandLine root = new CommandLine(new Main());
        List<String> examples = new ArrayList<>();
        for (CommandLine sub : root.getSubcommands().values()) {
            StringWriter help = new StringWriter();
            sub.usage(new PrintWriter(help));
            examples.addAll(Examples.in(help.toString()));
        }
        assertTrue(examples.size() >= 8, "examples found: " + examples);
        for (String example : examples) {
            String[] args = Examples.words(example);
            CommandLine fresh = new CommandLine(new Main());
            try {
                fresh.parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("the help's example does not parse: " + example + ": " + e.getMessage());
            }
        }
    }

    @Test
    void noHelpTextPrintsPicocliWarnings() {
        for (String command : new String[] {"analyze", "diff", "histogram", "paths", "render", "schema", "benchmark"}) {
            CliRun.Result r = CliRun.run(command, "--help");
            assertEquals(0, r.exitCode(), command);
            assertFalse(r.err().contains("[picocli WARN]") || r.out().contains("%n"), command + ": " + r.err());
        }
    }

    @Test
    void versionNamesTheCommitAndTheJavaRuntime() {
        CliRun.Result r = CliRun.run("--version");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("commit "), r.out());
        assertTrue(r.out().contains("Java " + System.getProperty("java.version").split("\\.")[0]), r.out());
    }

    @Test
    void histogramSaysItCountsUnreachableObjectsAndLiveAgreesWithAnalyze(@TempDir Path dir) throws Exception {
        CliRun.Result all = CliRun.run("histogram", H2_LEAK.toString(), "--top", "3");
        assertTrue(all.out().contains("Unreachable objects included"), all.out());
        CliRun.Result live = CliRun.run("histogram", H2_LEAK.toString(), "--top", "3", "--live");
        assertEquals(0, live.exitCode(), live.err());
        Path json = dir.resolve("r.json");
        assertEquals(0, CliRun.run("analyze", H2_LEAK.toString(), "-o", json.toString()).exitCode());
        long analyzed = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.toFile()).get("heap").get("objects").asLong();
        assertTrue(live.out().contains(String.format(java.util.Locale.ROOT, "of the %,d live objects", analyzed)), live.out());
    }

    @Test
    void progressGivesShareSizeOfTotalRateAndTimeLeftInBinaryUnits() {
        String line = ProgressLine.describe("pass 1: scan records", 3L << 30, 4L << 30, 10);
        assertEquals("pass 1: scan records  75%  3.0 GiB of 4.0 GiB, 307 MiB/s, 4 s left", line);
        assertEquals("pass 2: references  512 MiB read, 51.2 MiB/s", ProgressLine.describe("pass 2: references", 512L << 20, -1, 10));
        assertTrue(ProgressLine.describe("pass 1: scan records", 358, 4L << 30, 0.01).endsWith("KiB/s"), "no guess in the first second");
    }

    /** Finds the example command lines in a help text, joining lines continued with a backslash. */
    private static final class Examples {
        static List<String> in(String help) {
            List<String> found = new ArrayList<>();
            StringBuilder current = null;
            for (String line : help.lines().toList()) {
                String t = line.strip();
                if (current != null) {
                    current.append(' ').append(t);
                } else if (t.startsWith("heaptriage ") || t.startsWith("./heaptriage ")) {
                    current = new StringBuilder(t);
                } else {
                    continue;
                }
                if (current.toString().endsWith("\\")) {
                    current.setLength(current.length() - 1);
                } else {
                    found.add(current.toString().replaceAll("\\s+\\(.*\\)$", "").strip());
                    current = null;
                }
            }
            return found;
        }

        /** The words after the program name, as a shell splits them (no quoting in our examples), redirections dropped. */
        static String[] words(String example) {
            List<String> words = new ArrayList<>(List.of(example.split("\\s+")));
            words.remove(0);
            for (int i = 0; i < words.size(); i++) {
                if (words.get(i).equals("<") || words.get(i).equals(">")) {
                    words.subList(i, words.size()).clear();
                }
            }
            return words.toArray(String[]::new);
        }
    }

}
