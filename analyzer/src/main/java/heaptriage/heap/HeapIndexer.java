package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HprofException;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HprofReader;
import heaptriage.hprof.ReadSummary;

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
    private final DumpFile dump;
    private final IndexListener listener;

    private HeapIndexer(DumpFile dump, IndexListener listener) {
        this.dump = dump;
        this.listener = listener;
    }

    /** Reads and indexes the dump. */
    public static HeapSnapshot index(DumpFile dump, IndexListener listener) throws HprofException {
        return new HeapIndexer(dump, listener).run();
    }

    private HeapSnapshot run() throws HprofException {
        listener.phase("pass 1: scan records");
        HprofHeader header;
        RecordScan scan;
        ReadSummary summary;
        try (HprofInput in = dump.openStream()) {
            header = dump.readHeader(in);
            // about one object per 40 bytes of dump is typical; a good guess saves copying while lists grow
            long guess = dump.isCompressed() ? dump.fileBytes() / 10 : dump.fileBytes() / 48;
            scan = new RecordScan(header.idSize(), guess, listener);
            summary = new HprofReader(in, header, scan).read(Long.MAX_VALUE);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
        }
        if (scan.classDumps.isEmpty() || scan.objectCount() <= 1) {
            String why = summary.truncated()
                    ? "it is cut at byte " + summary.truncation().cutAt() + ", before any complete heap object"
                    : "it holds no heap dump records (a heap dump must contain HEAP DUMP or HEAP DUMP SEGMENT records)";
            throw new CorruptHprofException(dump.path() + " cannot be analysed: " + why, summary.bytesRead());
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
        int[] perm = null;
        long[] sorted = fileOrderAddresses;
        if (!isStrictlyIncreasing(fileOrderAddresses)) {
            sorted = fileOrderAddresses.clone();
            Arrays.parallelSort(sorted);
        }
        checkNoDuplicates(sorted);
        AddressIndex addressIndex = new AddressIndex(sorted);
        if (sorted != fileOrderAddresses) {
            perm = new int[n];
            for (int i = 0; i < n; i++) {
                perm[i] = addressIndex.indexOf(fileOrderAddresses[i]);
            }
            fileOrderAddresses = null;
            recordOffsets = permute(recordOffsets, perm);
            keys = permute(keys, perm);
            lengths = permute(lengths, perm);
        }

        int[] classSlotOf = classTable.slotsOf(keys, lengths);
        keys = null;

        listener.phase("roots");
        RootTable roots = RootTable.build(scan, addressIndex, classTable);

        int[] edgeStart = new int[n + 1];
        long total = reserveEdges(classSlotOf, lengths, classTable, roots, edgeStart);
        if (total > Integer.MAX_VALUE - 16) {
            throw new CorruptHprofException(dump.path() + " has over 2^31 references, more than this version indexes", -1);
        }
        HugeSizes huge = new HugeSizes();
        int[] shallow = shallowSizes(classSlotOf, lengths, classTable, sizes, huge); // reuses the lengths array
        lengths = null;

        listener.phase("pass 2: references");
        int[] edges = new int[(int) total];
        int[] edgeCount = new int[n];
        EdgeScan edgeScan = new EdgeScan(perm, addressIndex, classSlotOf, classTable.classes(),
                classTable.javaLangClassObject(), edgeStart, edgeCount, edges, roots.localsByThread(), listener);
        try (HprofInput in = dump.openStream()) {
            dump.readHeader(in);
            new HprofReader(in, header, edgeScan).read(summary.truncated() ? summary.truncation().validEnd() : Long.MAX_VALUE);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read again: " + e.getMessage(), e);
        }
        perm = null;
        // the boot loader's pseudo object has no record: give it its class edge here
        int loaderClassObject = classTable.classes()[classSlotOf[0]].objectIndex;
        if (loaderClassObject >= 0) {
            edges[edgeStart[0] + edgeCount[0]++] = loaderClassObject;
        }
        edges = compact(edges, edgeStart, edgeCount);

        return new HeapSnapshot(dump, header, summary, sizes, classTable, sorted, addressIndex,
                recordOffsets, classSlotOf, shallow, huge, edgeStart, edges, roots, edgeScan.danglingReferences,
                StackTraces.build(scan, classTable));
    }

    private static SizeModel sizeModel(RecordScan scan, int idSize) {
        int align = (int) Math.max(8, Math.min(256, scan.gcdOfGaps));
        int refSize = idSize == 8 && scan.compressedReferences ? 4 : idSize;
        return new SizeModel(idSize, refSize, align);
    }

    private static boolean isStrictlyIncreasing(long[] a) {
        for (int i = 1; i < a.length; i++) {
            if (a[i] <= a[i - 1]) {
                return false;
            }
        }
        return true;
    }

    private static void checkNoDuplicates(long[] sorted) throws CorruptHprofException {
        for (int i = 1; i < sorted.length; i++) {
            if (sorted[i] == sorted[i - 1]) {
                throw new CorruptHprofException("two objects have the same address 0x" + Long.toHexString(sorted[i])
                        + "; the dump is damaged", -1);
            }
        }
    }

    private static long[] permute(long[] a, int[] perm) {
        long[] out = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            out[perm[i]] = a[i];
        }
        return out;
    }

    private static int[] permute(int[] a, int[] perm) {
        int[] out = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            out[perm[i]] = a[i];
        }
        return out;
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

    /** Reserves room for each object's references: an upper bound, as null fields are only seen in pass 2. */
    private static long reserveEdges(int[] classSlotOf, int[] lengths, ClassTable table, RootTable roots, int[] edgeStart) {
        HeapClass[] classes = table.classes();
        Map<Integer, int[]> locals = roots.localsByThread();
        java.util.BitSet threads = new java.util.BitSet();
        locals.keySet().forEach(threads::set);
        long total = 0;
        for (int i = 0; i < classSlotOf.length; i++) {
            edgeStart[i] = (int) Math.min(total, Integer.MAX_VALUE);
            HeapClass c = classes[classSlotOf[i]];
            long count = 1; // the class edge
            int described = c.slot() == table.javaLangClassSlot() ? table.describedSlot(i) : -1;
            if (described >= 0) {
                count += 2 + classes[described].staticReferenceCount();
            } else if (c.isObjectArray()) {
                count += lengths[i];
            } else if (!c.isPrimitiveArray() && c.refFieldOffsets != null) {
                count += c.refFieldOffsets.length;
            }
            if (threads.get(i)) {
                count += locals.get(i).length;
            }
            total += count;
        }
        edgeStart[classSlotOf.length] = (int) Math.min(total, Integer.MAX_VALUE);
        return total;
    }

    /** Closes the gaps left by null references, in place, turning reserved starts into CSR offsets. */
    private static int[] compact(int[] edges, int[] edgeStart, int[] edgeCount) {
        int w = 0;
        int n = edgeCount.length;
        for (int i = 0; i < n; i++) {
            int s = edgeStart[i];
            int c = edgeCount[i];
            if (s != w) {
                System.arraycopy(edges, s, edges, w, c);
            }
            edgeStart[i] = w;
            w += c;
        }
        edgeStart[n] = w;
        return w < edges.length - (edges.length >> 3) ? Arrays.copyOf(edges, w) : edges;
    }
}
