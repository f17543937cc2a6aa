package heaptriage.samples.scenarios;

import heaptriage.samples.Facts;

/** One small application situation to be dumped; {@link #run} executes inside the child JVM. */
public interface Scenario {

    String name();

    /** One sentence for {@code --list} and the truth file. */
    String description();

    /** The child's {@code -Xmx} in MiB; small on purpose so committed dumps stay small. */
    long maxHeapMegabytes(long sizeBytes);

    /**
     * As {@link #maxHeapMegabytes(long)}, for a run at a given moment of a load test.
     *
     * @param requests the request count given with {@code --requests}, or {@code Options.DEFAULT_REQUESTS}
     */
    default long maxHeapMegabytes(long sizeBytes, int requests) {
        return maxHeapMegabytes(sizeBytes);
    }

    /**
     * Sets the application up and returns once everything is in place (threads parked,
     * sockets connected, pools filled). Whatever must be in the dump has to stay reachable
     * from static fields or live threads after this returns.
     *
     * @param sizeBytes requested dump size, 0 for the default; only "large" uses it
     */
    Facts run(long sizeBytes) throws Exception;

    /**
     * As {@link #run(long)}, at a given moment of a load test. Scenarios that have no notion of
     * "how far the load test got" ignore {@code requests}.
     *
     * @param requests the request count given with {@code --requests} (0 or more), or
     *                 {@code Options.DEFAULT_REQUESTS} (-1) for the scenario's default
     */
    default Facts run(long sizeBytes, int requests) throws Exception {
        return run(sizeBytes);
    }
}
