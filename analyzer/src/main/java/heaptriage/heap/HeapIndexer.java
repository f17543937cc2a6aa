package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.DumpFile;
import heaptriage.hprof.DumpNotReadableException;
import heaptriage.hprof.HprofException;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.HeapSegments;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HeapDumpEntry;
import heaptriage.hprof.HprofReader;
import heaptriage.hprof.NoSuchHeapDumpException;
import heaptriage.hprof.ReadSummary;
import heaptriage.hprof.Truncation;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.MemorySettings;
import heaptriage.memory.Storage;
import heaptriage.memory.WorkDirException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link HeapSnapshot} from a dump in two passes, as MAT does: pass 1 learns every object's address,
 * class and record offset; the addresses are sorted into dense indexes; pass 2 reads the bodies and records the
 * references as indexes. Everything per object lives in primitive arrays, on the heap or, when the estimated need
 * does not fit the heap share of the memory budget, in memory-mapped files of a work folder.
 */
public final class HeapIndexer {
    /** The heap dump to analyse when a file holds several: the last one, as the newest. */
    public static final int LAST_HEAP_DUMP = 0;

    /** Bytes pass 1's lists take per object: address, record offset, class, length, reference count. */
    static final int LIST_BYTES_PER_OBJECT = 28;
    /** Bytes the index takes per object: address, record offset, class slot, shallow size, reference offset. */
    static final int INDEX_BYTES_PER_OBJECT = 28;
    /** Bytes the index takes per reference: its target. */
    static final int INDEX_BYTES_PER_REFERENCE = 4;
    /** Bytes per object at the peak of the graph phases: the index (28) plus the dominator computation's arrays. */
    static final int NEED_PER_OBJECT = 70;
    /** Bytes per reference at that peak: the outbound targets and the dominators' predecessor lists. */
    static final int NEED_PER_REFERENCE = 8;

    private final DumpFile dump;
    private final int heapDump;
    private final IndexListener listener;
    private final MemorySettings memory;
    private final ParseThreads threads;

    private HeapIndexer(DumpFile dump, int heapDump, IndexListener listener, MemorySettings memory,
                        ParseThreads threads) {
        this.dump = dump;
        this.heapDump = heapDump;
        this.listener = listener;
        this.memory = memory;
        this.threads = threads;
    }

    /** Reads and indexes the dump (the last heap dump of the file, when it holds several) within the detected budget. */
    public static HeapSnapshot index(DumpFile dump, IndexListener listener) throws HprofException, WorkDirException {
        return index(dump, LAST_HEAP_DUMP, listener);
    }

    /**
     * Reads and indexes one heap dump of the file: {@code heapDump} is its 1-based number, or {@link #LAST_HEAP_DUMP}.
     * Damage is reported with the file's name.
     */
    public static HeapSnapshot index(DumpFile dump, int heapDump, IndexListener listener)
            throws HprofException, WorkDirException {
        return index(dump, heapDump, listener, MemorySettings.defaults());
    }

    /** Reads and indexes the last heap dump of the file, placing its arrays as {@code memory} says. */
    public static HeapSnapshot index(DumpFile dump, IndexListener listener, MemorySettings memory)
            throws HprofException, WorkDirException {
        return index(dump, LAST_HEAP_DUMP, listener, memory);
    }

    /**
     * Reads and indexes one heap dump of the file ({@code heapDump}: its 1-based number, or {@link #LAST_HEAP_DUMP}),
     * placing its arrays as {@code memory} says. Damage is reported with the file's name.
     *
     * @throws HprofException when the dump cannot be read
     * @throws WorkDirException when arrays must go to files and the work folder cannot hold them
     */
    public static HeapSnapshot index(DumpFile dump, int heapDump, IndexListener listener, MemorySettings memory)
            throws HprofException, WorkDirException {
        return index(dump, heapDump, listener, memory, ParseThreads.defaults());
    }

    /** As {@link #index(DumpFile, int, IndexListener, MemorySettings)}, with the passes' threads as {@code threads} say. */
    static HeapSnapshot index(DumpFile dump, int heapDump, IndexListener listener, MemorySettings memory,
                              ParseThreads threads) throws HprofException, WorkDirException {
        HeapIndexer indexer = new HeapIndexer(dump, heapDump, listener, memory, threads);
        Storage lists = null;
        try {
            listener.phase("pass 1: scan records");
            HprofHeader header = indexer.readHeader();
            long hprofBytes = dump.plannedHprofBytes();
            lists = memory.storageFor(mostListBytes(hprofBytes, header.idSize()));
            return indexer.run(header, lists);
        } catch (CorruptHprofException e) {
            closeIfAny(lists);
            throw e.inFile(dump.path());
        } catch (HprofException | RuntimeException | Error e) {
            closeIfAny(lists);
            throw e;
        }
    }

    private static void closeIfAny(Storage storage) {
        if (storage != null) {
            storage.close();
        }
    }

    /**
     * The most pass 1's lists can take for a dump of this size, which decides where they go before anything is
     * counted: {@link #LIST_BYTES_PER_OBJECT} for each object, and the smallest object record is a primitive array
     * without elements (tag, id, stack trace serial, length, element type: 18 bytes with 8-byte ids, 14 with 4-byte
     * ids), so at most 1.56 (2.0) bytes per byte of HPROF. After pass 1 the counts decide where the index goes
     * ({@link #estimatedNeed}); lists on the heap then move into mapped files if need be.
     */
    static long mostListBytes(long hprofBytes, int idSize) {
        int smallestObjectRecord = 1 + idSize + 4 + 4 + 1;
        return LIST_BYTES_PER_OBJECT * (hprofBytes / smallestObjectRecord + 1);
    }

    /** The estimated heap need of the index and the graph phases, from pass 1's counts. */
    public static long estimatedNeed(long objects, long references) {
        return NEED_PER_OBJECT * objects + NEED_PER_REFERENCE * references;
    }

    private HeapSnapshot run(HprofHeader header, Storage lists) throws HprofException, WorkDirException {
        ScanResult first = scan(header, heapDump == LAST_HEAP_DUMP ? 1 : heapDump, lists);
        int dumps = first.summary.heapDumps().size();
        if (heapDump == LAST_HEAP_DUMP && dumps > 1) {
            // rare (old hprof agent files): the first pass counted the heap dumps, a second one reads the last
            listener.phase("pass 1: scan records of heap dump " + dumps);
            first = scan(header, dumps, lists);
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

        // the pass-1 lists' placement was guessed from the dump's size; the counts now tell the real need
        Storage storage = lists.isMapped() ? lists : memory.storageFor(estimatedNeed(scan.objectCount(), scan.reservedEdges));
        try {
            return build(scan, header, summary, classTable, sizes, storage);
        } catch (OutOfMemoryError e) {
            storage.close();
            throw new NotEnoughMemoryError(new IndexNeed(scan.objectCount(), scan.reservedEdges), e);
        } catch (HprofException | RuntimeException | Error e) {
            storage.close();
            throw e;
        }
    }

    private HeapSnapshot build(RecordScan scan, HprofHeader header, ReadSummary summary, ClassTable classTable,
                               SizeModel sizes, Storage storage) throws HprofException {
        listener.phase("sort addresses");
        int n = scan.objectCount();
        int helpers = helpersFor(storage, n, scan.reservedEdges);
        List<PassShares.Share> shares = dump.readsInOrderOnly()
                ? List.of(new PassShares.Share(1, 0, -1, -1, validEnd(summary))) // gzip without a copy: in order only
                : PassShares.plan(scan.fileOrderOffsets(), scan.heapRecordBodyStarts, scan.heapRecordEnds,
                validEnd(summary), threads);
        AddressOrder.Sorted order = AddressOrder.sort(scan.addressesArray(storage), scan.gcdOfGaps, storage);
        LongArray sorted = order.addresses();
        IntArray perm = order.perm();
        AddressIndex[] indexed = new AddressIndex[1];
        Workers.Task index = () -> {
            checkNoDuplicates(sorted);
            indexed[0] = new AddressIndex(sorted, storage);
        };
        ObjectColumns columns = ObjectColumns.inAddressOrder(scan, sorted, perm, storage, helpers, index);
        AddressIndex addressIndex = indexed[0];
        LongArray recordOffsets = columns.offsets();
        IntArray keys = columns.keys();
        IntArray lengths = columns.lengths();
        IntArray edgeCounts = columns.edgeCounts();
        columns = null; // each array is dropped below as soon as it is dead

        IntArray classSlotOf = classTable.slotsOf(keys, lengths); // in place of the keys

        listener.phase("roots");
        RootTable roots = RootTable.build(scan, addressIndex, classTable);

        IntArray edgeStart = edgeStarts(edgeCounts, roots, storage);
        edgeCounts.release();
        edgeCounts = null;
        HugeSizes huge = new HugeSizes();
        IntArray shallow = shallowSizes(classSlotOf, lengths, classTable, sizes, huge); // reuses the lengths array
        lengths = null;

        listener.phase("pass 2: references");
        IntArray edges = storage.ints(edgeStart.get(n));
        ShareProgress progress = new ShareProgress(listener, shares.size());
        List<EdgeScan> edgeScans = new ArrayList<>();
        List<Workers.Task> tasks = new ArrayList<>();
        for (int i = 0; i < shares.size(); i++) {
            PassShares.Share share = shares.get(i);
            IndexListener heard = shares.size() == 1 ? listener : progress.forShare(i, share.start());
            EdgeScan edgeScan = new EdgeScan(share.firstOrdinal(), perm, addressIndex, classSlotOf, classTable.classes(),
                    classTable.javaLangClassObject(), edgeStart, edges, roots.localsByThread(), heard);
            edgeScans.add(edgeScan);
            tasks.add(() -> readShare(share, header, summary.selectedDump(), edgeScan));
        }
        Workers.runAll(threads.threads(), tasks);
        long dangling = 0;
        for (EdgeScan edgeScan : edgeScans) {
            dangling += edgeScan.danglingReferences;
        }
        if (perm != null) {
            perm.release();
            perm = null;
        }
        // the boot loader's pseudo object has no record: its one reserved slot is its class edge
        edges.set(edgeStart.get(0), classTable.classes()[classSlotOf.get(0)].objectIndex);
        edges = removeUnused(edges, edgeStart, storage);

        return new HeapSnapshot(dump, header, summary, sizes, classTable, sorted, addressIndex,
                recordOffsets, classSlotOf, shallow, huge, edgeStart, edges, roots, dangling,
                StackTraces.build(scan, classTable), storage);
    }

    /**
     * Threads for the steps between the passes (turning pass 1's lists into arrays, the permutations), as
     * {@link ParseThreads#helpersFor} says; for mapped arrays one, unless the page cache has room for two threads
     * faulting in pages of different files (see {@link SideTask#worthRunningBeside}) over the index to come.
     */
    private int helpersFor(Storage storage, int objects, long references) {
        long indexBytes = (long) INDEX_BYTES_PER_OBJECT * objects + INDEX_BYTES_PER_REFERENCE * references;
        if (storage.isMapped() && !SideTask.roomForTwoWalks(storage, indexBytes)) {
            return 1;
        }
        return threads.helpersFor(objects);
    }

    /** Pass 2 over one share of the heap records: from the file's start, or from inside a heap dump record. */
    private void readShare(PassShares.Share share, HprofHeader header, int selectedDump, EdgeScan edgeScan)
            throws HprofException {
        try (HprofInput in = share.fromFileStart() ? dump.openStream() : dump.openStreamAt(share.start(), header.idSize())) {
            HprofReader reader = new HprofReader(in, header, edgeScan);
            if (share.fromFileStart()) {
                dump.readHeader(in);
                reader.selectDump(selectedDump).read(share.end());
            } else {
                reader.readShare(share.segmentBodyStart(), share.segmentEnd(), share.end());
            }
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read again: " + e.getMessage(), e);
        }
    }

    private HprofHeader readHeader() throws HprofException {
        try (HprofInput in = dump.openStream()) {
            return dump.readHeader(in);
        } catch (IOException e) {
            throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
        }
    }

    record ScanResult(RecordScan scan, ReadSummary summary) {
    }

    private ScanResult scan(HprofHeader header, int heapDumpNumber, Storage lists) throws HprofException {
        HeapSegments segments = segments(header);
        int split = FirstPassSplit.segmentToSplitAt(segments, threads);
        if (split < 0) {
            // a gzip dump is inflated once: later passes and random access read the plain copy pass 1 writes
            try (HprofInput in = dump.openStreamCopyingInto(memory.workDirParent())) {
                dump.readHeader(in);
                RecordScan scan = new RecordScan(header.idSize(), listener, lists);
                ReadSummary summary = new HprofReader(in, header, scan).selectDump(heapDumpNumber).read(Long.MAX_VALUE);
                return new ScanResult(scan, summary);
            } catch (IOException e) {
                throw new DumpNotReadableException(dump.path() + " could not be read: " + e.getMessage(), e);
            }
        }
        return new FirstPassSplit(dump, header, segments, split, listener).scan(heapDumpNumber, lists);
    }

    /** Pass 1 alone, over the first heap dump, its lists on the heap (tests compare its result thread by thread). */
    static ScanResult firstPass(DumpFile dump, ParseThreads threads) throws HprofException {
        HeapIndexer indexer = new HeapIndexer(dump, 1, IndexListener.NONE, MemorySettings.defaults(), threads);
        return indexer.scan(indexer.readHeader(), 1, Storage.onHeap());
    }

    /** The dump's heap dump segments when pass 1 may be split between threads; none when it may not or need not. */
    private HeapSegments segments(HprofHeader header) throws DumpNotReadableException {
        boolean tooSmall = threads.minShareBytes() > 0 && dump.fileBytes() / 2 < threads.minShareBytes();
        if (threads.threads() < 2 || dump.isCompressed() || tooSmall) {
            return new HeapSegments(new long[0], 0); // small dumps are not even walked
        }
        try {
            return HeapSegments.of(dump, header.length());
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

    private static void checkNoDuplicates(LongArray sorted) throws CorruptHprofException {
        for (int i = 1, n = (int) sorted.length(); i < n; i++) {
            if (sorted.get(i) == sorted.get(i - 1)) {
                throw new CorruptHprofException("two objects have the same address 0x" + Long.toHexString(sorted.get(i))
                        + "; the dump is damaged", -1);
            }
        }
    }

    /** Shallow size per object in MAT's model, written over the lengths array, which it no longer needs. */
    private static IntArray shallowSizes(IntArray classSlotOf, IntArray lengths, ClassTable table, SizeModel sizes,
                                         HugeSizes huge) {
        HeapClass[] classes = table.classes();
        int javaLangClass = table.javaLangClassSlot();
        for (int i = 0; i < lengths.length(); i++) {
            HeapClass c = classes[classSlotOf.get(i)];
            long size;
            int described = c.slot() == javaLangClass ? table.describedSlot(i) : -1;
            if (described >= 0) {
                size = classes[described].classObjectSize;
            } else if (c.isObjectArray()) {
                size = sizes.objectArraySize(lengths.get(i));
            } else if (c.isPrimitiveArray()) {
                size = sizes.primitiveArraySize(c.primitiveElement(), lengths.get(i));
            } else {
                size = c.instanceSize;
            }
            lengths.set(i, huge.store(i, size));
        }
        return lengths;
    }

    /** Turns pass 1's reference counts (plus each thread's locals) into CSR starts. */
    private static IntArray edgeStarts(IntArray counts, RootTable roots, Storage storage) throws CorruptHprofException {
        roots.localsByThread().forEach((thread, locals) -> counts.add(thread, locals.length));
        int n = (int) counts.length();
        IntArray starts = storage.ints(n + 1L);
        long total = 0;
        for (int i = 0; i < n; i++) {
            starts.set(i, (int) total);
            total += counts.get(i);
            if (total > Integer.MAX_VALUE - 16) {
                throw new CorruptHprofException("the dump has over 2^31 references, more than this version indexes", -1);
            }
        }
        starts.set(n, (int) total);
        return starts;
    }

    /** Removes the -1 entries (references to missing objects, unused reserved slots), in place. */
    private static IntArray removeUnused(IntArray edges, IntArray starts, Storage storage) {
        int w = 0;
        int n = (int) starts.length() - 1;
        int from = 0;
        for (int i = 0; i < n; i++) {
            int end = starts.get(i + 1);
            starts.set(i, w);
            for (int e = from; e < end; e++) {
                int target = edges.get(e);
                if (target >= 0) {
                    edges.set(w++, target);
                }
            }
            from = end;
        }
        starts.set(n, w);
        // trimming costs a second copy at the peak: only worth it on the heap, when much is wasted
        if (storage.isMapped() || w >= edges.length() - (edges.length() >> 3)) {
            return edges;
        }
        IntArray trimmed = storage.ints(w);
        for (int e = 0; e < w; e++) {
            trimmed.set(e, edges.get(e));
        }
        return trimmed;
    }
}
