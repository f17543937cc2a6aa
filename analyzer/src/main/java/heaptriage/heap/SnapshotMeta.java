package heaptriage.heap;

import heaptriage.hprof.BasicType;
import heaptriage.hprof.CorruptHprofException;
import heaptriage.hprof.HeapDumpEntry;
import heaptriage.hprof.HprofHeader;
import heaptriage.hprof.ReadSummary;
import heaptriage.hprof.RootKind;
import heaptriage.hprof.Truncation;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The small, per-class and per-root part of a kept index, written as one binary file: the dump's header and read
 * summary, the size model, the class table, the GC roots, the stack traces, the huge shallow sizes, the count of
 * dangling references and, for a gzip dump, where its members start. The per-object arrays are separate files (see {@link IndexStore}).
 */
final class SnapshotMeta {
    /** Everything a snapshot holds besides its per-object arrays. */
    record Parts(HprofHeader header, ReadSummary summary, SizeModel sizes, ClassTable classTable, RootTable roots,
                 Map<Integer, List<StackFrameInfo>> stackTraces, HugeSizes hugeSizes, long danglingReferences,
                 long[][] gzipMemberStarts) {
    }

    private SnapshotMeta() {
    }

    static void write(HeapSnapshot s, DataOutputStream out) throws IOException {
        HprofHeader h = s.header();
        writeString(out, h.version());
        out.writeInt(h.idSize());
        out.writeLong(h.timestampMillis());
        out.writeInt(h.length());
        writeSummary(out, s.readSummary());
        SizeModel sizes = s.sizeModel();
        out.writeInt(sizes.pointerSize());
        out.writeInt(sizes.refSize());
        out.writeInt(sizes.objectAlign());
        writeClasses(out, s.classTable());
        writeRoots(out, s.roots());
        writeStackTraces(out, s.stackTraces());
        Map<Integer, Long> huge = s.hugeSizes().all();
        out.writeInt(huge.size());
        for (Map.Entry<Integer, Long> e : huge.entrySet()) {
            out.writeInt(e.getKey());
            out.writeLong(e.getValue());
        }
        out.writeLong(s.danglingReferences());
        long[][] members = s.dump().gzipMemberStarts();
        out.writeBoolean(members != null);
        if (members != null) {
            writeLongs(out, members[0]);
            writeLongs(out, members[1]);
        }
    }

    static Parts read(DataInputStream in) throws IOException, CorruptHprofException {
        HprofHeader header = new HprofHeader(readString(in), in.readInt(), in.readLong(), in.readInt());
        ReadSummary summary = readSummary(in);
        SizeModel sizes = new SizeModel(in.readInt(), in.readInt(), in.readInt());
        ClassTable classTable = readClasses(in, header.idSize(), sizes);
        RootTable roots = readRoots(in);
        Map<Integer, List<StackFrameInfo>> stackTraces = readStackTraces(in);
        HugeSizes huge = new HugeSizes();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            huge.store(in.readInt(), in.readLong());
        }
        long dangling = in.readLong();
        long[][] members = in.readBoolean() ? new long[][] {readLongs(in), readLongs(in)} : null;
        return new Parts(header, summary, sizes, classTable, roots, stackTraces, huge, dangling, members);
    }

    private static void writeSummary(DataOutputStream out, ReadSummary r) throws IOException {
        out.writeLong(r.topLevelRecords());
        out.writeLong(r.heapRecords());
        out.writeLong(r.bytesRead());
        Truncation t = r.truncation();
        out.writeBoolean(t != null);
        if (t != null) {
            out.writeLong(t.validEnd());
            out.writeLong(t.cutAt());
            writeString(out, t.cutRecord());
            out.writeLong(t.missingBytesOfCutRecord());
            out.writeBoolean(t.heapDumpEndMissing());
            writeString(out, t.damage());
        }
        out.writeInt(r.heapDumps().size());
        for (HeapDumpEntry d : r.heapDumps()) {
            out.writeInt(d.number());
            out.writeLong(d.offset());
            out.writeLong(d.end());
            out.writeLong(d.timeMillis());
            out.writeBoolean(d.complete());
        }
        out.writeInt(r.selectedDump());
        writeString(out, r.damageAfterDump());
    }

    private static ReadSummary readSummary(DataInputStream in) throws IOException {
        long topLevel = in.readLong();
        long heapRecords = in.readLong();
        long bytesRead = in.readLong();
        Truncation truncation = null;
        if (in.readBoolean()) {
            truncation = new Truncation(in.readLong(), in.readLong(), readString(in), in.readLong(), in.readBoolean(),
                    readString(in));
        }
        List<HeapDumpEntry> dumps = new ArrayList<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            dumps.add(new HeapDumpEntry(in.readInt(), in.readLong(), in.readLong(), in.readLong(), in.readBoolean()));
        }
        return new ReadSummary(topLevel, heapRecords, bytesRead, truncation, dumps, in.readInt(), readString(in));
    }

    private static void writeClasses(DataOutputStream out, ClassTable table) throws IOException {
        HeapClass[] classes = table.classes();
        out.writeInt(classes.length);
        out.writeInt(table.javaLangClassSlot());
        out.writeInt(table.classLoaderSlot());
        for (HeapClass c : classes) {
            out.writeBoolean(table.defines(c));
            out.writeInt(c.objectIndex());
            out.writeLong(c.address());
            writeString(out, c.name());
            out.writeLong(c.superAddress());
            out.writeLong(c.loaderAddress());
            out.writeInt(c.hprofInstanceSize());
            writeFields(out, c.fields());
            writeFields(out, c.statics());
            for (int i = 0; i < c.statics().size(); i++) {
                out.writeLong(c.staticValue(i));
            }
        }
    }

    private static ClassTable readClasses(DataInputStream in, int idSize, SizeModel sizes)
            throws IOException, CorruptHprofException {
        int n = in.readInt();
        int javaLangClass = in.readInt();
        int classLoader = in.readInt();
        List<HeapClass> classes = new ArrayList<>(n);
        boolean[] defined = new boolean[n];
        int[] objectIndexes = new int[n];
        for (int slot = 0; slot < n; slot++) {
            defined[slot] = in.readBoolean();
            objectIndexes[slot] = in.readInt();
            long address = in.readLong();
            String name = readString(in);
            long superAddress = in.readLong();
            long loaderAddress = in.readLong();
            int hprofInstanceSize = in.readInt();
            List<HeapClass.Field> fields = readFields(in);
            List<HeapClass.Field> statics = readFields(in);
            long[] staticValues = new long[statics.size()];
            for (int i = 0; i < staticValues.length; i++) {
                staticValues[i] = in.readLong();
            }
            classes.add(new HeapClass(slot, address, name, superAddress, loaderAddress, hprofInstanceSize, fields,
                    statics, staticValues));
        }
        return ClassTable.restore(classes, defined, objectIndexes, javaLangClass, classLoader, idSize, sizes);
    }

    private static void writeFields(DataOutputStream out, List<HeapClass.Field> fields) throws IOException {
        out.writeInt(fields.size());
        for (HeapClass.Field f : fields) {
            writeString(out, f.name());
            out.writeInt(f.type().ordinal());
        }
    }

    private static List<HeapClass.Field> readFields(DataInputStream in) throws IOException {
        BasicType[] types = BasicType.values();
        int n = in.readInt();
        List<HeapClass.Field> fields = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            fields.add(new HeapClass.Field(readString(in), types[in.readInt()]));
        }
        return List.copyOf(fields);
    }

    private static void writeRoots(DataOutputStream out, RootTable roots) throws IOException {
        out.writeInt(roots.records().size());
        for (GcRoot r : roots.records()) {
            out.writeInt(r.object());
            out.writeInt(r.kind().ordinal());
            out.writeInt(r.threadSerial());
            out.writeInt(r.frameNumber());
        }
        writeInts(out, roots.rootObjects());
        out.writeInt(roots.localsByThread().size());
        for (Map.Entry<Integer, int[]> e : roots.localsByThread().entrySet()) {
            out.writeInt(e.getKey());
            writeInts(out, e.getValue());
        }
        out.writeInt(roots.threadObjectBySerial().size());
        for (Map.Entry<Integer, Integer> e : roots.threadObjectBySerial().entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static RootTable readRoots(DataInputStream in) throws IOException {
        RootKind[] kinds = RootKind.values();
        int n = in.readInt();
        List<GcRoot> records = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            records.add(new GcRoot(in.readInt(), kinds[in.readInt()], in.readInt(), in.readInt()));
        }
        int[] rootObjects = readInts(in);
        Map<Integer, int[]> localsByThread = new HashMap<>();
        for (int i = 0, m = in.readInt(); i < m; i++) {
            localsByThread.put(in.readInt(), readInts(in));
        }
        Map<Integer, Integer> threadObjectBySerial = new HashMap<>();
        for (int i = 0, m = in.readInt(); i < m; i++) {
            threadObjectBySerial.put(in.readInt(), in.readInt());
        }
        return new RootTable(List.copyOf(records), rootObjects, localsByThread, threadObjectBySerial);
    }

    private static void writeStackTraces(DataOutputStream out, Map<Integer, List<StackFrameInfo>> traces)
            throws IOException {
        out.writeInt(traces.size());
        for (Map.Entry<Integer, List<StackFrameInfo>> e : traces.entrySet()) {
            out.writeInt(e.getKey());
            out.writeInt(e.getValue().size());
            for (StackFrameInfo f : e.getValue()) {
                writeString(out, f.className());
                writeString(out, f.methodName());
                writeString(out, f.signature());
                writeString(out, f.sourceFile());
                out.writeInt(f.line());
            }
        }
    }

    private static Map<Integer, List<StackFrameInfo>> readStackTraces(DataInputStream in) throws IOException {
        Map<Integer, List<StackFrameInfo>> traces = new HashMap<>();
        for (int i = 0, n = in.readInt(); i < n; i++) {
            int thread = in.readInt();
            int frames = in.readInt();
            List<StackFrameInfo> list = new ArrayList<>(frames);
            for (int f = 0; f < frames; f++) {
                list.add(new StackFrameInfo(readString(in), readString(in), readString(in), readString(in), in.readInt()));
            }
            traces.put(thread, List.copyOf(list));
        }
        return traces;
    }

    private static void writeInts(DataOutputStream out, int[] values) throws IOException {
        out.writeInt(values.length);
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static int[] readInts(DataInputStream in) throws IOException {
        int[] values = new int[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readInt();
        }
        return values;
    }

    private static void writeLongs(DataOutputStream out, long[] values) throws IOException {
        out.writeInt(values.length);
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static long[] readLongs(DataInputStream in) throws IOException {
        long[] values = new long[in.readInt()];
        for (int i = 0; i < values.length; i++) {
            values[i] = in.readLong();
        }
        return values;
    }

    /** A string of any length, or null (length -1), as UTF-8. */
    private static void writeString(DataOutputStream out, String s) throws IOException {
        if (s == null) {
            out.writeInt(-1);
            return;
        }
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static String readString(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0) {
            return null;
        }
        return new String(in.readNBytes(n), StandardCharsets.UTF_8);
    }
}
