package heaptriage.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A saved JSON report reads back into the same report (it renders to the same text), and the reader refuses what is
 * not a report of schema version 1 up to this minor version: another major version, a newer minor version, unknown
 * keys, duplicate keys.
 */
class JsonReaderTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aSavedReportReadsBackAndRendersTheSame() throws Exception {
        for (String name : SampleReports.NAMES) {
            Report report = SampleReports.of(name);
            Report read = JsonRenderer.read(save(SampleReports.json(report)));
            assertEquals(report, read, name);
            assertEquals(text(report), text(read), name);
        }
    }

    @Test
    void aReportOfMinorVersionZeroStillReads() throws Exception {
        ObjectNode old = (ObjectNode) JSON.readTree(SampleReports.json(SampleReports.of("h2-leak")));
        old.remove("schemaMinorVersion");
        old.remove("verdictKind");
        Report read = JsonRenderer.read(save(old.toString()));
        assertEquals(0, read.schemaMinorVersion());
        assertEquals(SampleReports.of("h2-leak").verdict(), read.verdict());
    }

    @Test
    void anotherMajorVersionIsRefused() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(SampleReports.json(SampleReports.of("h2-leak")));
        report.put("schemaVersion", 2);
        IOException e = assertThrows(IOException.class, () -> JsonRenderer.read(save(report.toString())));
        assertTrue(e.getMessage().contains("schemaVersion is 2"), e.getMessage());
    }

    @Test
    void aNewerMinorVersionIsRefusedWithAdviceToUpgrade() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(SampleReports.json(SampleReports.of("h2-leak")));
        report.put("schemaMinorVersion", Report.SCHEMA_MINOR_VERSION + 1);
        IOException e = assertThrows(IOException.class, () -> JsonRenderer.read(save(report.toString())));
        assertTrue(e.getMessage().contains("upgrade"), e.getMessage());
    }

    @Test
    void unknownAndDuplicateKeysAreRefused() throws Exception {
        ObjectNode report = (ObjectNode) JSON.readTree(SampleReports.json(SampleReports.of("h2-leak")));
        ((ObjectNode) report.at("/connections/0/holder")).put("owner", "someone");
        IOException unknown = assertThrows(IOException.class, () -> JsonRenderer.read(save(report.toString())));
        assertTrue(unknown.getMessage().contains("owner"), unknown.getMessage());

        String text = SampleReports.json(SampleReports.of("h2-leak"));
        String duplicated = text.replaceFirst("\"tool\"", "\"verdict\" : \"ok\",\n  \"tool\"");
        IOException duplicate = assertThrows(IOException.class, () -> JsonRenderer.read(save(duplicated)));
        assertTrue(duplicate.getMessage().contains("verdict"), duplicate.getMessage());
    }

    private Path save(String json) throws IOException {
        return Files.writeString(Files.createTempFile(dir, "report-", ".json"), json, StandardCharsets.UTF_8);
    }

    private static String text(Report r) {
        StringWriter out = new StringWriter();
        new TextRenderer(new PrintWriter(out), 25).render(r);
        return out.toString();
    }
}
