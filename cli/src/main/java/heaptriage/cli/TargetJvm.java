package heaptriage.cli;

import heaptriage.analysis.Bytes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A running process that {@code capture} is asked to dump, checked before anything is sent to it: jcmd's attach
 * signal would kill a process that is not a JVM, and a JVM of another user or in a container cannot be dumped
 * from here. Each refusal is a {@link CaptureException} with one line saying what to do.
 */
final class TargetJvm {
    private static final Duration QUICK = Duration.ofSeconds(30);
    private static final Pattern USED = Pattern.compile("(?:used\\s+(\\d+)([KMG]))|(?:(\\d+)([KMG])\\s+used)");

    private final long pid;
    private final Jcmd jcmd;

    private TargetJvm(long pid, Jcmd jcmd) {
        this.pid = pid;
        this.jcmd = jcmd;
    }

    /** The JVM with this pid, once it is known to exist, to be ours, outside a container, and a JVM. */
    static TargetJvm check(long pid, Jcmd jcmd) throws CaptureException, IOException {
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new CaptureException(CaptureException.Reason.NO_SUCH_PROCESS,
                "no process " + pid + " on this machine; 'heaptriage capture --list' shows the JVMs you can dump"));
        checkOwner(pid, process.info().user(), System.getProperty("user.name"));
        Optional<Long> pidInside = pidInsideContainer(readStatus(pid));
        if (pidInside.isPresent() || otherMountNamespace(pid)) {
            String inside = pidInside.map(String::valueOf).orElse("its pid");
            throw new CaptureException(CaptureException.Reason.CONTAINER, "process " + pid + " runs in a container (its own "
                    + "namespaces), where its dump would be written out of our sight: dump it inside, e.g. docker exec "
                    + "<container> jcmd " + inside + " GC.heap_dump -gz=1 /tmp/heap.hprof.gz, copy the file out"
                    + " (docker cp) and run ./heaptriage analyze on it");
        }
        TargetJvm target = new TargetJvm(pid, jcmd);
        if (!target.isListedJvm() && !loadsLibJvm(pid)) {
            String command = process.info().command().orElse("unknown command");
            throw new CaptureException(CaptureException.Reason.NOT_A_JVM, "process " + pid + " (" + command + ") is not a"
                    + " Java VM; 'heaptriage capture --list' shows the JVMs you can dump");
        }
        return target;
    }

    /** Refuses a process of another user: its JVM would write the dump with its own rights, which our folders may refuse. */
    static void checkOwner(long pid, Optional<String> owner, String me) throws CaptureException {
        if (owner.isPresent() && !owner.get().equals(me)) {
            throw new CaptureException(CaptureException.Reason.OTHER_USER, "process " + pid + " belongs to user " + owner.get()
                    + ", not " + me + "; jcmd must run as the JVM's user (the JVM writes its dump with that user's rights):"
                    + " run as that user, e.g. sudo -u "
                    + owner.get() + " ./heaptriage capture " + pid);
        }
    }

    /**
     * The process's pid inside its own PID namespace, when it is in a nested one: the last of several numbers on the
     * {@code NSpid:} line of {@code /proc/PID/status}. Empty when it shares ours, or on a system without it.
     */
    static Optional<Long> pidInsideContainer(String status) {
        for (String line : status.split("\\R")) {
            if (line.startsWith("NSpid:")) {
                String[] ids = line.substring("NSpid:".length()).trim().split("\\s+");
                return ids.length > 1 ? Optional.of(Long.parseLong(ids[ids.length - 1])) : Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static String readStatus(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "status"));
        } catch (IOException | RuntimeException e) {
            return ""; // not Linux, or gone: the other checks still apply
        }
    }

    /** Whether its mount namespace differs from ours (a container without its own PID namespace); false if unknown. */
    private static boolean otherMountNamespace(long pid) {
        try {
            Path theirs = Path.of("/proc", Long.toString(pid), "ns", "mnt");
            Path ours = Path.of("/proc", "self", "ns", "mnt");
            return !Files.readSymbolicLink(theirs).equals(Files.readSymbolicLink(ours));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Whether jcmd lists it among this user's JVMs. */
    private boolean isListedJvm() throws IOException {
        return LocalJvm.list(jcmd).stream().anyMatch(j -> j.pid() == pid);
    }

    /** A JVM started without perf data is not listed, but it has HotSpot loaded. */
    private static boolean loadsLibJvm(long pid) {
        try (var lines = Files.lines(Path.of("/proc", Long.toString(pid), "maps"))) {
            return lines.anyMatch(l -> l.endsWith("/libjvm.so"));
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    long pid() {
        return pid;
    }

    /** The JVM's used heap by {@code jcmd PID GC.heap_info}: an upper bound of its live dump's size, before gzip. */
    long usedHeapBytes() throws IOException, CaptureException {
        Jcmd.Result r = jcmd.run(QUICK, Long.toString(pid), "GC.heap_info");
        if (r.exitCode() != 0) {
            throw new CaptureException(CaptureException.Reason.JCMD_FAILED, "cannot attach to JVM " + pid + ": " + r.lastLine());
        }
        return usedHeap(r.output()).orElseThrow(() -> new CaptureException(CaptureException.Reason.JCMD_FAILED,
                "cannot read the used heap of JVM " + pid + " from jcmd GC.heap_info: " + r.lastLine()));
    }

    /**
     * The used heap in {@code GC.heap_info}'s text, for every collector: G1's "used 23456K", Parallel's and Serial's
     * generations (summed), ZGC's "used 8M", Shenandoah's "31M used". Metaspace is not heap.
     */
    static Optional<Long> usedHeap(String heapInfo) {
        long used = 0;
        boolean found = false;
        for (String line : heapInfo.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("Metaspace") || t.startsWith("class space")) {
                continue;
            }
            Matcher m = USED.matcher(t);
            if (m.find()) {
                String number = m.group(1) != null ? m.group(1) : m.group(3);
                String unit = m.group(2) != null ? m.group(2) : m.group(4);
                used += Long.parseLong(number) * switch (unit) {
                    case "K" -> 1024L;
                    case "M" -> 1024L * 1024;
                    default -> 1024L * 1024 * 1024;
                };
                found = true;
            }
        }
        return found ? Optional.of(used) : Optional.empty();
    }

    /** Refuses when the folder's disk has less free space than the used heap (a gzip dump is smaller; plan for the worst). */
    static void checkDisk(Path folder, long usedHeap) throws IOException, CaptureException {
        long free = Files.getFileStore(folder).getUsableSpace();
        if (free < usedHeap) {
            throw new CaptureException(CaptureException.Reason.NOT_ENOUGH_DISK, String.format(Locale.ROOT,
                    "not enough disk for the dump in %s: the JVM's used heap is %s, the disk has %s free; give"
                            + " --keep-dump FILE on a bigger disk", folder, Bytes.human(usedHeap), Bytes.human(free)));
        }
    }

    /** Writes a live, gzip-compressed dump to {@code file} (an absolute path that does not exist). */
    void dumpTo(Path file, Duration timeout) throws IOException, CaptureException {
        Jcmd.Result r = jcmd.run(timeout, Long.toString(pid), "GC.heap_dump", "-gz=1", file.toString());
        if (!r.output().contains("Heap dump file created") && r.output().contains("gz")) {
            // JDK 8 to 14 have no -gz: an uncompressed dump, then.
            r = jcmd.run(timeout, Long.toString(pid), "GC.heap_dump", file.toString());
        }
        if (r.exitCode() != 0 || !r.output().contains("Heap dump file created")) {
            throw new CaptureException(CaptureException.Reason.JCMD_FAILED, "jcmd " + pid + " GC.heap_dump failed: " + r.lastLine());
        }
    }

    /** A JVM that jcmd can see: this user's, on this machine. */
    record LocalJvm(long pid, String description) {
        /** All of them except jcmd and this command. */
        static List<LocalJvm> list(Jcmd jcmd) throws IOException {
            Jcmd.Result r = jcmd.run(QUICK, "-l");
            return r.output().lines().map(String::strip).filter(l -> l.matches("\\d+(\\s.*)?"))
                    .map(l -> {
                        String[] parts = l.split("\\s+", 2);
                        return new LocalJvm(Long.parseLong(parts[0]), parts.length > 1 ? parts[1] : "");
                    })
                    .filter(j -> !j.description().startsWith("jdk.jcmd/sun.tools.jcmd.JCmd"))
                    .filter(j -> j.pid() != ProcessHandle.current().pid())
                    .toList();
        }
    }
}
