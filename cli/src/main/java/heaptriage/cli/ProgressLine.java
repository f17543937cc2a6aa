package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.heap.IndexListener;

import java.util.Locale;

/**
 * Shows the current phase on one stderr line: while a pass reads the dump, the share read, the size read against
 * the total, the rate and the time left, all in binary units (KiB, MiB, GiB). Only when stderr is a terminal, so
 * CI logs and redirected output stay clean.
 */
final class ProgressLine implements IndexListener {
    private final long totalBytes; // uncompressed size when known (a plain file), else -1
    private String phase = "";
    private long phaseStart = System.nanoTime();
    private long lastPrint;

    ProgressLine(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    /** Progress for a dump of this many uncompressed bytes (-1 when unknown), or none when stderr is not a terminal. */
    static IndexListener forDump(long totalBytes, boolean quiet) {
        return quiet || !Terminal.stderrIsTerminal() ? IndexListener.NONE : new ProgressLine(totalBytes);
    }

    @Override
    public void phase(String name) {
        phase = name;
        phaseStart = System.nanoTime();
        System.err.print("\r\033[K" + name);
        System.err.flush();
    }

    @Override
    public void bytesRead(long position) {
        long now = System.nanoTime();
        if (now - lastPrint > 200_000_000L) {
            lastPrint = now;
            System.err.print("\r\033[K" + describe(phase, position, totalBytes, (now - phaseStart) / 1e9));
            System.err.flush();
        }
    }

    /** "pass 1: scan records  45%  1.2 GiB of 2.6 GiB, 210 MiB/s, 7 s left" (without a share and time left when the total is unknown). */
    static String describe(String phase, long position, long total, double seconds) {
        double rate = position / Math.max(1e-3, seconds);
        String speed = Bytes.human((long) rate) + "/s";
        if (total <= 0) {
            return String.format(Locale.ROOT, "%s  %s read, %s", phase, Bytes.human(position), speed);
        }
        long left = rate <= 0 || seconds < 1 ? -1 : (long) Math.ceil(Math.max(0, total - position) / rate); // too early to tell
        String eta = left < 0 ? "" : ", " + duration(left) + " left";
        return String.format(Locale.ROOT, "%s %3.0f%%  %s of %s, %s%s", phase, 100.0 * Math.min(position, total) / total,
                Bytes.human(position), Bytes.human(total), speed, eta);
    }

    private static String duration(long seconds) {
        return seconds < 60 ? seconds + " s" : String.format(Locale.ROOT, "%d min %02d s", seconds / 60, seconds % 60);
    }

    static void clear() {
        if (Terminal.stderrIsTerminal()) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }
}
