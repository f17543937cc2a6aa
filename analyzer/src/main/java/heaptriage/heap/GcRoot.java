package heaptriage.heap;

import heaptriage.hprof.RootKind;

/** One GC root record: the object it names, its kind, and for stack roots the thread and frame. */
public record GcRoot(int object, RootKind kind, int threadSerial, int frameNumber) {
}
