package heaptriage.heap;

import heaptriage.hprof.BasicType;

/**
 * Shallow sizes as Eclipse MAT derives them: header of pointer plus reference size, fields packed per class and
 * aligned to the reference size, objects aligned to the dump's object alignment. HPROF itself stores no sizes.
 */
public record SizeModel(int pointerSize, int refSize, int objectAlign) {

    public boolean compressedReferences() {
        return pointerSize == 8 && refSize == 4;
    }

    /** Size of an object array of the given length. */
    public long objectArraySize(int length) {
        return alignUp(pointerSize + refSize + 4 + (long) length * refSize, objectAlign);
    }

    /** Size of a primitive array of the given length. */
    public long primitiveArraySize(BasicType element, int length) {
        return alignUp(alignUp(pointerSize + refSize + 4, refSize) + (long) length * element.size(pointerSize), objectAlign);
    }

    /** Bytes a field takes inside an object in MAT's model. */
    public int fieldSize(BasicType type) {
        return type == BasicType.OBJECT ? refSize : type.size(pointerSize);
    }

    static long alignUp(long n, int to) {
        long r = n % to;
        return r == 0 ? n : n + to - r;
    }
}
