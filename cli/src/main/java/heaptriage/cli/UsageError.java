package heaptriage.cli;

/**
 * The command cannot be carried out as given: a wrong file (a rules file where a report was expected, an output
 * place that cannot be written, a gate on a class the dump does not have). Exit code 2, one line.
 */
final class UsageError extends RuntimeException {
    UsageError(String message) {
        super(message);
    }
}
