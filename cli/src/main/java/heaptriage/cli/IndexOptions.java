package heaptriage.cli;

import heaptriage.heap.IndexPolicy;
import picocli.CommandLine.Option;

/** Whether a dump-reading command keeps the dump's index for the next command, and whether it reuses a kept one. */
final class IndexOptions {
    @Option(names = "--keep-index",
            description = "Keep the dump's index after parsing, so that the next command on this dump (analyze, "
                    + "paths, histogram, diff) reads it instead of parsing the dump again. It goes in a folder under "
                    + "--work-dir named by a hash of the dump's path, and stays until you delete it.")
    boolean keep;

    @Option(names = "--keep-index-beside",
            description = "As --keep-index, but in DUMP.heaptriage-index beside the dump. Refused (exit 7) when the "
                    + "dump's folder is not writable.")
    boolean keepBeside;

    @Option(names = "--no-index-reuse",
            description = "Parse the dump even when a kept index of it matches (with --keep-index, it is replaced).")
    boolean noReuse;

    /** Whether any index is to be kept. */
    boolean keeps() {
        return keep || keepBeside;
    }

    IndexPolicy policy() {
        IndexPolicy.Keep where = keepBeside ? IndexPolicy.Keep.BESIDE_DUMP
                : keep ? IndexPolicy.Keep.WORK_DIR : IndexPolicy.Keep.NONE;
        return new IndexPolicy(!noReuse, where);
    }
}
