package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.heap.IndexListener;

import java.util.Locale;

/**
 * Shows the current phase on one stderr line, with the share of the file read and the rate while a pass reads
 * the dump; only when stderr is a terminal, so CI logs stay clean.
 */
final class ProgressLine implements IndexListener {
    private final long totalBytes; // uncompressed size when known (a plain file), else -1
    private String phase = "";
    private long phaseStart = System.nanoTime();
    private long lastPrint;

    ProgressLine(long totalBytes) {
        this.totalBytes = totalBytes;
    }

    @Override
    public void phase(String name) {
        phase = name;
        phaseStart = System.nanoTime();
        print(-1);
    }

    @Override
    public void bytesRead(long position) {
        long now = System.nanoTime();
        if (now - lastPrint > 200_000_000L) {
            lastPrint = now;
            print(position);
        }
    }

    private void print(long position) {
        String text = phase;
        if (position >= 0) {
            double seconds = Math.max(1e-3, (System.nanoTime() - phaseStart) / 1e9);
            String share = totalBytes > 0 ? String.format(Locale.ROOT, " %3.0f%%", 100.0 * position / totalBytes) : "";
            text = String.format(Locale.ROOT, "%s%s  %s read, %.0f MB/s", phase, share, Bytes.human(position),
                    position / 1e6 / seconds);
        }
        System.err.print("\r\033[K" + text);
        System.err.flush();
    }

    static void clear() {
        if (System.console() != null) {
            System.err.print("\r\033[K");
            System.err.flush();
        }
    }
}
