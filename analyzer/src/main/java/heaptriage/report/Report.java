package heaptriage.report;

import com.fasterxml.jackson.annotation.JsonInclude;

import heaptriage.analysis.TopDominatorsByClass;
import heaptriage.analysis.HolderKind;
import heaptriage.analysis.LargestHolders;
import heaptriage.analysis.LeakSuspects;
import heaptriage.analysis.Reference;
import heaptriage.analysis.ReferenceKind;
import heaptriage.analysis.RetentionTree;
import heaptriage.analysis.Threads;
import heaptriage.analysis.connections.Confidence;
import heaptriage.analysis.connections.ConnectionFinding;
import heaptriage.analysis.connections.ThreadHold;
import heaptriage.hprof.RootKind;

import java.util.List;
import java.util.Map;

/**
 * Everything a triage report says, as data: renderers only format it. Field names are the JSON keys
 * ({@code schemaVersion}, {@code dump}, {@code heap}, {@code histogram}, ...), a contract CI jobs read. Where the JSON
 * has always carried a sentence (the verdict, a finding's summary and explanation, a holder's description, a path
 * step's {@code via}), the sentence is made here in the report layer when the report is built, and typed fields beside
 * it say the same for code ({@code verdictKind}, {@code holder.kind}, {@code confidenceLevel}, {@code reference}).
 */
public record Report(
        int schemaVersion,
        int schemaMinorVersion,
        String tool,
        String verdict,
        VerdictKind verdictKind,
        DumpInfo dump,
        HeapInfo heap,
        List<HistogramRow> histogram,
        List<TopDominatorsByClass.Row> dominatorRetention,
        List<HolderRow> holders,
        List<Suspect> suspects,
        List<Connection> connections,
        List<LargestObject> largestObjects,
        List<Threads.ThreadInfo> threads,
        List<String> warnings,
        List<Warning> warningDetails,
        RetentionTree.Headline headline,
        List<RetentionTree.Node> retentionTree) {

    /** The schema's major version: a report with another one is not read. */
    public static final int SCHEMA_VERSION = 1;
    /**
     * The schema's minor version: keys added within the major version (1: typed fields beside the sentences; 2: a
     * connection's threadHold; 3: dump.indexReused; 4: warningDetails, the warnings typed).
     */
    public static final int SCHEMA_MINOR_VERSION = 4;

    /** What the verdict line reports. */
    public enum VerdictKind {
        /** Connections kept open by the application. */
        CONNECTION_LEAK,
        /** Closed connections kept: a memory leak of dead connections. */
        CLOSED_CONNECTIONS_RETAINED,
        /** No connection leak; a suspect whose chain ends at application code (named by the headline holder). */
        LEAK_SUSPECT,
        /** No connection leak nor application suspect: the application field that holds the most. */
        TOP_HOLDER,
        /**
         * Neither, and no application field holds a share of the heap worth a node of the retention tree; MAT's
         * suspects, if any, are the JDK's or libraries' own objects (the verdict says so, and names none of them).
         */
        NO_SUSPECT
    }

    /**
     * One step of a path from a GC root. {@code via} is how MAT prints the reference ({@code openExports (static)},
     * {@code [12]}, {@code <Java Local>}, or the root kinds on the first step); {@code reference}, {@code field},
     * {@code index} and {@code rootKinds} say it for code (null in reports of schema 1.0).
     */
    public record Step(String className, long address, String via, long retainedBytes, ReferenceKind reference,
                       String field, Integer index, List<RootKind> rootKinds) {
    }

    /**
     * One of the biggest holders: {@code name} says who holds ({@code com.acme.Foo.cache (static)}, {@code thread main},
     * {@code JNI Global com.acme.Native}), {@code heldClassName} what it holds.
     */
    public record HolderRow(LargestHolders.Kind kind, String name, String heldClassName, long heldAddress,
                            long retainedBytes, double percentOfHeap) {
    }

    /** One of MAT's leak suspects. Addresses are of the object (single) or class object (group). */
    public record Suspect(LeakSuspects.Kind kind, String className, long address, long objects, long retainedBytes,
                          double percentOfHeap, String accumulationClass, long accumulationAddress,
                          long accumulationRetainedBytes, List<Step> pathFromGcRoot, boolean application,
                          Reference applicationField) {
    }

    /**
     * One kind of connection held by one holder, with the verdict ({@code leak} or {@code ok}), the leak type
     * ({@code open-connections-held}...), the confidence as a phrase and typed ({@code confidenceLevel},
     * {@code confidenceReasons}), the sentences that explain it, and (since 1.2) for connections held on threads the
     * evidence per thread ({@code threadHold}, else null).
     */
    public record Connection(String category, String kind, String displayName, String className, long count, long open,
                             long closed, long unknown, long retainedBytes, long retainedBytesPerConnection,
                             double percentOfHeap, String verdict, String leakType, String confidence,
                             ConnectionHolder holder, ConnectionFinding.Pool pool, Map<String, String> facts,
                             List<String> layers, boolean partial, String summary, String explanation,
                             Confidence.Level confidenceLevel, List<Confidence.Reason> confidenceReasons,
                             ConnectionFinding.KeptAlive keptAlive, ThreadHold threadHold) {
        public static final String LEAK = "leak";
        public static final String OK = "ok";

        @com.fasterxml.jackson.annotation.JsonIgnore // derived from verdict; not a key of its own
        public boolean isLeak() {
            return LEAK.equals(verdict);
        }
    }

    /**
     * Who keeps a group of connections. {@code type} is the role ({@code application}, {@code thread}, {@code pool},
     * {@code unknown}), {@code kind} the typed holder; {@code field} is the field's name (for a stack, the first
     * thread's name), {@code description} the phrase the report prints; {@code threads} the threads of a group held
     * on stacks.
     */
    public record ConnectionHolder(String type, String className, String field, boolean isStatic, String container,
                                   String rootKind, String description, List<Step> path, HolderKind kind,
                                   List<String> threads) {
    }

    /**
     * Facts about the dump file. {@code heapDumps} is null (and left out of the JSON) when the file holds one heap
     * dump, as nearly all do. {@code indexReused}: the dump was not parsed, a kept index of it was read instead.
     */
    public record DumpInfo(String file, long fileBytes, int idSize, boolean compressed, boolean truncated,
                           String hprofVersion, boolean compressedReferences, int objectAlignment,
                           @JsonInclude(JsonInclude.Include.NON_NULL) HeapDumps heapDumps, boolean indexReused) {
        public DumpInfo(String file, long fileBytes, int idSize, boolean compressed, boolean truncated,
                        String hprofVersion, boolean compressedReferences, int objectAlignment) {
            this(file, fileBytes, idSize, compressed, truncated, hprofVersion, compressedReferences, objectAlignment, null,
                    false);
        }
    }

    /** The heap dumps of a file that holds several (old hprof agent files), and which one the report is of. */
    public record HeapDumps(int analysed, List<HeapDump> inFile) {
    }

    /** One heap dump of the file: its 1-based number, where it starts, when it was written, whether it is whole. */
    public record HeapDump(int number, long offset, long timeMillis, boolean complete) {
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
