package heaptriage.cli;

import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.PrintWriter;
import java.util.List;

/**
 * A bad command line gets one line: what is wrong, and where help is ("see 'heaptriage analyze --help'"), instead of
 * the whole usage text. Exit code 2.
 */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException e, String[] args) {
        CommandLine cli = e.getCommandLine();
        PrintWriter err = cli.getErr();
        err.println("heaptriage: " + firstLine(e.getMessage()) + suggestion(e) + "; see '"
                + cli.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return ExitCode.USAGE;
    }

    private static String suggestion(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u) {
            List<String> similar = u.getSuggestions();
            if (!similar.isEmpty()) {
                return " (did you mean " + String.join(" or ", similar.subList(0, Math.min(3, similar.size()))) + "?)";
            }
        }
        return "";
    }

    static String firstLine(String message) {
        return message == null ? "" : message.strip().lines().findFirst().orElse("");
    }
}
