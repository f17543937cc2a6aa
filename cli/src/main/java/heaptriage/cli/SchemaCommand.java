package heaptriage.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/** {@code heaptriage schema}: prints the JSON Schema of the JSON report. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) that 'analyze --format json' reports follow.",
        footer = {"", "Examples:", "  heaptriage schema > heaptriage-report.schema.json",
            "  heaptriage schema --diff > heaptriage-diff.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    static final String REPORT = "/heaptriage/report/report-schema-v1.json";
    static final String DIFF = "/heaptriage/report/diff-schema-v1.json";

    @picocli.CommandLine.Option(names = "--diff", description = "The schema of 'diff --format json' instead.")
    boolean diff;

    @Override
    public Integer call() throws IOException {
        String resource = diff ? DIFF : REPORT;
        try (InputStream in = SchemaCommand.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("the schema is missing from this build (" + resource + ")");
            }
            System.out.write(in.readAllBytes());
            System.out.flush();
        }
        return ExitCode.OK;
    }
}
