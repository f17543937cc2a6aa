package heaptriage.heap;

import heaptriage.hprof.HprofException;
import heaptriage.memory.IntArray;
import heaptriage.memory.LongArray;
import heaptriage.memory.Storage;

import java.util.List;

/**
 * Pass 1's values of every object as arrays: its address, record offset, class key, length (array elements, or the
 * described class of a class object) and reserved edge count. In file order until {@link #permuted} puts them in
 * address order. Each step works on one array at a time and the arrays are independent, so with {@code threads}
 * above 1 two threads take them in turn.
 */
record ObjectColumns(LongArray addresses, LongArray offsets, IntArray keys, IntArray lengths, IntArray edgeCounts) {

    /** Turns the scan's lists into arrays of the storage, each list released as it is moved. */
    static ObjectColumns of(RecordScan scan, Storage storage, int threads) throws HprofException {
        LongArray[] longs = new LongArray[2];
        IntArray[] ints = new IntArray[3];
        // the biggest first, so that the two threads end together
        Workers.runAll(threads, List.of(
                () -> longs[0] = scan.addressesArray(storage),
                () -> longs[1] = scan.offsetsArray(storage),
                () -> ints[0] = scan.classKeysArray(storage),
                () -> ints[1] = scan.lengthsArray(storage),
                () -> ints[2] = scan.edgeCountsArray(storage)));
        return new ObjectColumns(longs[0], longs[1], ints[0], ints[1], ints[2]);
    }

    /**
     * The columns in address order: the sorted addresses, and every other column moved to its objects' places
     * ({@code perm}: file ordinal to index), each original released once copied. {@code alongside} runs as one more
     * task among the copies. One thread holds one extra copy at a time, so at most {@code threads} copies exist at
     * any moment.
     */
    ObjectColumns permuted(LongArray sortedAddresses, IntArray perm, Storage storage, int threads,
                           Workers.Task alongside) throws HprofException {
        LongArray[] longs = new LongArray[1];
        IntArray[] ints = new IntArray[3];
        Workers.runAll(threads, List.of(
                () -> longs[0] = AddressOrder.permuted(offsets, perm, storage),
                alongside,
                () -> ints[0] = AddressOrder.permuted(keys, perm, storage),
                () -> ints[1] = AddressOrder.permuted(lengths, perm, storage),
                () -> ints[2] = AddressOrder.permuted(edgeCounts, perm, storage)));
        return new ObjectColumns(sortedAddresses, longs[0], ints[0], ints[1], ints[2]);
    }
}
