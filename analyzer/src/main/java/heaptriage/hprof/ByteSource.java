package heaptriage.hprof;

import java.io.Closeable;
import java.io.IOException;

/** A sequential source of the uncompressed HPROF bytes. */
interface ByteSource extends Closeable {
    /** Reads up to len bytes; returns -1 at the end of the data. */
    int read(byte[] into, int offset, int len) throws IOException;

    /** Goes on reading at {@code position}; only sources over a plain file can. */
    default void seek(long position) throws IOException {
        throw new IOException("this source is read in order only");
    }

    /** Why the data ended early, when it did for a reason other than a plain end of file; null otherwise. */
    default String damage() {
        return null;
    }
}
