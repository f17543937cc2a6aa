package heaptriage.samples;

import java.time.Duration;

/**
 * How to dump a scenario.
 *
 * @param gzip        write {@code .hprof.gz} with {@code jcmd GC.heap_dump -gz=1} (chunked gzip members)
 * @param sizeBytes   target dump size for the {@code large} scenario; 0 means the scenario's default
 * @param allObjects  dump unreachable objects too ({@code -all}); default is a live dump
 * @param stepTimeout limit for each step (start, dump, histogram); null means derived from the heap size
 * @param requests    the moment of a load test: how many requests the service has handled when it is dumped
 *                    ({@code h2-leak}: leaked connections, {@code hikari-healthy}: served requests; other
 *                    scenarios ignore it). {@link #DEFAULT_REQUESTS} means the scenario's default, and the
 *                    output files keep their plain names; otherwise they are named {@code <scenario>-r<N>.*}.
 */
public record Options(boolean gzip, long sizeBytes, boolean allObjects, Duration stepTimeout, int requests) {

    /** {@link #requests()} value meaning "the scenario's default" (and plain file names). */
    public static final int DEFAULT_REQUESTS = -1;

    public Options {
        if (requests < DEFAULT_REQUESTS) {
            throw new IllegalArgumentException("requests must be >= 0, was " + requests);
        }
    }

    /** The options without a request count, as before {@code requests} existed. */
    public Options(boolean gzip, long sizeBytes, boolean allObjects, Duration stepTimeout) {
        this(gzip, sizeBytes, allObjects, stepTimeout, DEFAULT_REQUESTS);
    }

    /** Live, uncompressed dump, default size, automatic timeouts, the scenario's default request count. */
    public static Options defaults() {
        return new Options(false, 0, false, null, DEFAULT_REQUESTS);
    }

    public Options withGzip(boolean gzip) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout, requests);
    }

    public Options withSize(long sizeBytes) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout, requests);
    }

    /** Parses sizes like {@code 1g}, {@code 200m}. */
    public Options withSize(String size) {
        return withSize(Sizes.parse(size));
    }

    public Options withAllObjects(boolean allObjects) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout, requests);
    }

    public Options withStepTimeout(Duration stepTimeout) {
        return new Options(gzip, sizeBytes, allObjects, stepTimeout, requests);
    }

    /**
     * Dumps the scenario after {@code requests} requests (0 or more); the files are then named
     * {@code <scenario>-r<requests>.*}, so several moments can go into one directory.
     */
    public Options withRequests(int requests) {
        if (requests < 0) {
            throw new IllegalArgumentException("requests must be >= 0, was " + requests);
        }
        return new Options(gzip, sizeBytes, allObjects, stepTimeout, requests);
    }

    /** Whether a request count was given. */
    public boolean hasRequests() {
        return requests != DEFAULT_REQUESTS;
    }

    /** {@code scenario}, or {@code scenario-r<N>} when a request count was given: the output files' base name. */
    public String baseName(String scenario) {
        return hasRequests() ? scenario + "-r" + requests : scenario;
    }
}
