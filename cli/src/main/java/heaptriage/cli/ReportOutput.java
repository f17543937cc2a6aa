package heaptriage.cli;

import heaptriage.report.ReportFormat;
import heaptriage.report.ReportRenderer;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** Writes a report or a diff in UTF-8 with the renderer of its format, and reads the {@code --format} option. */
final class ReportOutput {
    private ReportOutput() {
    }

    /** Writes to the target with the renderer of the format. */
    static void write(ReportFormat format, OutputTarget target, int top, Consumer<ReportRenderer> render) throws IOException {
        try (OutputStream out = target.open()) {
            PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            render.accept(ReportRenderer.of(format, writer, top));
            writer.flush();
            // a PrintWriter keeps write errors to itself: a full disk must not pass silently (a closed pipe may)
            if (writer.checkError() && !target.isStdout()) {
                throw new UsageError("could not write the whole report to " + target.file() + " (is the disk full?)");
            }
        }
    }

    /** The format asked for, else the one the output file's ending says, else the command's default. */
    static ReportFormat chosen(ReportFormat asked, OutputTarget target, ReportFormat fallback) {
        return asked != null ? asked : ReportFormat.ofFileName(target.lowerCaseName()).orElse(fallback);
    }

    /** {@code --format text|json|md|html}. */
    static final class FormatConverter implements ITypeConverter<ReportFormat> {
        @Override
        public ReportFormat convert(String value) {
            return ReportFormat.ofName(value).orElseThrow(() -> new TypeConversionException("'" + value
                    + "' is not a format; use " + Arrays.stream(ReportFormat.values()).map(ReportFormat::cliName)
                    .collect(Collectors.joining(", "))));
        }
    }
}
