package heaptriage.cli;

import heaptriage.analysis.connections.CatalogException;
import heaptriage.hprof.HprofException;
import heaptriage.hprof.NoSuchHeapDumpException;
import heaptriage.memory.WorkDirException;
import picocli.CommandLine;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Turns failures into one line on stderr and a documented exit code; the stack trace only with --debug. A dump that
 * cannot be read is 3; a wrong file or option found while running is 2; a work folder for index files that cannot
 * hold them is 7; anything else is a bug, 5.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        if (debug(parsed)) {
            e.printStackTrace(cli.getErr());
        }
        String message = UsageErrorHandler.firstLine(e.getMessage());
        int code;
        if (e instanceof WorkDirException) {
            code = ExitCode.WORK_DIR_UNUSABLE;
        } else if (e instanceof NoSuchHeapDumpException) {
            code = ExitCode.USAGE; // --dump N beyond the file's heap dumps: only known once the file is read
        } else if (e instanceof CaptureException) {
            code = ExitCode.CAPTURE_FAILED;
        } else if (e instanceof HprofException || e instanceof IOException || e instanceof UncheckedIOException) {
            code = ExitCode.DUMP_UNREADABLE;
        } else if (e instanceof UsageError || e instanceof CatalogException) {
            code = ExitCode.USAGE;
        } else {
            code = ExitCode.INTERNAL_ERROR;
            message = "internal error (a bug in heaptriage; please report it with the output of --debug): "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + message);
        }
        cli.getErr().println("heaptriage: " + message);
        cli.getErr().flush();
        return code;
    }

    private static boolean debug(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--debug")) {
                return true;
            }
        }
        return false;
    }
}
