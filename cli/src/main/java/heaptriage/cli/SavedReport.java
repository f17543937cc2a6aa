package heaptriage.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import heaptriage.report.JsonRenderer;
import heaptriage.report.Report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A JSON report saved by {@code analyze}, read back by {@code render} and {@code diff}. Before reading it as a
 * report, it is checked for what it is: a diff, a rules file, a JSON Schema or other JSON get a usage error that
 * says what the file is and what was expected, never a NullPointerException or an empty page.
 */
final class SavedReport {
    /** What a JSON document is, judged by its top-level keys. */
    enum Kind {
        REPORT("a Heap Triage report"),
        DIFF("a Heap Triage diff (written by 'heaptriage diff')"),
        RULES("a connection rules file (for 'analyze --rules')"),
        SCHEMA("a JSON Schema (printed by 'heaptriage schema')"),
        OTHER("JSON, but not a Heap Triage report");

        final String description;

        Kind(String description) {
            this.description = description;
        }
    }

    private static final String EXPECTED = "expected a JSON report written by 'heaptriage analyze -o report.json'";

    private SavedReport() {
    }

    /** Reads the report, or says in one line (a {@link UsageError}) why the file is not one this version reads. */
    static Report read(Path file) {
        JsonNode tree;
        try (InputStream in = Files.newInputStream(file)) {
            tree = new ObjectMapper().readTree(in);
        } catch (NoSuchFileException e) {
            throw new UsageError(file + " does not exist; " + EXPECTED);
        } catch (JsonProcessingException e) {
            throw new UsageError(file + " is not valid JSON (line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + "); " + EXPECTED);
        } catch (IOException e) {
            throw new UsageError(file + " cannot be read: " + e.getMessage());
        }
        Kind kind = kindOf(tree);
        if (kind != Kind.REPORT) {
            throw new UsageError(file + " is " + kind.description + "; " + EXPECTED);
        }
        int major = schemaMajor(tree.get("schemaVersion"));
        if (major != Report.SCHEMA_VERSION) {
            throw new UsageError(file + " is a Heap Triage report of schema version " + tree.get("schemaVersion")
                    + "; this heaptriage reads version " + Report.SCHEMA_VERSION
                    + (major > Report.SCHEMA_VERSION ? ": use a newer heaptriage" : ": analyze the dump again"));
        }
        try {
            return JsonRenderer.read(file);
        } catch (IOException e) {
            throw new UsageError(file + " is not a report this heaptriage reads: " + UsageErrorHandler.firstLine(e.getMessage()));
        }
    }

    static Kind kindOf(JsonNode tree) {
        if (tree == null || !tree.isObject()) {
            return Kind.OTHER;
        }
        if (tree.has("$schema")) {
            return Kind.SCHEMA;
        }
        if (tree.has("schemaVersion") && tree.has("dump") && tree.has("heap")) {
            return Kind.REPORT;
        }
        if (tree.has("schemaVersion") && tree.has("baseline") && tree.has("current")) {
            return Kind.DIFF;
        }
        if (tree.has("kinds")) {
            return Kind.RULES;
        }
        return Kind.OTHER;
    }

    /** 1 for {@code 1}, {@code 1.2} or {@code "1.2"}; -1 when absent or not a version. */
    private static int schemaMajor(JsonNode version) {
        if (version == null) {
            return -1;
        }
        if (version.isNumber()) {
            return version.intValue();
        }
        try {
            return Integer.parseInt(version.asText().split("\\.")[0].trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
