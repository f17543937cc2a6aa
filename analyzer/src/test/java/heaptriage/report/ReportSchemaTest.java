package heaptriage.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.util.Iterator;
import java.util.Map;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The JSON report against its published schema ({@code heaptriage/report/report-schema-v1.json}): real reports of
 * every committed sample dump and of a truncated one are valid, also against a strict copy of the schema that allows
 * no undeclared key (so the schema describes everything the report writes), and a report missing a required key or
 * with a wrong type is not.
 */
class ReportSchemaTest {
    static final String SCHEMA = "/heaptriage/report/report-schema-v1.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Keys left out of the JSON when they have no value (@JsonInclude NON_NULL): optional in the schema. */
    private static final Set<String> WRITTEN_ONLY_WHEN_PRESENT = Set.of("heapDumps");
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);
    private static JsonNode schemaNode;
    private static JsonSchema schema;
    private static JsonSchema strict;

    @BeforeAll
    static void loadTheSchema() throws Exception {
        try (InputStream in = ReportSchemaTest.class.getResourceAsStream(SCHEMA)) {
            assertNotNull(in, SCHEMA + " is on the class path");
            schemaNode = JSON.readTree(in);
        }
        schema = FACTORY.getSchema(schemaNode);
        JsonNode closed = schemaNode.deepCopy();
        closeObjects(closed);
        strict = FACTORY.getSchema(closed);
    }

    /** Every object schema that lists its properties gets {@code additionalProperties: false}. */
    private static void closeObjects(JsonNode node) {
        if (node instanceof ObjectNode o) {
            if (o.path("type").asText().equals("object") && o.has("properties") && !o.has("additionalProperties")) {
                o.put("additionalProperties", false);
            }
            o.elements().forEachRemaining(ReportSchemaTest::closeObjects);
        } else if (node instanceof ArrayNode a) {
            a.elements().forEachRemaining(ReportSchemaTest::closeObjects);
        }
    }

    private static JsonNode reportJson(String name) throws Exception {
        return JSON.readTree(SampleReports.json(SampleReports.of(name)));
    }

    @Test
    void theSchemaIsAValidDraft202012Schema() {
        JsonSchema meta = FACTORY.getSchema(SchemaLocation.of("https://json-schema.org/draft/2020-12/schema"));
        Set<ValidationMessage> errors = meta.validate(schemaNode);
        assertEquals(Set.of(), errors);
        assertEquals(Report.SCHEMA_VERSION, schemaNode.at("/properties/schemaVersion/const").asInt(), "the version it describes");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"h2-leak", "hikari-healthy", "socket-leak", SampleReports.TRUNCATED})
    void realReportsAreValid(String name) throws Exception {
        JsonNode report = reportJson(name);
        assertEquals(Set.of(), schema.validate(report), name);
        assertEquals(Set.of(), strict.validate(report), name + ": every key the report writes is declared in the schema");
        assertFalse(report.get("connections").isEmpty(), "the connection findings are exercised");
        assertFalse(report.get("suspects").isEmpty(), "suspects too");
    }

    @Test
    void theTruncatedReportIsMarkedSo() throws Exception {
        JsonNode report = reportJson(SampleReports.TRUNCATED);
        assertTrue(report.at("/dump/truncated").asBoolean());
        assertFalse(report.get("warnings").isEmpty());
        assertTrue(report.at("/connections/0/partial").asBoolean());
    }

    @Test
    void aReportOfAFileWithSeveralHeapDumpsIsValidAndListsThem(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        byte[] first = heaptriage.testing.MinimalHeap.create(8, "1.0.2").toBytes();
        heaptriage.testing.HprofWriter w = heaptriage.testing.MinimalHeap.create(8, "1.0.2");
        byte[] second = w.toBytes();
        byte[] both = java.util.Arrays.copyOf(first, first.length + second.length - w.headerLength());
        System.arraycopy(second, w.headerLength(), both, first.length, second.length - w.headerLength());
        Report r = SampleReports.build(java.nio.file.Files.write(dir.resolve("two.hprof"), both));
        JsonNode report = JSON.readTree(SampleReports.json(r));
        assertEquals(Set.of(), strict.validate(report));
        assertEquals(2, report.at("/dump/heapDumps/analysed").asInt());
        assertEquals(2, report.at("/dump/heapDumps/inFile").size());
        assertFalse(reportJson("h2-leak").get("dump").has("heapDumps"), "written only for files with several");
    }

    @Test
    void aHandMadeReportWithNullsAndOddStringsIsValid() throws Exception {
        JsonNode report = JSON.readTree(SampleReports.json(SampleReports.hostile()));
        assertEquals(Set.of(), strict.validate(report));
    }

    @ParameterizedTest(name = "without {0}")
    @ValueSource(strings = {"/schemaVersion", "/dump", "/heap", "/histogram", "/dominatorRetention", "/suspects", "/connections",
        "/largestObjects", "/threads", "/warnings", "/dump/file", "/dump/fileBytes", "/dump/idSize", "/dump/compressed",
        "/dump/truncated", "/dump/hprofVersion", "/heap/objects", "/heap/classes", "/heap/gcRoots", "/heap/usedHeapBytes",
        "/heap/unreachable", "/heap/unreachable/objects", "/heap/unreachable/shallowBytes", "/histogram/0/className",
        "/histogram/0/instances", "/histogram/0/shallowBytes", "/histogram/0/retainedBytes", "/dominatorRetention/0/className",
        "/dominatorRetention/0/objects", "/dominatorRetention/0/retainedBytes", "/dominatorRetention/0/percentOfHeap",
        "/connections/0/category", "/connections/0/className", "/connections/0/count", "/connections/0/open",
        "/connections/0/closed", "/connections/0/retainedBytes", "/connections/0/verdict", "/connections/0/confidence",
        "/connections/0/holder", "/connections/0/holder/className", "/connections/0/holder/field", "/connections/0/holder/path",
        "/connections/0/pool", "/connections/0/facts", "/connections/0/explanation", "/connections/0/partial",
        "/suspects/0/pathFromGcRoot", "/threads/0/frames"})
    void aMissingRequiredKeyIsInvalid(String pointer) throws Exception {
        JsonNode report = reportJson("h2-leak");
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = report.at(pointer.substring(0, cut));
        String key = pointer.substring(cut + 1);
        assertTrue(parent instanceof ObjectNode && parent.has(key), pointer + " is in the report");
        ((ObjectNode) parent).remove(key);
        Set<ValidationMessage> errors = schema.validate(report);
        assertFalse(errors.isEmpty(), pointer + " removed, yet valid");
        assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains(key)), errors.toString());
    }

    @Test
    void wrongTypesAndValuesAreInvalid() throws Exception {
        Map<String, Consumer<ObjectNode>> edits = Map.of(
                "schemaVersion 2", r -> r.put("schemaVersion", 2),
                "fileBytes as a string", r -> ((ObjectNode) r.get("dump")).put("fileBytes", "98 KiB"),
                "a fractional byte count", r -> ((ObjectNode) r.at("/histogram/0")).put("retainedBytes", 1.5),
                "percent as a string", r -> ((ObjectNode) r.at("/dominatorRetention/0")).put("percentOfHeap", "12%"),
                "a verdict outside leak/ok", r -> ((ObjectNode) r.at("/connections/0")).put("verdict", "maybe"),
                "a null class name", r -> ((ObjectNode) r.at("/histogram/0")).putNull("className"),
                "an ok finding with a leak type", r -> ((ObjectNode) r.at("/connections/1")).put("leakType", "open-connections-held"),
                "a pool that is a string", r -> ((ObjectNode) r.at("/connections/0")).put("pool", "billing"),
                "a negative count", r -> ((ObjectNode) r.at("/connections/0")).put("open", -1),
                "warnings as a string", r -> r.put("warnings", "none"));
        for (Map.Entry<String, Consumer<ObjectNode>> e : edits.entrySet()) {
            ObjectNode report = (ObjectNode) reportJson("h2-leak");
            assertEquals("ok", report.at("/connections/1/verdict").asText(), "the second finding is ok");
            e.getValue().accept(report);
            assertFalse(schema.validate(report).isEmpty(), e.getKey() + " passed validation");
        }
    }

    @Test
    void theSchemaRequiresEveryKeyTheRecordsHave() {
        // each required list names the record's components, which Jackson always writes (null included)
        for (Iterator<Map.Entry<String, JsonNode>> it = schemaNode.get("$defs").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> def = it.next();
            JsonNode properties = def.getValue().get("properties");
            if (properties == null || !def.getValue().has("required")) {
                continue;
            }
            Set<String> required = new java.util.TreeSet<>();
            def.getValue().get("required").forEach(k -> required.add(k.asText()));
            Set<String> declared = new java.util.TreeSet<>();
            properties.fieldNames().forEachRemaining(declared::add);
            declared.removeAll(WRITTEN_ONLY_WHEN_PRESENT);
            assertEquals(declared, required, def.getKey());
        }
    }
}
