package heaptriage.heap;


import java.util.ArrayList;
import java.util.List;

/**
 * Splits pass 2 over a plain dump into shares, one per thread. After pass 1 every object's record offset is known,
 * so each share after the first starts at an object record's start, inside the heap dump record that holds it, and
 * runs to where the next share starts; the first share reads from the file's start, as a single pass does. The
 * objects of a share are a run of file ordinals, so each share writes only its own objects' reference slots.
 */
final class PassShares {
    private PassShares() {
    }

    /**
     * One share of pass 2.
     *
     * @param firstOrdinal     the file ordinal of its first object (1 for the first share: 0 is the boot loader's
     *                         pseudo object, which has no record)
     * @param start            where it starts reading: 0 for the first share (the file's start), else its first
     *                         object's record offset
     * @param segmentBodyStart where the sub-records of the heap dump record holding {@code start} begin
     * @param segmentEnd       where that record ends ({@code Long.MAX_VALUE}: at the end of the data)
     * @param end              where the share stops: the next share's start, or the end of the heap dump read
     */
    record Share(int firstOrdinal, long start, long segmentBodyStart, long segmentEnd, long end) {
        boolean fromFileStart() {
            return start == 0;
        }
    }

    /** Pass 1's record offsets by file ordinal (ordinal 0 the pseudo object, then ascending), read in place. */
    interface FileOrderOffsets {
        long count();

        long offsetOf(long ordinal);
    }

    /**
     * The shares for a pass over objects whose record offsets, in file order, are {@code fileOrderOffsets} (ordinal
     * 0 being the pseudo object), in the heap dump records listed by pass 1, up to {@code end}.
     */
    static List<Share> plan(FileOrderOffsets fileOrderOffsets, LongList bodyStarts, LongList recordEnds, long end,
                            ParseThreads threads) {
        List<Share> shares = new ArrayList<>();
        int previous = 1;
        long previousStart = 0;
        long previousBody = -1;
        long previousSegmentEnd = -1;
        for (long at : splitOffsets(fileOrderOffsets, threads)) {
            int ordinal = firstObjectFrom(fileOrderOffsets, at);
            if (ordinal <= previous || ordinal >= fileOrderOffsets.count()) {
                continue; // no object left there, or the same one as the previous split
            }
            long start = fileOrderOffsets.offsetOf(ordinal);
            int record = recordHolding(bodyStarts, start);
            if (record < 0 || start >= recordEnds.get(record)) {
                continue; // not inside a heap dump record pass 1 saw: leave it to the share before
            }
            shares.add(new Share(previous, previousStart, previousBody, previousSegmentEnd, start));
            previous = ordinal;
            previousStart = start;
            previousBody = bodyStarts.get(record);
            previousSegmentEnd = recordEnds.get(record);
        }
        shares.add(new Share(previous, previousStart, previousBody, previousSegmentEnd, end));
        return shares;
    }

    /** The offsets at which shares should start: as the policy says, or the heap records' bytes cut evenly. */
    private static long[] splitOffsets(FileOrderOffsets fileOrderOffsets, ParseThreads threads) {
        if (threads.splitOffsets() != null) {
            return threads.splitOffsets();
        }
        long n = fileOrderOffsets.count();
        if (threads.threads() <= 1 || n < 3) {
            return new long[0];
        }
        long first = fileOrderOffsets.offsetOf(1);
        long span = fileOrderOffsets.offsetOf(n - 1) - first;
        long parallel = threads.minShareBytes() <= 0 ? threads.threads()
                : Math.min(threads.threads(), span / threads.minShareBytes());
        long count = parallel <= 1 ? 1 : parallel * threads.sharesPerThread();
        long[] offsets = new long[(int) Math.max(0, count - 1)];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = first + span / count * (i + 1);
        }
        return offsets;
    }

    /** The first ordinal whose record starts at or after {@code offset}; the offsets ascend from ordinal 1 on. */
    private static int firstObjectFrom(FileOrderOffsets fileOrderOffsets, long offset) {
        long low = 1;
        long high = fileOrderOffsets.count(); // the answer lies in [low, high]: high when every record starts before
        while (low < high) {
            long mid = (low + high) >>> 1;
            if (fileOrderOffsets.offsetOf(mid) < offset) {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        return (int) Math.min(low, fileOrderOffsets.count());
    }

    /** The heap dump record whose sub-records start at or before {@code offset}, or -1. */
    private static int recordHolding(LongList bodyStarts, long offset) {
        int low = 0;
        int high = bodyStarts.size() - 1;
        int found = -1;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (bodyStarts.get(mid) <= offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }
}
