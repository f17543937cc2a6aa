package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.RandomAccessDump;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Reads single objects' records from the dump by their offsets: instance fields, arrays, strings. */
final class ObjectReader {
    private static final int MAX_STRING_CHARS = 1 << 16;
    private final HeapSnapshot snapshot;
    private final RandomAccessDump file;
    private final int idSize;

    ObjectReader(HeapSnapshot snapshot, RandomAccessDump file) {
        this.snapshot = snapshot;
        this.file = file;
        this.idSize = snapshot.header().idSize();
    }

    InstanceView instance(int object) throws IOException {
        HeapClass c = snapshot.classOf(object);
        long offset = snapshot.recordOffset(object);
        if (offset < 0 || c.isArray() || snapshot.describedClass(object) != null) {
            throw new IllegalArgumentException("object " + object + " (" + c.name() + ") is not an instance");
        }
        // INSTANCE DUMP: tag, id, stack serial, class id, u4 length, field bytes
        int headerLength = 1 + idSize + 4 + idSize + 4;
        byte[] header = new byte[headerLength];
        file.read(offset, header, 0, headerLength);
        int length = (int) InstanceView.readBigEndian(header, headerLength - 4, 4);
        byte[] payload = new byte[length];
        file.read(offset + headerLength, payload, 0, length);
        return new InstanceView(snapshot, object, InstanceView.decode(snapshot, c, payload, idSize));
    }

    /** PRIMITIVE ARRAY DUMP body as raw big-endian bytes, at most maxElements of them. */
    byte[] primitiveArray(int object, int maxElements) throws IOException {
        HeapClass c = snapshot.classOf(object);
        if (!c.isPrimitiveArray()) {
            throw new IllegalArgumentException("object " + object + " is not a primitive array");
        }
        long offset = snapshot.recordOffset(object);
        int headerLength = 1 + idSize + 4 + 4 + 1;
        byte[] header = new byte[headerLength];
        file.read(offset, header, 0, headerLength);
        int length = (int) InstanceView.readBigEndian(header, 1 + idSize + 4, 4);
        int n = Math.min(length, maxElements);
        byte[] data = new byte[n * c.primitiveElement().size(idSize)];
        file.read(offset + headerLength, data, 0, data.length);
        return data;
    }

    int[] objectArray(int object) throws IOException {
        HeapClass c = snapshot.classOf(object);
        if (!c.isObjectArray()) {
            throw new IllegalArgumentException("object " + object + " is not an object array");
        }
        long offset = snapshot.recordOffset(object);
        int headerLength = 1 + idSize + 4 + 4 + idSize;
        byte[] header = new byte[headerLength];
        file.read(offset, header, 0, headerLength);
        int length = (int) InstanceView.readBigEndian(header, 1 + idSize + 4, 4);
        byte[] data = new byte[length * idSize];
        file.read(offset + headerLength, data, 0, data.length);
        int[] out = new int[length];
        for (int i = 0; i < length; i++) {
            long address = InstanceView.readBigEndian(data, i * idSize, idSize);
            out[i] = address == 0 ? -1 : snapshot.indexOf(address);
        }
        return out;
    }

    /**
     * Decodes java.lang.String: a byte[] with a coder (JDK 9+), or a char[] (JDK 8 and older), of which JDK 6 and 7
     * up to 7u6 use only {@code count} chars from {@code offset} (a substring shares its parent's array).
     */
    String string(int object) throws IOException {
        if (!snapshot.classOf(object).name().equals("java.lang.String")) {
            return null;
        }
        InstanceView s = instance(object);
        int value = s.has("value") ? s.ref("value") : -1;
        if (value < 0) {
            return null;
        }
        BasicType element = snapshot.classOf(value).primitiveElement();
        if (element == BasicType.CHAR) {
            boolean shared = s.has("offset") && s.has("count");
            int from = shared ? Math.max(0, s.intValue("offset")) : 0;
            int count = shared ? Math.max(0, s.intValue("count")) : MAX_STRING_CHARS;
            byte[] chars = primitiveArray(value, (int) Math.min(MAX_STRING_CHARS, (long) from + count));
            int start = Math.min(chars.length, from * 2);
            int end = Math.min(chars.length, start + Math.min(count, MAX_STRING_CHARS) * 2);
            return new String(chars, start, end - start, StandardCharsets.UTF_16BE);
        }
        if (element == BasicType.BYTE) {
            byte[] bytes = primitiveArray(value, MAX_STRING_CHARS * 2);
            boolean latin1 = !s.has("coder") || s.intValue("coder") == 0;
            return latin1 ? new String(bytes, StandardCharsets.ISO_8859_1) : utf16Native(bytes);
        }
        return null;
    }

    /** The text of a char[]; null for any other object. */
    String chars(int object) throws IOException {
        return snapshot.classOf(object).primitiveElement() == BasicType.CHAR
                ? utf16(primitiveArray(object, MAX_STRING_CHARS)) : null;
    }

    private static String utf16(byte[] bigEndian) {
        return new String(bigEndian, StandardCharsets.UTF_16BE);
    }

    /** A compact string's UTF16 bytes are in the JVM's byte order; HotSpot on x86 and ARM is little-endian. */
    private static String utf16Native(byte[] bytes) {
        return new String(bytes, java.nio.ByteOrder.nativeOrder() == java.nio.ByteOrder.LITTLE_ENDIAN
                ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
    }
}
