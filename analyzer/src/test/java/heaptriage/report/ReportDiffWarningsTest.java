package heaptriage.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A diff's warnings come as codes for the code that reads the diff, and as sentences for people, in step. */
class ReportDiffWarningsTest {
    @Test
    void aTruncatedDumpIsFlaggedByCodeAndBySentence(@TempDir Path dir) throws Exception {
        Report healthy = SampleReports.of("hikari-healthy");
        Report leak = SampleReports.of("h2-leak");
        ReportDiff complete = ReportDiff.of(healthy, leak);
        assertEquals(List.of(), complete.warningKinds());
        assertEquals(List.of(), complete.warnings());

        ReportDiff cut = ReportDiff.of(healthy, truncated(leak, dir));
        assertEquals(List.of(ReportDiff.WarningKind.TRUNCATED_DUMP), cut.warningKinds());
        assertEquals(List.of("A dump is truncated: its counts are lower bounds, so growth may be over- or under-stated."),
                cut.warnings());
    }

    /** The report as if its dump had been cut: its saved JSON with the dump marked truncated, read back. */
    private static Report truncated(Report report, Path dir) throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode json = (ObjectNode) mapper.readTree(SampleReports.json(report));
        ((ObjectNode) json.get("dump")).put("truncated", true);
        Path saved = Files.writeString(dir.resolve("cut.json"), mapper.writeValueAsString(json));
        return JsonRenderer.read(saved);
    }
}
