package heaptriage.report;

import heaptriage.analysis.DominatorRetention;
import heaptriage.analysis.Holders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.Threads;
import heaptriage.analysis.connections.ConnectionFinding;

import java.util.List;

/**
 * Everything a triage report says, as plain data: renderers only format it. Field names are the JSON keys
 * ({@code schemaVersion}, {@code dump}, {@code heap}, {@code histogram}, ...), a contract CI jobs read.
 */
public record Report(
        int schemaVersion,
        String tool,
        String verdict,
        DumpInfo dump,
        HeapInfo heap,
        List<HistogramRow> histogram,
        List<DominatorRetention.Row> dominatorRetention,
        List<Holders.Holder> holders,
        List<LeakSuspects.Suspect> suspects,
        List<ConnectionFinding> connections,
        List<LargestObject> largestObjects,
        List<Threads.ThreadInfo> threads,
        List<String> warnings) {

    public static final int SCHEMA_VERSION = 1;

    /** Facts about the dump file. */
    public record DumpInfo(String file, long fileBytes, int idSize, boolean compressed, boolean truncated,
                           String hprofVersion, boolean compressedReferences, int objectAlignment) {
    }

    /** Facts about the heap, after unreachable objects were removed (or kept, in a truncated dump). */
    public record HeapInfo(long objects, long classes, long gcRoots, long usedHeapBytes, Amount unreachable,
                           Amount reachabilityUnknown, List<ClassAmount> unreachableByClass) {
    }

    /** A count of objects and their shallow bytes. */
    public record Amount(long objects, long shallowBytes) {
    }

    /** A count of objects of one class and their shallow bytes. */
    public record ClassAmount(String className, long objects, long shallowBytes) {
    }

    /** One histogram row; retained bytes are MAT's minimum ("&gt;=") figure. */
    public record HistogramRow(String className, long instances, long shallowBytes, long retainedBytes) {
    }

    /** One of the largest top-level dominators. */
    public record LargestObject(String className, long address, long shallowBytes, long retainedBytes,
                                double percentOfHeap) {
    }
}
