package heaptriage.heap;

/**
 * How many threads read a plain dump's heap records in passes 1 and 2, and into how many shares pass 2 cuts them.
 * <p>
 * Two threads at most by default: the machines this runs on (CI runners, Kubernetes pods, the benchmark machine) have
 * two cores, and more threads than cores would only take turns. A dump with less than {@link #MIN_SHARE_BYTES} of heap
 * records per thread is read by one thread, so small dumps and most tests pay nothing for threads. Pass 2 cuts the
 * records into {@link #SHARES_PER_THREAD} shares per thread, which the threads take in turn: a thread the machine
 * gives less time to (other processes, a busy CI runner) then reads fewer shares instead of holding the pass up. The
 * system property {@value #PROPERTY} sets the number of threads, so a benchmark can compare one thread with two.
 *
 * @param threads         the most threads to use
 * @param sharesPerThread the shares of pass 2 per thread
 * @param minShareBytes   the fewest bytes of heap records worth a thread of its own
 * @param splitOffsets    where to split, whatever the size (tests): each share starts at the first object record at or
 *                        after one of these offsets; null to split the heap records evenly
 */
record ParseThreads(int threads, int sharesPerThread, long minShareBytes, long[] splitOffsets) {
    static final String PROPERTY = "heaptriage.parse.threads";
    static final long MIN_SHARE_BYTES = 64L << 20;
    static final int SHARES_PER_THREAD = 4;
    private static final int DEFAULT_MOST = 2;
    /** The fewest objects for which the steps between the passes are worth splitting between threads. */
    static final int MIN_HELPER_OBJECTS = 1 << 20;

    /** Two threads (fewer on a single core) for dumps with at least 64 MiB of heap records per thread. */
    static ParseThreads defaults() {
        int threads = Math.min(DEFAULT_MOST, Runtime.getRuntime().availableProcessors());
        Integer forced = Integer.getInteger(PROPERTY);
        if (forced != null && forced >= 1) {
            threads = forced;
        }
        return new ParseThreads(threads, SHARES_PER_THREAD, MIN_SHARE_BYTES, null);
    }

    /**
     * Threads for the steps between the passes, which work on whole arrays: all of them for a million objects or
     * more, or whatever the size when the split is forced ({@code minShareBytes} 0, as tests do); else one.
     */
    int helpersFor(long objects) {
        return minShareBytes > 0 && objects < MIN_HELPER_OBJECTS ? 1 : threads;
    }

    /** Everything on the calling thread. */
    static ParseThreads one() {
        return new ParseThreads(1, 1, MIN_SHARE_BYTES, null);
    }

    /** Two threads splitting at these offsets, however small the dump is: each offset starts a share. */
    static ParseThreads splitAt(long... offsets) {
        return new ParseThreads(2, 1, 0, offsets.clone());
    }

    /** {@code threads} threads and as many shares of equal bytes, however small the dump is. */
    static ParseThreads evenly(int threads) {
        return new ParseThreads(threads, 1, 0, null);
    }
}
