package heaptriage.heap;

/**
 * Adds up the progress of a pass's shares into one figure for the listener, which hears it from one thread at a
 * time: the bytes all shares have read, which ends where a single pass would have ended.
 */
final class ShareProgress {
    private final IndexListener listener;
    private final long[] read;

    ShareProgress(IndexListener listener, int shares) {
        this.listener = listener;
        this.read = new long[shares];
    }

    /** A listener for one share that starts reading at {@code start}. */
    IndexListener forShare(int share, long start) {
        return new IndexListener() {
            @Override
            public void bytesRead(long position) {
                report(share, position - start);
            }
        };
    }

    /** A listener for a share that reads from the start but jumps from {@code jumpFrom} to {@code jumpTo}. */
    IndexListener forShareJumping(int share, long jumpFrom, long jumpTo) {
        return new IndexListener() {
            @Override
            public void bytesRead(long position) {
                report(share, position <= jumpFrom ? position : position - (jumpTo - jumpFrom));
            }
        };
    }

    private synchronized void report(int share, long bytes) {
        read[share] = bytes;
        long total = 0;
        for (long r : read) {
            total += r;
        }
        listener.bytesRead(total);
    }
}
