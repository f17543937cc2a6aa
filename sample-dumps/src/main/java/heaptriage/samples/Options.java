package heaptriage.samples;

import java.time.Duration;

/**
 * How to dump a scenario.
 *
 * @param gzip        write {@code .hprof.gz} with {@code jcmd GC.heap_dump -gz=1} (chunked gzip members)
 * @param sizeBytes   target dump size for the {@code large} scenario; 0 means the scenario's default
 * @param allObjects  dump unreachable objects too ({@code -all}); default is a live dump
 * @param stepTimeout limit for each step (start, dump, histogram); null means derived from the heap size
 */
public record Options(boolean gzip, long sizeBytes, boolean allObjects, Duration stepTimeout) {

    /** Live, uncompressed dump, default size, automatic timeouts. */
    public static Options defaults() {
        return new Options(false, 0, false, null);
    }

    public Options withGzip(boolean gzip) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout);
    }

    public Options withSize(long sizeBytes) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout);
    }

    /** Parses sizes like {@code 1g}, {@code 200m}. */
    public Options withSize(String size) {
        return withSize(Sizes.parse(size));
    }

    public Options withAllObjects(boolean allObjects) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout);
    }

    public Options withStepTimeout(Duration stepTimeout) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout);
    }
}
