package heaptriage.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;

/**
 * Through the real commands: {@code analyze --keep-index} keeps the index, and {@code paths}, {@code histogram} and
 * {@code analyze} on the same dump reuse it, say so in one stderr line and print what a fresh parse prints.
 */
class KeptIndexCommandsTest {
    private static final Path H2_LEAK = Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz");
    private static final String REUSING = "heaptriage: reusing the kept index in ";

    @Test
    void pathsHistogramAndAnalyzeReuseTheIndexThatAnalyzeKept(@TempDir Path dir) throws Exception {
        Path dump = Files.copy(H2_LEAK, dir.resolve("h2-leak.hprof.gz"));
        String work = dir.resolve("work").toString();

        CliRun.Result kept = CliRun.run("analyze", dump.toString(), "--keep-index", "--work-dir", work,
                "--format", "json", "-o", dir.resolve("parsed.json").toString());
        assertEquals(0, kept.exitCode(), kept.err());
        assertTrue(kept.err().contains("heaptriage: index kept in " + work), kept.err());
        assertEquals(1, kept.errLines(), kept.err());

        CliRun.Result paths = CliRun.run("paths", dump.toString(), "--class", "org.h2.jdbc.JdbcConnection",
                "--top", "2", "--work-dir", work);
        assertEquals(0, paths.exitCode(), paths.err());
        assertTrue(paths.err().startsWith(REUSING + work), paths.err());
        assertEquals(1, paths.errLines(), paths.err());
        CliRun.Result pathsParsed = CliRun.run("paths", dump.toString(), "--class", "org.h2.jdbc.JdbcConnection",
                "--top", "2", "--work-dir", work, "--no-index-reuse");
        assertEquals("", pathsParsed.err());
        assertEquals(pathsParsed.out(), paths.out());

        CliRun.Result histogram = CliRun.run("histogram", dump.toString(), "--work-dir", work, "--live");
        assertTrue(histogram.err().startsWith(REUSING + work), histogram.err());
        assertEquals(CliRun.run("histogram", dump.toString(), "--work-dir", work, "--live", "--no-index-reuse").out(),
                histogram.out());

        CliRun.Result analyze = CliRun.run("analyze", dump.toString(), "--work-dir", work, "--format", "json",
                "-o", dir.resolve("reused.json").toString());
        assertEquals(0, analyze.exitCode(), analyze.err());
        assertTrue(analyze.err().startsWith(REUSING + work), analyze.err());
        String parsed = Files.readString(dir.resolve("parsed.json"));
        String reused = Files.readString(dir.resolve("reused.json"));
        assertTrue(reused.contains("\"indexReused\" : true"), reused);
        assertEquals(parsed, reused.replace("\"indexReused\" : true", "\"indexReused\" : false"));
    }

    @Test
    void aDumpWrittenAgainIsParsedWithOneLineSayingTheIndexIsStale(@TempDir Path dir) throws Exception {
        Path dump = Files.copy(H2_LEAK, dir.resolve("h2-leak.hprof.gz"));
        String work = dir.resolve("work").toString();
        assertEquals(0, CliRun.run("histogram", dump.toString(), "--keep-index", "--work-dir", work).exitCode());
        Files.setLastModifiedTime(dump, FileTime.fromMillis(Files.getLastModifiedTime(dump).toMillis() + 60_000));

        CliRun.Result stale = CliRun.run("histogram", dump.toString(), "--work-dir", work);
        assertEquals(0, stale.exitCode(), stale.err());
        assertTrue(stale.err().contains("is stale (the dump was written again since): parsing the dump again"),
                stale.err());
        assertEquals(1, stale.errLines(), stale.err());
        assertFalse(stale.err().contains(REUSING), stale.err());
    }

    @Test
    void keepingTheIndexOfADumpReadFromStandardInputIsAUsageError(@TempDir Path dir) throws Exception {
        CliRun.Result r = CliRun.runWithInput(new ByteArrayInputStream(Files.readAllBytes(H2_LEAK)), "histogram", "-",
                "--keep-index", "--work-dir", dir.toString());
        assertEquals(ExitCode.USAGE, r.exitCode(), r.err());
        assertEquals(1, r.errLines(), r.err());
        assertTrue(r.err().contains("--keep-index needs a dump file"), r.err());
    }
}
