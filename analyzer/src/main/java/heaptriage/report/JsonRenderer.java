package heaptriage.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.OutputStream;

/** The report as JSON: every number, sizes in bytes, keys as the {@link Report} record names them. */
public final class JsonRenderer {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            // a report from a newer version may carry keys this one does not know: render what we know
            .disable(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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

    /** Reads a report written by {@link #render}. */
    public static Report read(java.nio.file.Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), Report.class);
    }
}
