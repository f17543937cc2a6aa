package heaptriage.analysis;

import heaptriage.heap.HeapSnapshot;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Text as JDK 5 to 8 keep it, on a hand-built 4-byte-id dump: a Thread's name is a char[] (not a String) until JDK 9,
 * and a String of JDK 6 and 7 (up to 7u6) is {@code count} chars from {@code offset} of a char[] it may share with
 * the string it was cut from. Seen on Eclipse MAT's JDK 6 and 8 test dumps, where threads were named by address.
 */
class OldJdkTextTest {
    private static final heaptriage.hprof.BasicType[] NO_TYPES = {};

    @TempDir
    Path dir;

    @Test
    void aThreadNamedByACharArrayIsNamedAndASubstringIsOnlyItsOwnChars() throws Exception {
        HprofWriter w = HprofWriter.create(4, "1.0.1");
        String[] none = {};
        long object = w.defineClass("java/lang/Object", 0, none, NO_TYPES);
        long string = w.defineClass("java/lang/String", object, new String[] {"value", "offset", "count", "hash"},
                OBJECT, INT, INT, INT);
        long chars = w.defineClass("[C", object, none, NO_TYPES);
        long thread = w.defineClass("java/lang/Thread", object, new String[] {"name"}, OBJECT);
        long threadObject = w.newId();
        long threadName = w.newId();
        long whole = w.newId();
        long substring = w.newId();
        long text = w.newId();
        w.instance(threadObject, thread, threadName);
        w.charArray(threadName, "main");
        w.charArray(text, "jdbc:h2:mem:billing");
        w.instance(whole, string, text, 0, 19, 0);
        w.instance(substring, string, text, 12, 7, 0);
        w.rootStickyClass(object);
        w.rootStickyClass(string);
        w.rootStickyClass(chars);
        w.rootStickyClass(thread);
        w.rootThreadObject(threadObject, 1, 0);
        w.rootJniGlobal(whole, w.newId());
        w.rootJniGlobal(substring, w.newId());

        try (HeapSnapshot s = Dumps.index(w.writeTo(dir.resolve("jdk6.hprof")))) {
            assertEquals("main", Threads.nameOf(s, s.indexOf(threadObject)));
            assertEquals("jdbc:h2:mem:billing", s.stringValue(s.indexOf(whole)));
            assertEquals("billing", s.stringValue(s.indexOf(substring)));
            assertNull(s.stringValue(s.indexOf(threadName)), "a char[] is no String");
            assertEquals("main", s.textValue(s.indexOf(threadName)));
        }
    }
}
