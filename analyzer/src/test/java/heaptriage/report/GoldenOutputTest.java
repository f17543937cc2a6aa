package heaptriage.report;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The text, Markdown, HTML and JSON reports of the committed sample dumps (and of h2-leak cut at 60%, of a hand-built
 * report full of hostile markup, and a diff in every format) are byte-identical to the golden files in
 * {@code src/test/resources/golden}. The dump's path is replaced by its file name so the files do not depend on
 * where the repository lives. The reports carry no timings.
 *
 * <p>To regenerate the golden files after a deliberate change of output, run
 * {@code mvn -B -q -pl analyzer -am test -Dtest=GoldenOutputTest -Dsurefire.failIfNoSpecifiedTests=false
 * -Dheaptriage.golden.update=true}, look at {@code git diff}, and say why in the commit message.
 */
class GoldenOutputTest {
    private static final boolean UPDATE = Boolean.getBoolean("heaptriage.golden.update");
    private static final int TOP = 25;

    @TestFactory
    List<DynamicTest> reportsOfSampleDumpsEqualTheGoldenFilesByteForByte() {
        List<String> names = new ArrayList<>(SampleReports.NAMES);
        names.add(SampleReports.TRUNCATED);
        List<DynamicTest> tests = new ArrayList<>();
        for (String name : names) {
            tests.add(formats(name, () -> portable(SampleReports.of(name))));
        }
        tests.add(formats("hostile", SampleReports::hostile));
        return tests;
    }

    @TestFactory
    List<DynamicTest> diffOfTwoSampleDumpsEqualsTheGoldenFilesByteForByte() {
        String name = "diff-hikari-healthy-to-h2-leak";
        List<DynamicTest> tests = new ArrayList<>();
        for (ReportFormat f : ReportFormat.values()) {
            tests.add(DynamicTest.dynamicTest(name + "." + extension(f), () -> {
                ReportDiff diff = ReportDiff.of(portable(SampleReports.of("hikari-healthy")), portable(SampleReports.of("h2-leak")));
                compare(name + "." + extension(f), written(w -> ReportRenderer.of(f, w, TOP).render(diff)));
            }));
        }
        return tests;
    }

    private interface ReportSource {
        Report get() throws Exception;
    }

    /** Every format of one report, compared in turn. */
    private static DynamicTest formats(String name, ReportSource source) {
        return DynamicTest.dynamicTest(name, () -> {
            Report r = source.get();
            for (ReportFormat f : ReportFormat.values()) {
                compare(name + "." + extension(f), written(w -> ReportRenderer.of(f, w, TOP).render(r)));
            }
        });
    }

    private static String extension(ReportFormat f) {
        return f == ReportFormat.TEXT ? "txt" : f.cliName();
    }

    private static String written(java.util.function.Consumer<PrintWriter> render) {
        StringWriter text = new StringWriter();
        render.accept(new PrintWriter(text));
        return text.toString();
    }

    /** The same report with the dump's path reduced to its file name (temporary files get a fixed name). */
    private static Report portable(Report r) {
        String file = Path.of(r.dump().file()).getFileName().toString();
        if (file.startsWith(SampleReports.TRUNCATED)) {
            file = SampleReports.TRUNCATED + ".hprof";
        }
        Report.DumpInfo d = r.dump();
        Report.DumpInfo dump = new Report.DumpInfo(file, d.fileBytes(), d.idSize(), d.compressed(), d.truncated(),
                d.hprofVersion(), d.compressedReferences(), d.objectAlignment());
        return new Report(r.schemaVersion(), r.schemaMinorVersion(), r.tool(), r.verdict(), r.verdictKind(), dump, r.heap(), r.histogram(), r.dominatorRetention(),
                r.holders(), r.suspects(), r.connections(), r.largestObjects(), r.threads(), r.warnings(), r.warningDetails(), r.headline(),
                r.retentionTree());
    }

    private static void compare(String fileName, String actual) throws IOException {
        Path golden = folder().resolve(fileName);
        if (UPDATE) {
            Files.writeString(golden, actual, StandardCharsets.UTF_8);
            return;
        }
        assertTrue(Files.exists(golden), golden + " is missing: regenerate with -Dheaptriage.golden.update=true");
        String expected = Files.readString(golden, StandardCharsets.UTF_8);
        if (!expected.equals(actual)) {
            assertEquals(expected, actual, fileName + " differs from its golden file (first difference at line "
                    + firstDifferentLine(expected, actual) + "); if the change is deliberate, regenerate with "
                    + "-Dheaptriage.golden.update=true");
        }
    }

    private static int firstDifferentLine(String expected, String actual) {
        String[] a = expected.split("\n", -1);
        String[] b = actual.split("\n", -1);
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            if (!a[i].equals(b[i])) {
                return i + 1;
            }
        }
        return Math.min(a.length, b.length) + 1;
    }

    /** The golden files live in the source tree, so an update lands where git sees it. */
    private static Path folder() throws IOException {
        for (Path p : new Path[] {Path.of("src", "test", "resources", "golden"),
                Path.of("analyzer", "src", "test", "resources", "golden")}) {
            if (Files.isDirectory(p.getParent().getParent().resolve("java"))) {
                Files.createDirectories(p);
                return p;
            }
        }
        throw new IllegalStateException("analyzer/src/test/resources not found from " + Path.of("").toAbsolutePath());
    }
}
