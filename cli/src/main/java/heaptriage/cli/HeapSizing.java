package heaptriage.cli;

/**
 * Who set this JVM's maximum heap, which decides what a run that ran out of it is told to change: the launcher says
 * so in {@code HEAPTRIAGE_HEAP_SIZED_BY}.
 */
enum HeapSizing {
    /** The launcher, from the memory budget: {@code --memory} (or the detected limit) sizes the heap. */
    LAUNCHER,
    /** A heap size in {@code JAVA_OPTS}, which replaces the launcher's: {@code --memory} no longer sizes the heap. */
    JAVA_OPTS,
    /** Not the launcher: the jar run with {@code java -jar}, whose -Xmx (or the JVM's default) is the heap. */
    JVM;

    static HeapSizing fromEnvironment() {
        return of(System.getenv("HEAPTRIAGE_HEAP_SIZED_BY"));
    }

    /** The sizing the launcher's variable names; {@link #JVM} when it is unset (no launcher) or unknown. */
    static HeapSizing of(String launcherVariable) {
        if ("launcher".equals(launcherVariable)) {
            return LAUNCHER;
        }
        return "JAVA_OPTS".equals(launcherVariable) ? JAVA_OPTS : JVM;
    }
}
