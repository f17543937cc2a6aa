package heaptriage.hprof;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates a gzip file member after member with {@link Inflater} directly, because GZIPInputStream has stopped
 * after the first member on some JDK builds. A cut or damaged file ends the data where the damage starts.
 */
final class GzipSource implements ByteSource {
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int FHCRC = 2;

    private final FileChannel channel;
    private final GzipMemberIndex members;
    private final Inflater inflater = new Inflater(true);
    private final byte[] in = new byte[1 << 18];
    private int inPos;
    private int inLimit;
    private long inBufferStart; // compressed offset of in[0]
    private long produced; // uncompressed bytes handed out so far
    private boolean inMember;
    private boolean ended;
    private String damage;
    private String firstComment;

    GzipSource(Path file, GzipMemberIndex members) throws IOException {
        this.channel = FileChannel.open(file, StandardOpenOption.READ);
        this.members = members;
    }

    /** The first member's comment; {@code HPROF BLOCKSIZE=n} marks a chunked dump written by the JVM. */
    String firstComment() {
        return firstComment;
    }

    @Override
    public int read(byte[] into, int offset, int len) throws IOException {
        while (!ended) {
            if (!inMember && !startMember()) {
                break;
            }
            int n = inflate(into, offset, len);
            if (n > 0) {
                produced += n;
                return n;
            }
        }
        return -1;
    }

    private int inflate(byte[] into, int offset, int len) throws IOException {
        try {
            while (true) {
                int n = inflater.inflate(into, offset, len);
                if (n > 0) {
                    return n;
                }
                if (inflater.finished()) {
                    finishMember();
                    return 0;
                }
                if (inflater.needsDictionary()) {
                    return endWithDamage("gzip member needs a preset dictionary");
                }
                if (inflater.needsInput()) {
                    inPos = inLimit; // the inflater holds no unread input once it asks for more
                    if (!fill()) {
                        return endWithDamage(null); // cut inside a member: a truncated file
                    }
                    inflater.setInput(in, inPos, inLimit - inPos);
                }
            }
        } catch (DataFormatException e) {
            return endWithDamage("gzip data is damaged near compressed byte " + compressedPosition());
        }
    }

    private void finishMember() throws IOException {
        inPos = inLimit - inflater.getRemaining();
        inMember = false;
        skipCompressed(8); // CRC32 and size: the deflate stream already proved its integrity well enough
    }

    private int endWithDamage(String why) {
        ended = true;
        damage = why;
        return 0;
    }

    private boolean startMember() throws IOException {
        long memberStart = compressedPosition();
        if (!ensureCompressed(1)) {
            ended = true;
            members.markComplete();
            return false;
        }
        if (!ensureCompressed(10) || (in[inPos] & 0xFF) != 0x1F || (in[inPos + 1] & 0xFF) != 0x8B || in[inPos + 2] != 8) {
            if (produced == 0) {
                throw new IOException("not a gzip file");
            }
            endWithDamage("unexpected bytes after gzip member ending at compressed byte " + memberStart);
            return false;
        }
        int flags = in[inPos + 3] & 0xFF;
        inPos += 10;
        if ((flags & FEXTRA) != 0) {
            if (!ensureCompressed(2)) {
                return cutInHeader();
            }
            int xlen = (in[inPos] & 0xFF) | (in[inPos + 1] & 0xFF) << 8;
            inPos += 2;
            if (!skipCompressed(xlen)) {
                return cutInHeader();
            }
        }
        if ((flags & FNAME) != 0 && readZeroTerminated() == null) {
            return cutInHeader();
        }
        if ((flags & FCOMMENT) != 0) {
            String comment = readZeroTerminated();
            if (comment == null) {
                return cutInHeader();
            }
            if (firstComment == null) {
                firstComment = comment;
            }
        }
        if ((flags & FHCRC) != 0 && !skipCompressed(2)) {
            return cutInHeader();
        }
        members.add(memberStart, produced);
        inflater.reset();
        inflater.setInput(in, inPos, inLimit - inPos);
        inMember = true;
        return true;
    }

    private boolean cutInHeader() {
        ended = true;
        return false;
    }

    private String readZeroTerminated() throws IOException {
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!ensureCompressed(1)) {
                return null;
            }
            byte b = in[inPos++];
            if (b == 0) {
                return sb.toString();
            }
            sb.append((char) (b & 0xFF));
        }
    }

    private boolean skipCompressed(int n) throws IOException {
        while (n > 0) {
            if (!ensureCompressed(1)) {
                return false;
            }
            int step = Math.min(n, inLimit - inPos);
            inPos += step;
            n -= step;
        }
        return true;
    }

    private boolean ensureCompressed(int n) throws IOException {
        while (inLimit - inPos < n) {
            if (!fill()) {
                return false;
            }
        }
        return true;
    }

    /** Moves unread bytes to the front and reads more; false at end of file. */
    private boolean fill() throws IOException {
        int unread = inLimit - inPos;
        System.arraycopy(in, inPos, in, 0, unread);
        inBufferStart += inPos;
        inPos = 0;
        inLimit = unread;
        int n = channel.read(ByteBuffer.wrap(in, inLimit, in.length - inLimit));
        if (n <= 0) {
            return false;
        }
        inLimit += n;
        return true;
    }

    private long compressedPosition() {
        return inBufferStart + inPos;
    }

    @Override
    public String damage() {
        return damage;
    }

    @Override
    public void close() throws IOException {
        inflater.end();
        channel.close();
    }
}
