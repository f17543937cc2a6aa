package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HprofException;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HeapDumpEntry;
import heaptriage.hprof.HprofReader;
import heaptriage.hprof.NoSuchHeapDumpException;
import heaptriage.hprof.ReadSummary;
import heaptriage.hprof.Truncation;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds a {@link HeapSnapshot} from a dump in two passes, as MAT does: pass 1 learns every object's address,
 * class and record offset; the addresses are sorted into dense indexes; pass 2 reads the bodies and records the
 * references as indexes. Everything per object lives in primitive arrays.
 */
public final class HeapIndexer {
    /** The heap dump to analyse when a file holds several: the last one, as the newest. */
    public static final int LAST_HEAP_DUMP = 0;

    private final DumpFile dump;
    private final int heapDump;
    private final IndexListener listener;

    private HeapIndexer(DumpFile dump, int heapDump, IndexListener listener) {
        this.dump = dump;
        this.heapDump = heapDump;
        this.listener = listener;
    }

    /** Reads and indexes the dump (the last heap dump of the file, when it holds several). */
    public static HeapSnapshot index(DumpFile dump, IndexListener listener) throws HprofException {
        return index(dump, LAST_HEAP_DUMP, listener);
    }

    /**
     * Reads and indexes one heap dump of the file: {@code heapDump} is its 1-based number, or {@link #LAST_HEAP_DUMP}.
     * Damage is reported with the file's name.
     */
    public static HeapSnapshot index(DumpFile dump, int heapDump, IndexListener listener) throws HprofException {
        try {
            return new HeapIndexer(dump, heapDump, listener).run();
        } catch (CorruptHprofException e) {
            throw e.inFile(dump.path());
        }
    }

    private HeapSnapshot run() throws HprofException {
        listener.phase("pass 1: scan records");
        HprofHeader header = readHeader();
        ScanResult first = scan(header, heapDump == LAST_HEAP_DUMP ? 1 : heapDump);
        int dumps = first.summary.heapDumps().size();
        if (heapDump == LAST_HEAP_DUMP && dumps > 1) {
            // rare (old hprof agent files): the first pass counted the heap dumps, a second one reads the last
            listener.phase("pass 1: scan records of heap dump " + dumps);
            first = scan(header, dumps);
        } else if (heapDump > dumps && dumps > 0) {
            throw new NoSuchHeapDumpException(dump.path() + (dumps == 1
                    ? " holds one heap dump, so there is no heap dump " + heapDump + ": it is heap dump 1"
                    : " holds " + dumps + " heap dumps, so there is no heap dump " + heapDump + ": choose one from 1 to "
                    + dumps));
        }
        RecordScan scan = first.scan;
        ReadSummary summary = first.summary;
        if (scan.classDumps.isEmpty() || scan.objectCount() <= 1) {
            throw nothingToAnalyse(summary);
        }

        listener.phase("classes and sizes");
        ClassTable classTable = ClassTable.build(scan, header.idSize());
        SizeModel sizes = sizeModel(scan, header.idSize());
        classTable.applySizes(sizes);

        listener.phase("sort addresses");
        int n = scan.objectCount();
        long[] fileOrderAddresses = scan.addresses.toArray();
        long[] recordOffsets = scan.offsets.toArray();
        int[] keys = scan.classKeys.toArray();
        int[] lengths = scan.lengths.toArray();
        int[] edgeCounts = scan.edgeCounts.toArray();
        long[] sorted = fileOrderAddresses; // sorted in place
        int[] perm = AddressOrder.sort(sorted, scan.gcdOfGaps);
        checkNoDuplicates(sorted);
        AddressIndex addressIndex = new AddressIndex(sorted);
        if (perm != null) {
            // one array at a time, so only one extra copy exists at any moment
            recordOffsets = AddressOrder.permuted(recordOffsets, perm);
            keys = AddressOrder.permuted(keys, perm);
            lengths = AddressOrder.permuted(lengths, perm);
            edgeCounts = AddressOrder.permuted(edgeCounts, perm);
        }

        int[] classSlotOf = classTable.slotsOf(keys, lengths); // in place of the keys

        listener.phase("roots");
        RootTable roots = RootTable.build(scan, addressIndex, classTable);

        int[] edgeStart = edgeStarts(edgeCounts, roots);
        edgeCounts = null;
        HugeSizes huge = new HugeSizes();
        int[] shallow = shallowSizes(classSlotOf, lengths, classTable, sizes, huge); // reuses the lengths array
        lengths = null;

        listener.phase("pass 2: references");
        int[] edges = new int[edgeStart[n]];
        EdgeScan edgeScan = new EdgeScan(perm, addressIndex, classSlotOf, classTable.classes(),
                classTable.javaLangClassObject(), edgeStart, edges, roots.localsByThread(), listener);
        try (HprofInput in = dump.openStream()) {
            dump.readHeader(in);
            new HprofReader(in, header, edgeScan).selectDump(summary.selectedDump()).read(validEnd(summary));
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read again: " + e.getMessage(), e);
        }
        perm = null;
        // the boot loader's pseudo object has no record: its one reserved slot is its class edge
        edges[edgeStart[0]] = classTable.classes()[classSlotOf[0]].objectIndex;
        edges = removeUnused(edges, edgeStart);
        // Indexing leaves about as much garbage as the index itself (pass-1 lists, pre-sort copies). Collected now,
        // while little is live, it stops the collector from growing the heap to its maximum during the graph work.
        System.gc();

        return new HeapSnapshot(dump, header, summary, sizes, classTable, sorted, addressIndex,
                recordOffsets, classSlotOf, shallow, huge, edgeStart, edges, roots, edgeScan.danglingReferences,
                StackTraces.build(scan, classTable));
    }

    private HprofHeader readHeader() throws HprofException {
        try (HprofInput in = dump.openStream()) {
            return dump.readHeader(in);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
        }
    }

    private record ScanResult(RecordScan scan, ReadSummary summary) {
    }

    private ScanResult scan(HprofHeader header, int heapDumpNumber) throws HprofException {
        try (HprofInput in = dump.openStream()) {
            dump.readHeader(in);
            RecordScan scan = new RecordScan(header.idSize(), listener);
            ReadSummary summary = new HprofReader(in, header, scan).selectDump(heapDumpNumber).read(Long.MAX_VALUE);
            return new ScanResult(scan, summary);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
        }
    }

    /** Where pass 2 stops: at the cut of a truncated dump, or at the end of the heap dump read. */
    private static long validEnd(ReadSummary summary) {
        long end = summary.truncated() ? summary.truncation().validEnd() : Long.MAX_VALUE;
        HeapDumpEntry selected = summary.selected();
        return selected != null && selected.complete() ? Math.min(end, selected.end()) : end;
    }

    /** Says why a dump without a complete heap object cannot be analysed: cut, damaged, or no heap dump at all. */
    private CorruptHprofException nothingToAnalyse(ReadSummary summary) {
        String why;
        long at = summary.bytesRead();
        if (summary.truncated()) {
            Truncation t = summary.truncation();
            at = t.cutAt();
            why = t.cutAt() > t.validEnd()
                    ? "the file ends at byte " + t.cutAt() + " inside the " + t.cutRecord() + ", before any complete"
                    + " heap object: it was cut while being written or copied; take or copy the dump again"
                    : "the data ends at byte " + t.validEnd() + ", before any complete heap object: it was cut while"
                    + " being written or copied; take or copy the dump again";
            if (t.damage() != null) {
                why += " (" + t.damage() + ")";
            }
        } else if (summary.damageAfterDump() != null) {
            why = "its heap dump holds no object, and after it: " + summary.damageAfterDump();
        } else {
            why = "it holds no heap dump records (a heap dump must contain HEAP DUMP or HEAP DUMP SEGMENT records)";
        }
        return new CorruptHprofException("nothing to analyse: " + why, -1);
    }

    private static SizeModel sizeModel(RecordScan scan, int idSize) {
        int align = (int) Math.max(8, Math.min(256, scan.gcdOfGaps));
        int refSize = idSize == 8 && scan.compressedReferences ? 4 : idSize;
        return new SizeModel(idSize, refSize, align);
    }

    private static void checkNoDuplicates(long[] sorted) throws CorruptHprofException {
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new CorruptHprofException("two objects have the same address 0x" + Long.toHexString(sorted[i])
                        + "; the dump is damaged", -1);
            }
        }
    }

    /** Shallow size per object in MAT's model, written over the lengths array, which it no longer needs. */
    private static int[] shallowSizes(int[] classSlotOf, int[] lengths, ClassTable table, SizeModel sizes, HugeSizes huge) {
        HeapClass[] classes = table.classes();
        int javaLangClass = table.javaLangClassSlot();
        for (int i = 0; i < lengths.length; i++) {
            HeapClass c = classes[classSlotOf[i]];
            long size;
            int described = c.slot() == javaLangClass ? table.describedSlot(i) : -1;
            if (described >= 0) {
                size = classes[described].classObjectSize;
            } else if (c.isObjectArray()) {
                size = sizes.objectArraySize(lengths[i]);
            } else if (c.isPrimitiveArray()) {
                size = sizes.primitiveArraySize(c.primitiveElement(), lengths[i]);
            } else {
                size = c.instanceSize;
            }
            lengths[i] = huge.store(i, size);
        }
        return lengths;
    }

    /** Turns pass 1's reference counts (plus each thread's locals) into CSR starts. */
    private static int[] edgeStarts(int[] counts, RootTable roots) throws CorruptHprofException {
        roots.localsByThread().forEach((thread, locals) -> counts[thread] += locals.length);
        int[] starts = new int[counts.length + 1];
        long total = 0;
        for (int i = 0; i < counts.length; i++) {
            starts[i] = (int) total;
            total += counts[i];
            if (total > Integer.MAX_VALUE - 16) {
                throw new CorruptHprofException("the dump has over 2^31 references, more than this version indexes", -1);
            }
        }
        starts[counts.length] = (int) total;
        return starts;
    }

    /** Removes the -1 entries (references to missing objects, unused reserved slots), in place. */
    private static int[] removeUnused(int[] edges, int[] starts) {
        int w = 0;
        int n = starts.length - 1;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int end = starts[i + 1];
            starts[i] = w;
            for (int e = from; e < end; e++) {
                if (edges[e] >= 0) {
                    edges[w++] = edges[e];
                }
            }
            from = end;
        }
        starts[n] = w;
        // trimming costs a second copy at the peak: only worth it when much is wasted
        return w < edges.length - (edges.length >> 3) ? Arrays.copyOf(edges, w) : edges;
    }
}
