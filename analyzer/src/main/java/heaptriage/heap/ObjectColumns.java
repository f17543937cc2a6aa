package heaptriage.heap;

import heaptriage.hprof.HprofException;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

import java.util.List;

/**
 * Pass 1's values of every object as arrays in address order: its address, record offset, class key, length (array
 * elements, or the described class of a class object) and reserved edge count. Each step works on one column at a
 * time and the columns are independent, so with {@code threads} above 1 two threads take them in turn.
 */
record ObjectColumns(LongArray addresses, LongArray offsets, IntArray keys, IntArray lengths, IntArray edgeCounts) {

    /** The addresses and record offsets in file order: the sort and the plan of pass 2 need them as arrays. */
    record FileOrder(LongArray addresses, LongArray offsets) {
        static FileOrder of(RecordScan scan, Storage storage, int threads) throws HprofException {
            LongArray[] longs = new LongArray[2];
            Workers.runAll(threads, List.of(
                    () -> longs[0] = scan.addressesArray(storage),
                    () -> longs[1] = scan.offsetsArray(storage)));
            return new FileOrder(longs[0], longs[1]);
        }
    }

    /**
     * The columns in address order: the sorted addresses, the record offsets moved from their file-order array, and
     * the other columns moved straight from pass 1's lists, which are never copied into file-order arrays first (one
     * copy fewer to write, and to page in under a memory cap). {@code perm} maps file ordinals to indexes, null when
     * the file is in address order already. Each source is released once moved, so one thread holds one extra copy
     * at a time. {@code alongside} runs as one more task among them.
     */
    static ObjectColumns inAddressOrder(RecordScan scan, LongArray sortedAddresses, LongArray fileOrderOffsets,
                                        IntArray perm, Storage storage, int threads, Workers.Task alongside)
            throws HprofException {
        LongArray[] longs = new LongArray[1];
        IntArray[] ints = new IntArray[3];
        List<Workers.Task> tasks = perm == null
                ? List.of(
                        () -> longs[0] = fileOrderOffsets,
                        alongside,
                        () -> ints[0] = scan.classKeysArray(storage),
                        () -> ints[1] = scan.lengthsArray(storage),
                        () -> ints[2] = scan.edgeCountsArray(storage))
                : List.of(
                        () -> longs[0] = AddressOrder.permuted(fileOrderOffsets, perm, storage),
                        alongside,
                        () -> ints[0] = scan.classKeysPermuted(perm, storage),
                        () -> ints[1] = scan.lengthsPermuted(perm, storage),
                        () -> ints[2] = scan.edgeCountsPermuted(perm, storage));
        Workers.runAll(threads, tasks);
        return new ObjectColumns(sortedAddresses, longs[0], ints[0], ints[1], ints[2]);
    }
}
