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
     * Sets the application up and returns once everything is in place (threads parked,
     * sockets connected, pools filled). Whatever must be in the dump has to stay reachable
     * from static fields or live threads after this returns.
     *
     * @param sizeBytes requested dump size, 0 for the default; only "large" uses it
     */
    Facts run(long sizeBytes) throws Exception;
}
