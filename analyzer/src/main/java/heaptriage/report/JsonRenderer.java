package heaptriage.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The report (or diff) as JSON: every number, sizes in bytes, keys as the {@link Report} and {@link ReportDiff}
 * records name them, followed by a newline. Also reads a saved report back.
 */
public final class JsonRenderer implements ReportRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .registerModule(UntrustedText.jsonModule()) // valid JSON whatever strings the heap held
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // a key this version does not know means the file is not a report of the version it claims
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final PrintWriter out;

    /** @param out where the JSON is written (flushed, not closed) */
    public JsonRenderer(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void render(Report report) {
        write(report);
    }

    @Override
    public void render(ReportDiff diff) {
        write(diff);
    }

    private void write(Object value) {
        try {
            MAPPER.writeValue(out, value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        out.println();
        out.flush();
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
