package heaptriage.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code heaptriage} command. */
@Command(name = "heaptriage",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "What filled the heap, and is it leaking connections? Reads HotSpot .hprof heap dumps "
                + "(plain or gzip-compressed, also truncated ones).",
        subcommands = {AnalyzeCommand.class, CaptureCommand.class, DiffCommand.class, HistogramCommand.class, PathsCommand.class, RenderCommand.class,
            SchemaCommand.class,
            BenchmarkCommand.class, picocli.AutoComplete.GenerateCompletion.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  done, no gate tripped",
            "  1  a CI gate tripped (the report is still written)",
            "  2  usage error: a bad option or output path, or a file that is not what the command expects",
            "  3  the dump cannot be read (missing, not HPROF, corrupt beyond salvage)",
            "  4  not enough memory (the message says how much the dump needs; give --memory SIZE or JAVA_OPTS=-Xmx8g)",
            "  5  internal error: a bug in heaptriage (--debug shows the stack trace)",
            "  6  capture: the running JVM cannot be dumped (no such process, another user's, in a container, no jcmd, ...)",
            "  7  the work folder for index files lacks disk space or cannot be created (see --work-dir)"})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code, without exiting (for tests). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(new UsageErrorHandler());
        boolean debug = java.util.Arrays.asList(args).contains("--debug");
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            if (debug) {
                e.printStackTrace();
            }
            System.err.println(OutOfMemoryAdvice.line(e, OutOfMemoryAdvice.lastIndexed(), HeapSizing.fromEnvironment()));
            return ExitCode.OUT_OF_MEMORY;
        } catch (Error e) {
            if (debug) {
                e.printStackTrace();
            }
            System.err.println("heaptriage: internal error (a bug in heaptriage; please report it with the output of --debug): " + e);
            return ExitCode.INTERNAL_ERROR;
        } finally {
            Spool.deleteAll();
        }
    }
}
