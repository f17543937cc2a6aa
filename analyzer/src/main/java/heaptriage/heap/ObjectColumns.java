package heaptriage.heap;

import heaptriage.hprof.HprofException;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

import java.util.List;

/**
 * Pass 1's values of every object as arrays in address order: its address, record offset, class key, length (array
 * elements, or the described class of a class object) and reserved edge count.
 */
record ObjectColumns(LongArray addresses, LongArray offsets, IntArray keys, IntArray lengths, IntArray edgeCounts) {

    /**
     * The columns in address order, given the sorted addresses: the others move from pass 1's lists straight to their
     * objects' places ({@code perm}: file ordinal to index), never copied into file-order arrays first (one copy
     * fewer to write, and to page in under a memory cap); when the file is in address order already ({@code perm}
     * null), the lists become the arrays. Each list is released as it is moved, so a thread holds one extra copy at a
     * time. The columns are independent: with {@code threads} above 1 two threads take them in turn, and
     * {@code alongside} runs as one more task among them.
     */
    static ObjectColumns inAddressOrder(RecordScan scan, LongArray sortedAddresses, IntArray perm, Storage storage,
                                        int threads, Workers.Task alongside) throws HprofException {
        LongArray[] offsets = new LongArray[1];
        IntArray[] ints = new IntArray[3];
        List<Workers.Task> tasks = perm == null
                ? List.of(
                        () -> offsets[0] = scan.offsetsArray(storage),
                        alongside,
                        () -> ints[0] = scan.classKeysArray(storage),
                        () -> ints[1] = scan.lengthsArray(storage),
                        () -> ints[2] = scan.edgeCountsArray(storage))
                : List.of(
                        () -> offsets[0] = scan.offsetsPermuted(perm, storage),
                        alongside,
                        () -> ints[0] = scan.classKeysPermuted(perm, storage),
                        () -> ints[1] = scan.lengthsPermuted(perm, storage),
                        () -> ints[2] = scan.edgeCountsPermuted(perm, storage));
        Workers.runAll(threads, tasks);
        return new ObjectColumns(sortedAddresses, offsets[0], ints[0], ints[1], ints[2]);
    }
}
