package heaptriage.samples;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How threads hold a scenario's objects, for holders on threads: which kind of hold, how many objects each thread
 * holds, the frame of a stack local, the field that holds a ThreadLocal, and whether the threads are idle (parked in a
 * queue's take or poll) when the dump is taken.
 *
 * @param kind       {@code stack-local}, {@code thread-owned} (a field of the thread's Runnable) or {@code thread-local}
 * @param perThread  thread name to the number of objects that thread holds, in thread order
 * @param frame      for a stack local: the frame's class, method and line, e.g. {@code com.acme.Worker.run:42}; else null
 * @param threadLocal for a ThreadLocal: the class and field that hold the ThreadLocal object, e.g.
 *                   {@code com.acme.Context.OPEN}; else null
 * @param idle       whether every one of these threads is parked in a queue's take or poll
 */
public record ThreadHolding(String kind, Map<String, Integer> perThread, String frame, String threadLocal,
                            boolean idle) {

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("kind", kind);
        m.put("perThread", new LinkedHashMap<>(perThread));
        if (frame != null) {
            m.put("frame", frame);
        }
        if (threadLocal != null) {
            m.put("threadLocal", threadLocal);
        }
        m.put("idle", idle);
        return m;
    }
}
