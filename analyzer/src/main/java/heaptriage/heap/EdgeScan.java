package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HprofVisitor;
import heaptriage.memory.IntArray;

import java.io.IOException;
import java.util.BitSet;
import java.util.Map;

/**
 * Pass 2: reads object bodies and writes each object's outbound references, as dense indexes, into the slots
 * pass 1 reserved for it. Like MAT, every object first refers to its class object; a thread also refers to its
 * locals. A reference to an address with no object, or a reserved slot left over, is written as -1 and
 * removed afterwards.
 */
final class EdgeScan implements HprofVisitor {
    private final IntArray perm;       // file ordinal to object index, or null when the file is in address order
    private final AddressIndex addresses;
    private final IntArray classSlotOf;
    private final HeapClass[] classes;
    private final int javaLangClassObject;
    private final IntArray edgeStart;  // reserved start per object index; n+1 entries
    private final IntArray edges;
    private int from;                  // the object being written
    private int write;                 // where its next reference goes
    private final BitSet threadsWithLocals;
    private final Map<Integer, int[]> localsByThread;
    private final IndexListener listener;
    private int ordinal;               // file ordinal of the next object; 0 is the boot loader's pseudo object
    long danglingReferences;

    /**
     * A scan whose first object has file ordinal {@code firstOrdinal}: 1 when it reads from the file's start, later
     * for a share of a pass split between threads. Shares write disjoint slots of {@code edges} and only read the
     * other arrays, so they may run at once, on the heap or on mapped files (absolute gets and puts of a buffer
     * change no shared state).
     */
    EdgeScan(int firstOrdinal, IntArray perm, AddressIndex addresses, IntArray classSlotOf, HeapClass[] classes,
             int javaLangClassObject, IntArray edgeStart, IntArray edges, Map<Integer, int[]> localsByThread,
             IndexListener listener) {
        this.ordinal = firstOrdinal;
        this.perm = perm;
        this.addresses = addresses;
        this.classSlotOf = classSlotOf;
        this.classes = classes;
        this.javaLangClassObject = javaLangClassObject;
        this.edgeStart = edgeStart;
        this.edges = edges;
        this.localsByThread = localsByThread;
        this.listener = listener;
        this.threadsWithLocals = new BitSet();
        localsByThread.keySet().forEach(threadsWithLocals::set);
    }

    @Override
    public boolean wantsBodies() {
        return true;
    }

    /** Starts writing the next object in file order and returns its index. */
    private int begin() {
        int o = ordinal++;
        from = perm == null ? o : perm.get(o);
        write = edgeStart.get(from);
        return from;
    }

    /** Pads what pass 1 reserved but this object did not use. */
    private void end() throws IOException {
        int reservedEnd = edgeStart.get(from + 1);
        if (write > reservedEnd) {
            throw new IOException("object 0x" + Long.toHexString(addresses.addresses().get(from))
                    + " has more references in the second pass than in the first; the dump changed while being read");
        }
        while (write < reservedEnd) {
            edges.set(write++, -1);
        }
    }

    private void add(int to) {
        edges.set(write++, to);
    }

    private void addAddress(long address) {
        if (address == 0) {
            return;
        }
        int to = addresses.indexOf(address);
        if (to < 0) {
            danglingReferences++;
        }
        add(to);
    }

    private void addClassEdge() {
        add(classes[classSlotOf.get(from)].objectIndex);
    }

    @Override
    public void classDump(ClassDump dump) throws IOException {
        begin();
        add(javaLangClassObject);
        addAddress(dump.superClassId());
        add(addresses.indexOf(dump.classLoaderId())); // 0 finds the boot loader's pseudo object
        for (int i = 0; i < dump.staticTypes().length; i++) {
            if (dump.staticTypes()[i] == BasicType.OBJECT) {
                addAddress(dump.staticValues()[i]);
            }
        }
        end();
    }

    @Override
    public void instanceBody(long id, long classId, long recordOffset, int payloadLength, HprofInput in) throws IOException {
        int idx = begin();
        addClassEdge();
        HeapClass c = classes[classSlotOf.get(idx)];
        in.ensure(payloadLength);
        int base = in.bufferPosition();
        int idSize = in.idSize();
        for (int off : c.refFieldOffsets) {
            if (off + idSize <= payloadLength) {
                addAddress(in.idAt(base + off));
            }
        }
        if (threadsWithLocals.get(idx)) {
            for (int local : localsByThread.get(idx)) {
                add(local);
            }
        }
        end();
    }

    @Override
    public void objectArrayBody(long id, long arrayClassId, long recordOffset, int length, HprofInput in) throws IOException {
        begin();
        addClassEdge();
        int idSize = in.idSize();
        for (int left = length; left > 0; ) {
            // a plain loop over the buffered window of elements: arrays hold most of a heap's references
            int n = in.bufferedIds(left);
            int p = in.bufferPosition();
            for (int i = 0; i < n; i++) {
                addAddress(in.idAt(p + i * idSize));
            }
            in.advance(n * idSize);
            left -= n;
        }
        end();
    }

    @Override
    public void primitiveArray(long id, BasicType elementType, long recordOffset, int length) throws IOException {
        begin();
        addClassEdge();
        end();
    }

    @Override
    public void progress(long position) {
        listener.bytesRead(position);
    }
}
