package heaptriage.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A report's warnings as data: on a real dump cut at 60%, each typed warning carries its figures (the truncation's
 * offsets, the counts) and is the sentence the report prints, in the same order; a whole dump has none.
 */
class TypedWarningsTest {

    @Test
    void theCutDumpsWarningsAreTypedWithTheirFiguresAndSayTheSentencesInOrder() throws Exception {
        Report r = SampleReports.of(SampleReports.TRUNCATED);
        List<Warning.Kind> kinds = r.warningDetails().stream().map(Warning::kind).toList();
        assertEquals(List.of(Warning.Kind.TRUNCATED, Warning.Kind.REACHABILITY_UNKNOWN, Warning.Kind.DANGLING_REFERENCES,
                Warning.Kind.STATIC_FIELDS_LOST_IN_CUT), kinds);
        assertEquals(r.warnings(), r.warningDetails().stream().map(WarningSentences::of).toList());

        Warning truncated = r.warningDetails().get(0);
        assertNotNull(truncated.truncation());
        assertTrue(truncated.truncation().cutAt() > truncated.truncation().validEnd(), truncated.toString());
        assertEquals(r.heap().reachabilityUnknown().objects(), r.warningDetails().get(1).objects());
        Warning statics = r.warningDetails().get(3);
        assertEquals(Warning.STATIC_FIELDS_LISTED, statics.staticFields().size());
        assertTrue(statics.staticFieldCount() > Warning.STATIC_FIELDS_LISTED, statics.toString());
    }

    @Test
    void aSavedReportReadsItsTypedWarningsBack(@TempDir Path dir) throws Exception {
        Report r = SampleReports.of(SampleReports.TRUNCATED);
        Path saved = Files.writeString(dir.resolve("cut.json"), SampleReports.json(r));
        assertEquals(r.warningDetails(), JsonRenderer.read(saved).warningDetails());
    }

    @Test
    void aWholeDumpHasNoWarningOfEitherForm() throws Exception {
        Report r = SampleReports.of("h2-leak");
        assertEquals(List.of(), r.warnings());
        assertEquals(List.of(), r.warningDetails());
    }
}
