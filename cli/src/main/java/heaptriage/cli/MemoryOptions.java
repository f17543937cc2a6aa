package heaptriage.cli;

import heaptriage.memory.MemoryBudget;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.WorkDir;
import picocli.CommandLine;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/** The memory options every dump-reading command shares; the launcher reads --memory too. */
final class MemoryOptions {
    @Option(names = "--memory", paramLabel = "SIZE", converter = BudgetConverter.class,
            description = "Memory budget (e.g. 1536m, 4g). Default: the memory cgroup's limit or the machine's memory, "
                    + "whichever is smaller. The launcher gives the JVM heap 60%% of it (of a budget above 5 GiB "
                    + "all but 2 GiB, 75%% at most).")
    MemoryBudget budget;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Where index files go when the dump's arrays do not fit the heap share of the budget "
                    + "(default: the system temp folder). They are removed when the command ends.")
    Path workDir;

    /** The budget given with --memory, else the detected one. */
    MemoryBudget budget() {
        return budget != null ? budget : MemoryBudget.detect();
    }

    /** Budget, work folder and automatic placement of the arrays, as the options say. */
    MemorySettings settings() {
        return new MemorySettings(budget(), workDir != null ? workDir : WorkDir.defaultParent(),
                MemorySettings.Placement.AUTO);
    }

    static final class BudgetConverter implements ITypeConverter<MemoryBudget> {
        @Override
        public MemoryBudget convert(String text) {
            long bytes = new Converters.Size().convert(text);
            if (bytes < 16L << 20) {
                throw new CommandLine.TypeConversionException("'" + text + "' is too small: give at least 16m");
            }
            return MemoryBudget.ofOption(bytes);
        }
    }
}
