package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.ClassDump;
import heaptriage.hprof.HprofInput;
import heaptriage.hprof.HprofVisitor;

import java.io.IOException;
import java.util.BitSet;
import java.util.Map;

/**
 * Pass 2: reads object bodies and writes each object's outbound references, as dense indexes, into the slots
 * reserved for it. Like MAT, every object first refers to its class object; a thread also refers to its locals.
 */
final class EdgeScan implements HprofVisitor {
    private final int[] perm;          // file ordinal to object index, or null when the file is in address order
    private final AddressIndex addresses;
    private final int[] classSlotOf;
    private final HeapClass[] classes;
    private final int javaLangClassObject;
    private final int[] edgeStart;     // reserved start per object index
    private final int[] edgeCount;     // written so far per object index
    private final int[] edges;
    private final BitSet threadsWithLocals;
    private final Map<Integer, int[]> localsByThread;
    private final IndexListener listener;
    private int ordinal = 1;           // 0 is the boot loader's pseudo object, which has no record
    long danglingReferences;

    EdgeScan(int[] perm, AddressIndex addresses, int[] classSlotOf, HeapClass[] classes, int javaLangClassObject,
             int[] edgeStart, int[] edgeCount, int[] edges, Map<Integer, int[]> localsByThread, IndexListener listener) {
        this.perm = perm;
        this.addresses = addresses;
        this.classSlotOf = classSlotOf;
        this.classes = classes;
        this.javaLangClassObject = javaLangClassObject;
        this.edgeStart = edgeStart;
        this.edgeCount = edgeCount;
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

    private int nextIndex() {
        int o = ordinal++;
        return perm == null ? o : perm[o];
    }

    private void add(int from, int to) {
        edges[edgeStart[from] + edgeCount[from]++] = to;
    }

    private void addAddress(int from, long address) {
        if (address == 0) {
            return;
        }
        int to = addresses.indexOf(address);
        if (to >= 0) {
            add(from, to);
        } else {
            danglingReferences++;
        }
    }

    private void addClassEdge(int from) {
        int classObject = classes[classSlotOf[from]].objectIndex;
        if (classObject >= 0) {
            add(from, classObject);
        }
    }

    @Override
    public void classDump(ClassDump dump) {
        int idx = nextIndex();
        if (javaLangClassObject >= 0) {
            add(idx, javaLangClassObject);
        }
        addAddress(idx, dump.superClassId());
        int loader = addresses.indexOf(dump.classLoaderId()); // 0 resolves to the boot loader's pseudo object
        if (loader >= 0) {
            add(idx, loader);
        }
        for (int i = 0; i < dump.staticTypes().length; i++) {
            if (dump.staticTypes()[i] == BasicType.OBJECT) {
                addAddress(idx, dump.staticValues()[i]);
            }
        }
    }

    @Override
    public void instanceBody(long id, long classId, long recordOffset, int payloadLength, HprofInput in) throws IOException {
        int idx = nextIndex();
        addClassEdge(idx);
        HeapClass c = classes[classSlotOf[idx]];
        in.ensure(payloadLength);
        int base = in.bufferPosition();
        for (int off : c.refFieldOffsets) {
            addAddress(idx, in.idAt(base + off));
        }
        if (threadsWithLocals.get(idx)) {
            for (int local : localsByThread.get(idx)) {
                add(idx, local);
            }
        }
    }

    @Override
    public void objectArrayBody(long id, long arrayClassId, long recordOffset, int length, HprofInput in) throws IOException {
        int idx = nextIndex();
        addClassEdge(idx);
        int idSize = in.idSize();
        int left = length;
        while (left > 0) {
            int ready = in.buffered() / idSize;
            if (ready == 0) {
                in.ensure(idSize);
                continue;
            }
            int n = Math.min(ready, left);
            int p = in.bufferPosition();
            for (int i = 0; i < n; i++) {
                addAddress(idx, in.idAt(p + i * idSize));
            }
            in.advance(n * idSize);
            left -= n;
        }
    }

    @Override
    public void primitiveArray(long id, BasicType elementType, long recordOffset, int length) {
        addClassEdge(nextIndex());
    }

    @Override
    public void progress(long position) {
        listener.bytesRead(position);
    }
}
