package heaptriage.report;

import heaptriage.hprof.RootKind;

/** The names reports give GC root kinds: Eclipse MAT's, so that both tools read alike. */
final class RootKindNames {
    private RootKindNames() {
    }

    static String of(RootKind kind) {
        return switch (kind) {
            case UNKNOWN -> "Unknown";
            case JNI_GLOBAL -> "JNI Global";
            case JNI_LOCAL -> "JNI Local";
            case JAVA_FRAME -> "Java Local";
            case NATIVE_STACK -> "Native Stack";
            case STICKY_CLASS -> "System Class";
            case THREAD_BLOCK -> "Thread Block";
            case MONITOR_USED -> "Busy Monitor";
            case THREAD_OBJECT -> "Thread";
        };
    }
}
