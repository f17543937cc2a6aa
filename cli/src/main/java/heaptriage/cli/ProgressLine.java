package heaptriage.cli;

import heaptriage.analysis.Bytes;
import heaptriage.heap.IndexListener;

/** Shows the current phase and bytes read on one stderr line, only when stderr is a terminal. */
final class ProgressLine implements IndexListener {
    private String phase = "";
    private long lastPrint;

    @Override
    public void phase(String name) {
        phase = name;
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
        String text = position < 0 ? phase : phase + "  " + Bytes.human(position) + " read";
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
