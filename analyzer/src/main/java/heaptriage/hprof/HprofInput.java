package heaptriage.hprof;

import java.io.EOFException;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A big-endian buffered reader over the uncompressed HPROF stream that knows its position. Reads past the end
 * of the data throw {@link EOFException}: that is how a truncated dump shows itself.
 */
public final class HprofInput implements AutoCloseable {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final ByteSource source;
    private byte[] buf;
    private int pos;
    private int limit;
    private long bufferStart; // stream offset of buf[0]
    private boolean atEnd;
    private int idSize = 8;

    HprofInput(ByteSource source, int bufferSize) {
        this(source, bufferSize, 0);
    }

    /** An input whose source starts at {@code startOffset} of the stream (a pass split between threads). */
    HprofInput(ByteSource source, int bufferSize, long startOffset) {
        this.source = source;
        this.buf = new byte[bufferSize];
        this.bufferStart = startOffset;
    }

    void setIdSize(int idSize) {
        this.idSize = idSize;
    }

    public int idSize() {
        return idSize;
    }

    /** Offset of the next byte in the uncompressed stream. */
    public long position() {
        return bufferStart + pos;
    }

    /** Makes at least n bytes readable from the buffer at {@link #bufferPosition()}, growing it if needed. */
    public void ensure(int n) throws IOException {
        if (limit - pos >= n) {
            return;
        }
        if (n > buf.length) {
            byte[] bigger = new byte[Math.max(n, buf.length * 2)];
            System.arraycopy(buf, pos, bigger, 0, limit - pos);
            bufferStart += pos;
            limit -= pos;
            pos = 0;
            buf = bigger;
        }
        compact();
        while (limit - pos < n) {
            if (!fill()) {
                throw new EOFException("HPROF data ends at byte " + (bufferStart + limit));
            }
        }
    }

    /** After an {@link EOFException}: the offset where the data really ends (a read may have stopped short of it). */
    public long endOfData() {
        return bufferStart + limit;
    }

    /** True when at least one more byte can be read. */
    public boolean hasMore() throws IOException {
        if (pos < limit) {
            return true;
        }
        compact();
        return fill();
    }

    private void compact() {
        int unread = limit - pos;
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, unread);
            bufferStart += pos;
            pos = 0;
            limit = unread;
        }
    }

    private boolean fill() throws IOException {
        if (atEnd) {
            return false;
        }
        int n = source.read(buf, limit, buf.length - limit);
        if (n < 0) {
            atEnd = true;
            return false;
        }
        limit += n;
        return true;
    }

    /** Goes on reading at {@code position} of a plain dump, dropping what is buffered unless it holds it. */
    public void seek(long position) throws IOException {
        if (position >= bufferStart && position <= bufferStart + limit) {
            pos = (int) (position - bufferStart);
            return;
        }
        source.seek(position);
        bufferStart = position;
        pos = 0;
        limit = 0;
        atEnd = false;
    }

    /** The buffer behind {@link #ensure}: valid until the next read. */
    public byte[] buffer() {
        return buf;
    }

    /** Bytes readable from the buffer without another read from the source. */
    public int buffered() {
        return limit - pos;
    }

    public int bufferPosition() {
        return pos;
    }

    public int u1() throws IOException {
        ensure(1);
        return buf[pos++] & 0xFF;
    }

    public int u2() throws IOException {
        ensure(2);
        int v = (short) SHORT.get(buf, pos) & 0xFFFF;
        pos += 2;
        return v;
    }

    public int i4() throws IOException {
        ensure(4);
        int v = (int) INT.get(buf, pos);
        pos += 4;
        return v;
    }

    /** An unsigned 32-bit value, such as a record length. */
    public long u4() throws IOException {
        return i4() & 0xFFFFFFFFL;
    }

    public long i8() throws IOException {
        ensure(8);
        long v = (long) LONG.get(buf, pos);
        pos += 8;
        return v;
    }

    public long id() throws IOException {
        return idSize == 8 ? i8() : u4();
    }

    /** Reads an identifier from the buffer without bounds checks; the caller has ensured the bytes. */
    public long idAt(int bufferOffset) {
        return idSize == 8 ? (long) LONG.get(buf, bufferOffset) : (int) INT.get(buf, bufferOffset) & 0xFFFFFFFFL;
    }

    public void skip(int n) throws IOException {
        skip((long) n);
    }

    public void skip(long n) throws IOException {
        while (n > 0) {
            if (pos == limit) {
                // let the source skip whole buffers without copying the unread tail
                bufferStart += limit;
                pos = 0;
                limit = 0;
                if (!fill()) {
                    throw new EOFException("HPROF data ends at byte " + bufferStart);
                }
            }
            int step = (int) Math.min(n, limit - pos);
            pos += step;
            n -= step;
        }
    }

    /**
     * How many of the next {@code wanted} identifiers (at least one, at most {@code wanted}) are in the buffer from
     * {@link #bufferPosition()}, reading more when not even one is: the window over a long run of identifiers, such
     * as an object array's elements, that callers walk with {@link #idAt} and leave with {@link #advance}.
     */
    public int bufferedIds(int wanted) throws IOException {
        if (buffered() < idSize) {
            ensure(idSize);
        }
        return Math.min(buffered() / idSize, wanted);
    }

    /** Advances past bytes already ensured in the buffer. */
    public void advance(int n) {
        pos += n;
    }

    public void readFully(byte[] into, int offset, int len) throws IOException {
        while (len > 0) {
            if (pos == limit) {
                compact();
                if (!fill()) {
                    throw new EOFException("HPROF data ends at byte " + (bufferStart + limit));
                }
            }
            int step = Math.min(len, limit - pos);
            System.arraycopy(buf, pos, into, offset, step);
            pos += step;
            offset += step;
            len -= step;
        }
    }

    /** Why the data ended early, when the source knows (damaged gzip data); null otherwise. */
    public String damage() {
        return source.damage();
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
