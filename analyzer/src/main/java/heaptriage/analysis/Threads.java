package heaptriage.analysis;

import heaptriage.graph.RetainedHeap;
import heaptriage.heap.GcRoot;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.StackFrameInfo;
import heaptriage.hprof.RootKind;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Every thread with its name, retained size and stack, each frame with the objects its locals hold. */
public final class Threads {
    /** A local variable's object on a frame. */
    public record Local(String className, long address, long retainedBytes) {
    }

    /** One frame of the stack. */
    public record Frame(String text, List<Local> locals) {
    }

    /** One thread. */
    public record ThreadInfo(String name, long address, String className, long retainedBytes, List<Frame> frames) {
    }

    private Threads() {
    }

    /** Threads by retained size, largest first. */
    public static List<ThreadInfo> of(RetainedHeap r) throws IOException {
        HeapSnapshot s = r.snapshot();
        List<ThreadInfo> threads = new ArrayList<>();
        for (Map.Entry<Integer, Integer> e : s.threadObjectsBySerial().entrySet()) {
            int serial = e.getKey();
            int thread = e.getValue();
            List<StackFrameInfo> trace = s.stackTrace(serial);
            List<List<Local>> locals = new ArrayList<>();
            for (int i = 0; i < trace.size(); i++) {
                locals.add(new ArrayList<>());
            }
            for (GcRoot root : s.rootRecords()) {
                if (root.threadSerial() == serial && (root.kind() == RootKind.JAVA_FRAME || root.kind() == RootKind.JNI_LOCAL)
                        && root.frameNumber() >= 0 && root.frameNumber() < trace.size()) {
                    locals.get(root.frameNumber()).add(new Local(GcRootPaths.displayName(s, root.object()),
                            s.address(root.object()), r.retained(root.object())));
                }
            }
            List<Frame> frames = new ArrayList<>();
            for (int i = 0; i < trace.size(); i++) {
                frames.add(new Frame(trace.get(i).describe(), List.copyOf(locals.get(i))));
            }
            threads.add(new ThreadInfo(nameOf(s, thread), s.address(thread), s.classOf(thread).name(), r.retained(thread),
                    List.copyOf(frames)));
        }
        threads.sort(Comparator.comparingLong(ThreadInfo::retainedBytes).reversed().thenComparing(ThreadInfo::name));
        return List.copyOf(threads);
    }

    /** The thread's name field (a String, or a char[] before JDK 9), or its address when the name cannot be read. */
    public static String nameOf(HeapSnapshot s, int thread) {
        try {
            var view = s.instance(thread);
            if (view.has("name") && view.ref("name") >= 0) {
                String name = s.textValue(view.ref("name"));
                if (name != null) {
                    return name;
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            // fall through to the address
        }
        return "0x" + Long.toHexString(s.address(thread));
    }
}
