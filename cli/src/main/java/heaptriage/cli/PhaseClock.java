package heaptriage.cli;

import heaptriage.heap.IndexListener;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Records each phase's wall time, bytes read and the process's peak RSS when it ends, for the benchmark. */
final class PhaseClock implements IndexListener {
    /** One finished phase. */
    record Phase(String name, double seconds, long bytesRead, long peakRssBytes) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private String current;
    private long startedAt;
    private long bytes;

    @Override
    public void phase(String name) {
        end();
        current = name;
        startedAt = System.nanoTime();
        bytes = 0;
    }

    @Override
    public void bytesRead(long position) {
        bytes = position;
    }

    /** Ends the running phase, if any. */
    void end() {
        if (current != null) {
            phases.add(new Phase(current, (System.nanoTime() - startedAt) / 1e9, bytes, peakRss()));
            current = null;
        }
    }

    List<Phase> phases() {
        return phases;
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not available. */
    static long peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D+", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
