package heaptriage.cli;

import heaptriage.hprof.HprofException;
import picocli.CommandLine;

/** Turns failures into one line on stderr and a documented exit code; the stack trace only with --debug. */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    @Override
    public int handleExecutionException(Exception e, CommandLine cli, CommandLine.ParseResult parsed) {
        boolean debug = parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--debug"));
        if (debug) {
            e.printStackTrace();
        }
        if (e instanceof HprofException) {
            cli.getErr().println("heaptriage: " + e.getMessage());
            return ExitCode.DUMP_UNREADABLE;
        }
        if (e instanceof java.io.IOException) {
            cli.getErr().println("heaptriage: " + e.getMessage());
            return ExitCode.DUMP_UNREADABLE;
        }
        cli.getErr().println("heaptriage: internal error: " + e + " (run again with --debug for the stack trace)");
        return ExitCode.DUMP_UNREADABLE;
    }
}
