package heaptriage.cli;

import picocli.CommandLine.Command;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.Callable;

/** {@code heaptriage schema}: prints the JSON Schema of the JSON report. */
@Command(name = "schema", mixinStandardHelpOptions = true,
        description = "Print the JSON Schema (draft 2020-12) that 'analyze --format json' reports follow.",
        footer = {"", "Example:", "  heaptriage schema > heaptriage-report.schema.json"})
final class SchemaCommand implements Callable<Integer> {
    static final String RESOURCE = "/heaptriage/report/report-schema-v1.json";

    @Override
    public Integer call() throws IOException {
        try (InputStream in = SchemaCommand.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the schema is missing from this build (" + RESOURCE + ")");
            }
            System.out.write(in.readAllBytes());
            System.out.flush();
        }
        return ExitCode.OK;
    }
}
