package heaptriage.memory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How much memory this process may use: the smallest of the memory cgroup's limit (v2 {@code memory.max} or v1
 * {@code memory.limit_in_bytes}, the process's own cgroup and every ancestor) and the machine's physical memory, or
 * what {@code --memory} says. The JVM heap gets {@link #heapShare} of it; the rest is left for the JVM's own
 * native memory and for the pages of mapped index files, which the kernel can drop and re-read. The launcher
 * script computes the same figures in bash before it starts the JVM.
 *
 * @param bytes     the budget
 * @param limitedBy where the figure comes from
 */
public record MemoryBudget(long bytes, Limit limitedBy) {
    /**
     * Share of a budget of up to 5 GiB for the Java heap; a bigger budget's heap leaves {@link #BESIDE_A_BIG_HEAP}
     * beside it, and takes at most {@link #MAX_HEAP_SHARE} (the launcher's -Xmx uses the same rule).
     */
    public static final double HEAP_SHARE = 0.6;
    /**
     * What a big budget keeps beside the heap: the JVM's own memory (G1's tables grow with the heap, a few percent of
     * it) and page cache for reading the dump. Measured on the 4 GiB dump with its index on the heap: in a 10 GiB
     * cgroup, a 7.5 GiB heap peaked at 6.5 to 7.3 GiB of the cgroup (26.0 s, against 44.2 s with the index mapped
     * beside the 2.5 GiB heap that 60% left it); forced to a 6 GiB heap in an 8 GiB cgroup it peaked at 5.7 GiB.
     */
    public static final long BESIDE_A_BIG_HEAP = 2L << 30;
    /** The largest share of any budget for the heap. */
    public static final double MAX_HEAP_SHARE = 0.75;
    /** cgroup v1 writes "no limit" as a huge number (2^63 rounded down to a page); anything above this is none. */
    private static final long UNLIMITED = 1L << 60;

    /** What set the budget. */
    public enum Limit {
        /** The {@code --memory} option. */
        OPTION,
        /** A cgroup v2 {@code memory.max}. */
        CGROUP_V2,
        /** A cgroup v1 {@code memory.limit_in_bytes}. */
        CGROUP_V1,
        /** The machine's memory ({@code MemTotal} in /proc/meminfo). */
        PHYSICAL,
        /** None of the above could be read: the JVM's own maximum heap stands in. */
        JVM
    }

    public MemoryBudget {
        if (bytes <= 0) {
            throw new IllegalArgumentException("a memory budget must be positive: " + bytes);
        }
    }

    /** A budget given on the command line. */
    public static MemoryBudget ofOption(long bytes) {
        return new MemoryBudget(bytes, Limit.OPTION);
    }

    /** The budget of this process, read from /proc and /sys/fs/cgroup. */
    public static MemoryBudget detect() {
        return detect(Path.of("/"));
    }

    /**
     * The budget as read below {@code root}: {@code proc/self/cgroup}, {@code proc/meminfo} and the cgroup files
     * under {@code sys/fs/cgroup} (v2) or {@code sys/fs/cgroup/memory} (v1). Tests pass a folder of fixture files.
     */
    public static MemoryBudget detect(Path root) {
        MemoryBudget best = new MemoryBudget(Runtime.getRuntime().maxMemory(), Limit.JVM);
        Optional<Long> physical = memTotal(root.resolve("proc/meminfo"));
        if (physical.isPresent()) {
            best = new MemoryBudget(physical.get(), Limit.PHYSICAL);
        }
        for (String line : lines(root.resolve("proc/self/cgroup"))) {
            String[] parts = line.split(":", 3);
            if (parts.length < 3) {
                continue;
            }
            Optional<Long> limit = Optional.empty();
            Limit kind = null;
            if (parts[0].equals("0") && parts[1].isEmpty()) {
                limit = smallestUpwards(root.resolve("sys/fs/cgroup"), parts[2], "memory.max");
                kind = Limit.CGROUP_V2;
            } else if (List.of(parts[1].split(",")).contains("memory")) {
                limit = smallestUpwards(root.resolve("sys/fs/cgroup/memory"), parts[2], "memory.limit_in_bytes");
                kind = Limit.CGROUP_V1;
            }
            if (limit.isPresent() && limit.get() < best.bytes) {
                best = new MemoryBudget(limit.get(), kind);
            }
        }
        return best;
    }

    /** What the JVM takes besides its heap (code, metaspace, thread stacks, GC structures), with room to spare. */
    static final long NON_HEAP_RESERVE = 256L << 20;

    /**
     * What the budget leaves for the pages of mapped index files beside a JVM heap of {@code maxHeapBytes}: the rest
     * after the heap and the JVM's own memory, 0 when nothing is left.
     */
    public long pageCacheRoom(long maxHeapBytes) {
        return Math.max(0, bytes - maxHeapBytes - NON_HEAP_RESERVE);
    }

    /**
     * The Java heap this budget allows: {@link #HEAP_SHARE} of it, or all but {@link #BESIDE_A_BIG_HEAP} when that is
     * more (budgets above 5 GiB), and never more than {@link #MAX_HEAP_SHARE} of it (reached at 8 GiB).
     */
    public long heapShare() {
        return heapShareOf(bytes);
    }

    private static long heapShareOf(long budget) {
        return (long) Math.min(MAX_HEAP_SHARE * budget, Math.max(HEAP_SHARE * budget, budget - BESIDE_A_BIG_HEAP));
    }

    /** The smallest budget whose heap share ({@link #heapShare}) is at least {@code heap} bytes. */
    public static long budgetForHeap(long heap) {
        long smallShareEnd = (long) (BESIDE_A_BIG_HEAP / (1 - HEAP_SHARE));   // 5 GiB: 60% up to here
        long besideBigEnd = (long) (BESIDE_A_BIG_HEAP / (1 - MAX_HEAP_SHARE)); // 8 GiB: all but 2 GiB up to here
        long budget;
        if (heap <= heapShareOf(smallShareEnd)) {
            budget = (long) Math.ceil(heap / HEAP_SHARE);
        } else if (heap <= heapShareOf(besideBigEnd)) {
            budget = heap + BESIDE_A_BIG_HEAP;
        } else {
            budget = (long) Math.ceil(heap / MAX_HEAP_SHARE);
        }
        while (heapShareOf(budget) < heap) {
            budget++; // floating-point rounding: at most a byte or two
        }
        return budget;
    }

    /**
     * The smallest limit in the cgroup's folder and every folder above it up to the mount point. Inside a
     * container the path in /proc/self/cgroup may name a folder that is not mounted there; its ancestors,
     * the mount point at least, still hold the container's limit.
     */
    private static Optional<Long> smallestUpwards(Path mount, String cgroupPath, String fileName) {
        Path dir = mount;
        String relative = cgroupPath.startsWith("/") ? cgroupPath.substring(1) : cgroupPath;
        if (!relative.isEmpty()) {
            dir = mount.resolve(relative).normalize();
        }
        if (!dir.startsWith(mount)) {
            dir = mount;
        }
        Long smallest = null;
        for (Path d = dir; d != null && d.startsWith(mount); d = d.getParent()) {
            Optional<Long> limit = limitIn(d.resolve(fileName));
            if (limit.isPresent() && (smallest == null || limit.get() < smallest)) {
                smallest = limit.get();
            }
        }
        return Optional.ofNullable(smallest);
    }

    /** A limit file's value; empty when absent, unreadable, "max" or the v1 "unlimited" number. */
    private static Optional<Long> limitIn(Path file) {
        List<String> text = lines(file);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        String value = text.get(0).trim();
        try {
            long bytes = Long.parseLong(value);
            return bytes > 0 && bytes < UNLIMITED ? Optional.of(bytes) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty(); // "max" (v2: no limit)
        }
    }

    private static Optional<Long> memTotal(Path meminfo) {
        for (String line : lines(meminfo)) {
            if (line.startsWith("MemTotal:")) {
                String digits = line.replaceAll("\\D+", "");
                if (!digits.isEmpty()) {
                    return Optional.of(Long.parseLong(digits) * 1024); // the figure is in kB
                }
            }
        }
        return Optional.empty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readAllLines(file) : List.of();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
