package heaptriage.cli;

import heaptriage.heap.IndexListener;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Records each phase's wall time, bytes read, and when it ends: the JVM heap in use, the bytes of memory-mapped
 * index files, the process's resident set and its peak, for the benchmark.
 */
final class PhaseClock implements IndexListener {
    /** One finished phase. */
    record Phase(String name, double seconds, long bytesRead, long heapUsedBytes, long mappedBytes, long rssBytes,
                 long peakRssBytes, long majorFaults, long diskReadBytes) {
    }

    private final List<Phase> phases = new ArrayList<>();
    private final Consumer<Phase> onEnd;
    private String current;
    private long startedAt;
    private long bytes;
    private long faultsAtStart;
    private long diskAtStart;

    /** A clock that tells {@code onEnd} about each phase as it ends (long runs under a memory cap show progress). */
    PhaseClock(Consumer<Phase> onEnd) {
        this.onEnd = onEnd;
    }

    @Override
    public void phase(String name) {
        end();
        current = name;
        startedAt = System.nanoTime();
        bytes = 0;
        faultsAtStart = majorFaults();
        diskAtStart = diskReadBytes();
    }

    @Override
    public void bytesRead(long position) {
        bytes = position;
    }

    /** Ends the running phase, if any. */
    void end() {
        if (current != null) {
            Phase done = new Phase(current, (System.nanoTime() - startedAt) / 1e9, bytes, heapUsed(), mappedBytes(),
                    procStatus("VmRSS:"), peakRss(), majorFaults() - faultsAtStart, diskReadBytes() - diskAtStart);
            phases.add(done);
            onEnd.accept(done);
            current = null;
        }
    }

    List<Phase> phases() {
        return phases;
    }

    /** The process's peak resident set (VmHWM), or -1 where /proc is not available. */
    static long peakRss() {
        return procStatus("VmHWM:");
    }

    /** Heap in use now (live objects and garbage not yet collected). */
    static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Bytes of all memory-mapped buffers the JVM holds: the index files when the arrays do not fit the heap. */
    static long mappedBytes() {
        return ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("mapped")).mapToLong(BufferPoolMXBean::getTotalCapacity).sum();
    }

    /**
     * Page faults that had to wait for the disk (field 12 of /proc/self/stat), or 0 where /proc is not available: with
     * mapped index files, how much a phase paged, a figure a busy processor does not blur as it blurs wall time.
     */
    static long majorFaults() {
        try {
            String stat = Files.readString(Path.of("/proc/self/stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[9]); // fields from the state on: majflt is the 10th
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** Bytes this process made the kernel read from storage (read_bytes of /proc/self/io), or 0 where not available. */
    static long diskReadBytes() {
        return Math.max(0, procNumber("io", "read_bytes:"));
    }

    /** A figure in kB from /proc/self/status, in bytes, or -1 where /proc is not available. */
    private static long procStatus(String field) {
        long kib = procNumber("status", field);
        return kib < 0 ? -1 : kib * 1024;
    }

    /** The number on the line of /proc/self/FILE that starts with {@code field}, or -1 where there is none. */
    private static long procNumber(String file, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self", file))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.replaceAll("\\D+", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
