package heaptriage.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether standard error is a terminal, so progress is shown there even when standard output is redirected. */
final class Terminal {
    private Terminal() {
    }

    /**
     * Java 17 can only tell whether stdin and stdout are a console; on Linux the file behind descriptor 2 says it.
     * HEAPTRIAGE_STDERR_TTY=1 or 0 (set by the launcher from the shell's own test) decides elsewhere.
     */
    static boolean stderrIsTerminal() {
        String told = System.getenv("HEAPTRIAGE_STDERR_TTY");
        if (told != null && !told.isBlank()) {
            return told.trim().equals("1");
        }
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (Exception e) {
            return System.console() != null;
        }
    }
}
