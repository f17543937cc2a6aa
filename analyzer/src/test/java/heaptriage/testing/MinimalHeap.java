package heaptriage.testing;

import static heaptriage.hprof.BasicType.BOOLEAN;
import static heaptriage.hprof.BasicType.BYTE;
import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.LONG;
import static heaptriage.hprof.BasicType.OBJECT;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A minimal but realistic heap, the same for 4- and 8-byte identifiers (every address fits in 32 bits):
 *
 * <pre>
 * classes (boot loader unless noted; class objects at 0x0F000000 + 0x40 * k, written first, in this order)
 *   java/lang/Object, java/lang/Class, java/lang/ClassLoader {parent}, java/lang/String {value, hash, coder},
 *   [B, [Ljava/lang/Object;, [[Ljava/lang/Object;, java/lang/Thread {name},
 *   com/example/Node {next, int x, name; static ROOT = NODE1, static int COUNT = 2}   (loader APP_LOADER)
 *   com/example/SpecialNode extends Node {long extra, boolean flag}                  (loader APP_LOADER)
 * instances (written in this order, which is not address order)
 *   THREAD     Thread{name = STR}
 *   NODE2      SpecialNode{extra = 42, flag = true, next = null, x = -7, name = null}
 *   NODE1      Node{next = NODE2, x = 1, name = STR}
 *   STR        String{value = BYTES, hash = 0, coder = 0 (LATIN1)}
 *   BYTES      byte[] "hello"
 *   ARRAY      Object[]{NODE1, null, NODE2}
 *   ARRAY2     Object[][]{ARRAY}
 *   APP_LOADER ClassLoader{parent = null}
 * roots
 *   sticky class for the 8 boot classes, thread object THREAD (thread serial 1, trace 1), java frame NODE1 on
 *   thread 1 (so a reference from THREAD, not a root), JNI global ARRAY, java frame STR on thread 7 (no thread
 *   object: a root)
 * stack trace 1 of thread 1: com.example.Node.run(Node.java:42)
 * </pre>
 *
 * Address gaps are multiples of 8 with at least one odd multiple, so the object alignment is 8; the two object
 * arrays are far apart, so 8-byte dumps do not look like compressed references.
 */
public final class MinimalHeap {
    public static final long C_OBJECT = 0x0F00_0000L;
    public static final long C_CLASS = 0x0F00_0040L;
    public static final long C_LOADER = 0x0F00_0080L;
    public static final long C_STRING = 0x0F00_00C0L;
    public static final long C_BYTES = 0x0F00_0100L;
    public static final long C_OBJARR = 0x0F00_0140L;
    public static final long C_OBJARR2 = 0x0F00_0180L;
    public static final long C_THREAD = 0x0F00_01C0L;
    public static final long C_NODE = 0x0F00_0200L;
    public static final long C_SPECIAL = 0x0F00_0240L;

    public static final long NODE1 = 0x0E00_0000L;
    public static final long NODE2 = 0x0E00_0028L;
    public static final long STR = 0x0E00_0060L;
    public static final long BYTES = 0x0E00_0080L;
    public static final long ARRAY = 0x0E00_00A0L;
    public static final long ARRAY2 = 0x0E00_00E0L;
    public static final long THREAD = 0x0E00_0100L;
    public static final long APP_LOADER = 0x0E00_0140L;

    public static final long FRAME_ID = 0x0D00_0010L;
    public static final int THREAD_SERIAL = 1;
    public static final int TRACE_SERIAL = 1;
    public static final int UNKNOWN_THREAD_SERIAL = 7;
    public static final String TEXT = "hello";

    /** Class ids in file order. */
    public static final List<Long> CLASSES = List.of(C_OBJECT, C_CLASS, C_LOADER, C_STRING, C_BYTES, C_OBJARR,
            C_OBJARR2, C_THREAD, C_NODE, C_SPECIAL);
    /** Instance and array ids in file order. */
    public static final List<Long> INSTANCES = List.of(THREAD, NODE2, NODE1, STR, BYTES, ARRAY, ARRAY2, APP_LOADER);
    /** CLASS DUMP, INSTANCE and ARRAY records: the snapshot has one object more, the boot loader's pseudo object. */
    public static final int RECORDS = CLASSES.size() + INSTANCES.size();

    private MinimalHeap() {
    }

    /** A writer of the given id size and version holding the minimal heap, as HEAP DUMP SEGMENTs. */
    public static HprofWriter create(int idSize, String version) {
        return write(HprofWriter.create(idSize, version));
    }

    /** Writes the heap into w; returns w. */
    public static HprofWriter write(HprofWriter w) {
        writeClasses(w);
        writeInstances(w);
        writeRoots(w);
        writeStack(w);
        return w;
    }

    public static void writeClasses(HprofWriter w) {
        String[] none = {};
        w.defineClass(C_OBJECT, "java/lang/Object", 0, none);
        w.defineClass(C_CLASS, "java/lang/Class", C_OBJECT, none);
        w.defineClass(C_LOADER, "java/lang/ClassLoader", C_OBJECT, new String[] {"parent"}, OBJECT);
        w.defineClass(C_STRING, "java/lang/String", C_OBJECT, new String[] {"value", "hash", "coder"}, OBJECT, INT, BYTE);
        w.defineClass(C_BYTES, "[B", C_OBJECT, none);
        w.defineClass(C_OBJARR, "[Ljava/lang/Object;", C_OBJECT, none);
        w.defineClass(C_OBJARR2, "[[Ljava/lang/Object;", C_OBJECT, none);
        w.defineClass(C_THREAD, "java/lang/Thread", C_OBJECT, new String[] {"name"}, OBJECT);
        w.newClass(C_NODE, "com/example/Node").superClass(C_OBJECT).loader(APP_LOADER)
                .staticField("ROOT", OBJECT, NODE1)
                .staticField("COUNT", INT, 2)
                .field("next", OBJECT).field("x", INT).field("name", OBJECT)
                .write();
        w.newClass(C_SPECIAL, "com/example/SpecialNode").superClass(C_NODE).loader(APP_LOADER)
                .field("extra", LONG).field("flag", BOOLEAN)
                .write();
    }

    public static void writeInstances(HprofWriter w) {
        w.instance(THREAD, C_THREAD, STR);
        w.instance(NODE2, C_SPECIAL, 42L, true, 0L, -7, 0L);
        w.instance(NODE1, C_NODE, NODE2, 1, STR);
        w.instance(STR, C_STRING, BYTES, 0, 0);
        w.byteArray(BYTES, TEXT.getBytes(StandardCharsets.ISO_8859_1));
        w.objectArray(ARRAY, C_OBJARR, NODE1, 0, NODE2);
        w.objectArray(ARRAY2, C_OBJARR2, ARRAY);
        w.instance(APP_LOADER, C_LOADER, 0L);
    }

    public static void writeRoots(HprofWriter w) {
        for (long c : List.of(C_OBJECT, C_CLASS, C_LOADER, C_STRING, C_BYTES, C_OBJARR, C_OBJARR2, C_THREAD)) {
            w.rootStickyClass(c);
        }
        w.rootThreadObject(THREAD, THREAD_SERIAL, TRACE_SERIAL);
        w.rootJavaFrame(NODE1, THREAD_SERIAL, 0);
        w.rootJniGlobal(ARRAY, 0x0C00_0008L);
        w.rootJavaFrame(STR, UNKNOWN_THREAD_SERIAL, 0);
    }

    public static void writeStack(HprofWriter w) {
        w.stackFrame(FRAME_ID, "run", "()V", "Node.java", w.classSerial(C_NODE), 42);
        w.stackTrace(TRACE_SERIAL, THREAD_SERIAL, FRAME_ID);
    }
}
