package heaptriage.samples;

/**
 * A scenario left running in its child JVM, for tools that dump a live process themselves (such as
 * {@code heaptriage capture}). {@link #close()} stops the JVM.
 *
 * @param pid       the child JVM's process id
 * @param factsJson what the scenario guarantees about its heap (the truth file's facts, compact JSON)
 */
public record RunningScenario(long pid, String factsJson, AutoCloseable stop) implements AutoCloseable {

    @Override
    public void close() throws Exception {
        stop.close();
    }
}
