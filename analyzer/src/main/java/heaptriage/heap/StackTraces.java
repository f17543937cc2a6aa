package heaptriage.heap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The stack trace of each thread, by thread serial number, with frames resolved to names. */
final class StackTraces {
    private StackTraces() {
    }

    static Map<Integer, List<StackFrameInfo>> build(RecordScan scan, ClassTable classes) {
        Map<Integer, List<StackFrameInfo>> byThread = new HashMap<>();
        scan.traceFrames.forEach((serial, frameIds) -> {
            int thread = scan.traceThread.get(serial);
            if (thread == 0 && frameIds.length == 0) {
                return;
            }
            List<StackFrameInfo> frames = new ArrayList<>(frameIds.length);
            for (long id : frameIds) {
                long[] f = scan.frames.get(id);
                if (f == null) {
                    continue;
                }
                Long classId = scan.classIdBySerial.get((int) f[3]);
                int slot = classId == null ? -1 : classes.slotOfAddress(classId);
                String className = slot >= 0 ? classes.classes()[slot].name() : "unknown";
                frames.add(new StackFrameInfo(className, scan.strings.getOrDefault(f[0], "?"),
                        scan.strings.getOrDefault(f[1], ""), scan.strings.get(f[2]), (int) f[4]));
            }
            byThread.put(thread, List.copyOf(frames));
        });
        return byThread;
    }
}
