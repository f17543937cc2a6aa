package heaptriage.cli;

import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.HprofException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** The dump argument and the options every dump-reading command shares. */
final class DumpOptions {
    @Parameters(index = "0", paramLabel = "DUMP", description = "The heap dump: .hprof, or gzip-compressed (detected by content).")
    Path dump;

    @Option(names = "--quiet", description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--debug", description = "Show stack traces of errors.")
    boolean debug;

    HeapSnapshot open() throws HprofException {
        DumpFile file = DumpFile.open(dump);
        IndexListener progress = quiet || System.console() == null ? IndexListener.NONE : new ProgressLine();
        return HeapIndexer.index(file, progress);
    }
}
