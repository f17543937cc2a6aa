package heaptriage.cli;

import heaptriage.memory.MemoryBudget;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;

/** The memory budget option every dump-reading command shares; the launcher reads the same option. */
final class MemoryOptions {
    @Option(names = "--memory", paramLabel = "SIZE", converter = BudgetConverter.class,
            description = "Memory budget (e.g. 1536m, 4g). Default: the memory cgroup's limit or the machine's memory, "
                    + "whichever is smaller. The launcher gives the JVM heap 60%% of it.")
    MemoryBudget budget;

    /** The budget given with --memory, else the detected one. */
    MemoryBudget budget() {
        return budget != null ? budget : MemoryBudget.detect();
    }

    static final class BudgetConverter implements ITypeConverter<MemoryBudget> {
        @Override
        public MemoryBudget convert(String text) {
            long bytes = SizeParser.parse(text);
            if (bytes < 16L << 20) {
                throw new IllegalArgumentException("--memory " + text + " is too small: give at least 16m");
            }
            return MemoryBudget.ofOption(bytes);
        }
    }
}
