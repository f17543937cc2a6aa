package heaptriage.cli;

import heaptriage.analysis.connections.CatalogException;
import heaptriage.analysis.connections.ConnectionCatalog;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The connection catalogue with the user's {@code --rules} file, read before the dump so a bad file costs nothing. */
final class RulesFile {
    private RulesFile() {
    }

    /** The built-in catalogue, plus the rules file when one is given; a missing or invalid file is a usage error. */
    static ConnectionCatalog catalog(Path rules) {
        if (rules == null) {
            return ConnectionCatalog.builtIn();
        }
        try {
            return ConnectionCatalog.load(rules);
        } catch (NoSuchFileException e) {
            throw new UsageError("--rules " + rules + " does not exist");
        } catch (IOException e) {
            throw new UsageError("--rules " + rules + " cannot be read: " + e.getMessage());
        } catch (CatalogException e) {
            throw new UsageError("--rules " + rules + ": " + UsageErrorHandler.firstLine(e.getMessage()));
        }
    }
}
