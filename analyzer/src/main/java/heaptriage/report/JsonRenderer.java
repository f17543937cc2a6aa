package heaptriage.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

/** The report as JSON: every number, sizes in bytes, keys as the {@link Report} record names them. */
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .registerModule(UntrustedText.jsonModule()) // valid JSON whatever strings the heap held
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // a key this version does not know means the file is not a report of the version it claims
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private JsonRenderer() {
    }

    /** Streams the report to the output (which stays open). */
    public static void render(Report report, OutputStream out) throws IOException {
        MAPPER.writeValue(out, report);
    }

    /** Streams a diff of two reports. */
    public static void render(ReportDiff diff, OutputStream out) throws IOException {
        MAPPER.writeValue(out, diff);
    }

    /**
     * Reads a report written by {@link #render}: schema version 1, of this minor version or an earlier one (whose
     * reports lack the typed fields added since, read as null). Unknown keys are refused.
     *
     * @throws IOException with a one-line reason when the file is not such a report
     */
    public static Report read(Path file) throws IOException {
        JsonNode tree = MAPPER.readTree(file.toFile());
        if (tree == null || !tree.isObject()) {
            throw new IOException("it is not a JSON object");
        }
        JsonNode major = tree.get("schemaVersion");
        if (major == null || !major.isInt()) {
            throw new IOException("it has no schemaVersion");
        }
        if (major.asInt() != Report.SCHEMA_VERSION) {
            throw new IOException("its schemaVersion is " + major.asInt() + "; this Heap Triage reads version "
                    + Report.SCHEMA_VERSION);
        }
        int minor = tree.path("schemaMinorVersion").asInt(0);
        if (minor > Report.SCHEMA_MINOR_VERSION) {
            throw new IOException("it was written by a newer Heap Triage (schema 1." + minor + "; this one reads up to 1."
                    + Report.SCHEMA_MINOR_VERSION + "): upgrade Heap Triage");
        }
        return MAPPER.treeToValue(tree, Report.class);
    }
}
