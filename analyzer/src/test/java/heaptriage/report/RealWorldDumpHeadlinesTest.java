package heaptriage.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import heaptriage.analysis.ApplicationCode;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.RetentionTree;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.reference.RealWorldDumps;
import heaptriage.testing.Dumps;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * On real dumps from public repositories (JDK 5 to 11, 32- and 64-bit, HotSpot dumps and the old hprof agent's; see
 * {@code sample-dumps/real-world/README.md}): the report's first line names no JDK machinery (no class loader, no
 * java.lang.Class group, no java.lang.System, no JDK or library class unless it is the collection an application field
 * holds, or its elements); a headline is an application field; "Leak suspect" is said only of a suspect whose chain
 * ends at application code; and the numbers add up (histogram = used heap and objects, top-level dominators = used
 * heap); the JSON report is valid against its published schema. The previous verdicts on such dumps began "Leak
 * suspect:" and named java.lang.Class or java.lang.System.
 * Skips, saying so, when the dumps are not on this machine.
 */
@Tag("slow") // reads about 30 real dumps: runs in the integration-test phase (mvn verify)
class RealWorldDumpHeadlinesTest {
    /** A dotted class name in a sentence: com.acme.Foo, java.util.HashMap, org.x.Y$Z[], byte[] is no match. */
    private static final Pattern CLASS_NAME = Pattern.compile("\\b[a-zA-Z_][\\w$]*(?:\\.[\\w$]+)+(?:\\[])*");
    private static final Pattern CLASS_OBJECT = Pattern.compile("\\bclass [a-zA-Z_][\\w$]*\\.");
    private static final Set<Report.VerdictKind> LEAK_VERDICTS = Set.of(Report.VerdictKind.CONNECTION_LEAK,
            Report.VerdictKind.CLOSED_CONNECTIONS_RETAINED, Report.VerdictKind.LEAK_SUSPECT);

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    Stream<DynamicTest> eachRealWorldDumpsHeadlineNamesApplicationCodeOrNothingNeverJdkMachinery() throws Exception {
        Optional<Path> folder = RealWorldDumps.folder();
        if (folder.isEmpty()) {
            return Stream.of(DynamicTest.dynamicTest("real-world dumps absent", () -> Assumptions.abort(
                    "skipped: no real-world dumps on this machine: set " + RealWorldDumps.VARIABLE + " or put them in"
                            + " ../shared/" + RealWorldDumps.FOLDER + " (sample-dumps/real-world/README.md says where"
                            + " each comes from)")));
        }
        JsonSchema schema;
        try (InputStream in = getClass().getResourceAsStream(ReportSchemaTest.SCHEMA)) {
            schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(JSON.readTree(in));
        }
        List<RealWorldDumps.Entry> entries = RealWorldDumps.entries();
        List<DynamicTest> tests = new ArrayList<>();
        for (RealWorldDumps.Entry e : entries) {
            tests.add(DynamicTest.dynamicTest(e.file(), () -> {
                Path dump = folder.get().resolve(e.file());
                Assumptions.assumeTrue(Files.isRegularFile(dump), "skipped: " + dump + " is absent (from "
                        + e.repository() + " " + e.path() + ")");
                assertEquals(e.sha256(), sha256(dump), dump + " is not the listed file from " + e.repository());
                Report report = analyse(dump);
                check(e.file(), report);
                checkPinnedHeadline(e, report);
                assertEquals(Set.of(), schema.validate(JSON.readTree(SampleReports.json(report))), e.file());
            }));
        }
        for (Path dump : RealWorldDumps.unlisted(folder.get(), entries)) {
            tests.add(DynamicTest.dynamicTest(dump.getFileName().toString(), () -> {
                Report report = analyse(dump);
                check(dump.toString(), report);
                assertEquals(Set.of(), schema.validate(JSON.readTree(SampleReports.json(report))), dump.toString());
            }));
        }
        return tests.stream();
    }

    private static Report analyse(Path dump) throws Exception {
        try (HeapSnapshot s = Dumps.index(dump)) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    private static void check(String name, Report r) {
        String verdict = r.verdict();
        RetentionTree.Headline h = r.headline();
        for (String machinery : List.of("ClassLoader", "java.lang.Class", "java.lang.System")) {
            assertFalse(verdict.contains(machinery), name + ": the verdict names " + machinery + ": " + verdict);
        }
        assertFalse(CLASS_OBJECT.matcher(verdict).find(), name + ": the verdict names a class object: " + verdict);
        if (!r.suspects().isEmpty()) {
            assertFalse(verdict.contains("no object or class retains more than the threshold"),
                    name + ": MAT's suspects are over the threshold: " + verdict);
        }
        Matcher m = CLASS_NAME.matcher(verdict);
        while (m.find()) {
            String named = m.group();
            boolean held = h != null && (named.equals(h.className())
                    || h.contents() != null && named.equals(h.contents().elementClass()));
            assertTrue(ApplicationCode.isApplication(named) || held,
                    name + ": the verdict names " + named + ", neither application code nor what an application field"
                            + " holds: " + verdict);
        }
        if (h != null) {
            assertTrue(h.holder().viaField(), name + ": the headline's holder is no field: " + h);
            assertTrue(ApplicationCode.isApplication(h.holder().ownerClass()), name + ": " + h);
            assertTrue(h.percentOfHeap() > 0 && h.percentOfHeap() <= 100, name + ": " + h);
        }
        if (LEAK_VERDICTS.contains(r.verdictKind())) {
            assertTrue(verdict.contains("leak") || verdict.contains("Leak"), name + ": " + verdict);
        } else {
            assertFalse(verdict.contains("Leak suspect:") || verdict.contains("Probable connection leak"),
                    name + ": " + verdict);
        }
        if (r.verdictKind() == Report.VerdictKind.LEAK_SUSPECT) {
            assertTrue(r.suspects().stream().anyMatch(Report.Suspect::application), name + ": " + r.suspects());
        }
        for (Report.Suspect s : r.suspects()) {
            if (s.application()) {
                assertTrue(ApplicationCode.isApplication(s.className())
                                || s.accumulationClass() != null && ApplicationCode.isApplication(s.accumulationClass()),
                        name + ": a suspect called application code is not: " + s.className() + " / " + s.accumulationClass());
            }
            if (s.applicationField() != null) {
                assertTrue(ApplicationCode.isApplication(s.applicationField().ownerClass()), name + ": " + s);
            }
        }
        checkNumbers(name, r);
    }

    /** The figures add up: the histogram is the used heap and its objects, the top-level dominators the used heap. */
    private static void checkNumbers(String name, Report r) {
        long used = r.heap().usedHeapBytes();
        assertTrue(used > 0, name);
        assertEquals(used, r.histogram().stream().mapToLong(Report.HistogramRow::shallowBytes).sum(), name + ": histogram bytes");
        assertEquals(r.heap().objects(), r.histogram().stream().mapToLong(Report.HistogramRow::instances).sum(),
                name + ": histogram objects");
        assertEquals(used, r.dominatorRetention().stream().mapToLong(row -> row.retainedBytes()).sum(),
                name + ": top-level dominators");
        for (Report.Suspect s : r.suspects()) {
            assertTrue(s.retainedBytes() <= used, name + ": " + s.className());
        }
        long[] parents = new long[64];
        for (RetentionTree.Node n : r.retentionTree()) {
            assertTrue(n.retainedBytes() <= (n.depth() == 0 ? used : parents[n.depth() - 1]), name + ": " + n);
            assertEquals(n.depth() == 0, n.reference().kind() == ReferenceKind.GC_ROOT, name + ": " + n);
            parents[n.depth()] = n.retainedBytes();
        }
    }

    private static void checkPinnedHeadline(RealWorldDumps.Entry e, Report r) {
        RetentionTree.Headline h = r.headline();
        switch (e.headline()) {
            case "?" -> { }
            case "-" -> assertNull(h, e.file() + ": no application field holds a share of this heap: " + r.verdict());
            default -> {
                assertNotNull(h, e.file() + ": " + r.verdict());
                String holder = h.holder().ownerClass() + "." + h.holder().name()
                        + (h.holder().kind() == ReferenceKind.STATIC_FIELD ? " (static)" : "");
                assertEquals(e.headline(), holder, e.file());
            }
        }
    }

    private static String sha256(Path file) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
