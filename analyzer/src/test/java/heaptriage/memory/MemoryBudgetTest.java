package heaptriage.memory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MemoryBudgetTest {
    private static final long GIB = 1L << 30;
    private static final String MEMINFO_16G = "MemTotal:       16777216 kB\nMemFree:         8000000 kB\n";

    @TempDir
    Path root;

    private void write(String relative, String text) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    @Test
    void physicalMemoryWhenNoCgroupLimitsIt() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "0::/user.slice\n");
        write("sys/fs/cgroup/user.slice/memory.max", "max\n");
        assertEquals(new MemoryBudget(16 * GIB, MemoryBudget.Limit.PHYSICAL), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV2MemoryMaxOfTheProcessCgroup() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "0::/kubepods/pod1/c1\n");
        write("sys/fs/cgroup/kubepods/pod1/c1/memory.max", String.valueOf(3 * GIB) + "\n");
        assertEquals(new MemoryBudget(3 * GIB, MemoryBudget.Limit.CGROUP_V2), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV2AncestorWithASmallerLimitWins() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "0::/kubepods/pod1/c1\n");
        write("sys/fs/cgroup/kubepods/pod1/c1/memory.max", "max\n");
        write("sys/fs/cgroup/kubepods/pod1/memory.max", String.valueOf(2 * GIB));
        write("sys/fs/cgroup/kubepods/memory.max", String.valueOf(8 * GIB));
        assertEquals(new MemoryBudget(2 * GIB, MemoryBudget.Limit.CGROUP_V2), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV2InsideAContainerReadsTheMountPointWhenItsPathIsNotMounted() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "0::/../../system.slice/docker-abc.scope\n");
        write("sys/fs/cgroup/memory.max", "1610612736\n");
        assertEquals(new MemoryBudget(1610612736L, MemoryBudget.Limit.CGROUP_V2), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV1LimitInBytes() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "12:pids:/\n4:memory:/process_api/abc\n1:cpu,cpuacct:/\n0::/\n");
        write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", String.valueOf(3 * GIB / 2));
        write("sys/fs/cgroup/memory/process_api/memory.limit_in_bytes", "9223372036854771712\n");
        write("sys/fs/cgroup/memory/memory.limit_in_bytes", "9223372036854771712\n");
        assertEquals(new MemoryBudget(3 * GIB / 2, MemoryBudget.Limit.CGROUP_V1), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV1UnlimitedMeansPhysicalMemory() throws IOException {
        write("proc/meminfo", MEMINFO_16G);
        write("proc/self/cgroup", "4:memory:/process_api/abc\n0::/\n");
        write("sys/fs/cgroup/memory/process_api/abc/memory.limit_in_bytes", "9223372036854771712\n");
        assertEquals(new MemoryBudget(16 * GIB, MemoryBudget.Limit.PHYSICAL), MemoryBudget.detect(root));
    }

    @Test
    void cgroupV1SharedControllerLineAndLimitAboveMachineMemory() throws IOException {
        write("proc/meminfo", "MemTotal:        4194304 kB\n");
        write("proc/self/cgroup", "3:cpuacct,memory:/job\n");
        write("sys/fs/cgroup/memory/job/memory.limit_in_bytes", String.valueOf(6 * GIB));
        assertEquals(new MemoryBudget(4 * GIB, MemoryBudget.Limit.PHYSICAL), MemoryBudget.detect(root));
    }

    @Test
    void nothingReadableFallsBackToTheJvmMaximum() {
        MemoryBudget b = MemoryBudget.detect(root);
        assertEquals(MemoryBudget.Limit.JVM, b.limitedBy());
        assertEquals(Runtime.getRuntime().maxMemory(), b.bytes());
    }

    @Test
    void thePageCacheGetsWhatTheHeapAndTheJvmsOwnMemoryLeaveAndNeverLessThanNothing() {
        long gib = 1L << 30;
        assertEquals(4 * gib - gib - MemoryBudget.NON_HEAP_RESERVE, MemoryBudget.ofOption(4 * gib).pageCacheRoom(gib));
        assertEquals(0, MemoryBudget.ofOption(gib).pageCacheRoom(gib));
    }

    @Test
    void heapShareIsSixtyPercentUpToFiveGibThenAllButTwoGibAndAtMostThreeQuarters() {
        long gib = 1L << 30;
        assertEquals(600, MemoryBudget.ofOption(1000).heapShare());
        assertEquals((long) (0.6 * 1.5 * gib), MemoryBudget.ofOption(3 * gib / 2).heapShare());
        assertEquals(3 * gib, MemoryBudget.ofOption(5 * gib).heapShare());
        assertEquals(4 * gib, MemoryBudget.ofOption(6 * gib).heapShare());
        assertEquals(6 * gib, MemoryBudget.ofOption(8 * gib).heapShare());
        assertEquals(9 * gib, MemoryBudget.ofOption(12 * gib).heapShare());
        assertEquals(18 * gib, MemoryBudget.ofOption(24 * gib).heapShare());
        assertThrows(IllegalArgumentException.class, () -> MemoryBudget.ofOption(0));
    }

    @Test
    void theBudgetForAHeapIsTheSmallestWhoseShareHoldsIt() {
        long gib = 1L << 30;
        for (long heap : new long[] {1, 600, 100L << 20, gib, 3 * gib - 1, 3 * gib, 3 * gib + 1, 5 * gib, 6 * gib,
                6 * gib + 7, 9 * gib, 40 * gib + 3}) {
            long budget = MemoryBudget.budgetForHeap(heap);
            assertTrue(MemoryBudget.ofOption(budget).heapShare() >= heap, "share of " + budget + " holds " + heap);
            assertTrue(MemoryBudget.ofOption(budget - 1).heapShare() < heap, "a byte less does not hold " + heap);
        }
        assertEquals(8 * gib, MemoryBudget.budgetForHeap(6 * gib));
        assertEquals(12 * gib, MemoryBudget.budgetForHeap(9 * gib));
    }
}
