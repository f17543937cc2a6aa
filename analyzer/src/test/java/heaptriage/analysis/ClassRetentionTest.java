package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.Retention;
import heaptriage.heap.HeapClass;
import heaptriage.reference.Snapshots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MAT counts java.lang.Class's own class object twice in its histogram; our exact figure does not. */
class ClassRetentionTest {

    @Test
    void matsFigureForJavaLangClassCountsItsClassObjectTwiceAndOursOnce() throws Exception {
        Retention r = Retention.of(HeapGraph.of(Snapshots.of(Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz"))));
        ClassRetention retained = ClassRetention.of(r);
        HeapClass javaLangClass = r.snapshot().classes().stream().filter(c -> c.name().equals("java.lang.Class")).findFirst().orElseThrow();
        int slot = javaLangClass.slot();
        assertEquals(retained.minimumOfInstances(slot), retained.minimumExact(slot), "the class object is already an instance");
        assertEquals(r.retained(javaLangClass.objectIndex()), retained.minimumWithClassObject(slot) - retained.minimumExact(slot));
        HeapClass string = r.snapshot().classes().stream().filter(c -> c.name().equals("java.lang.String")).findFirst().orElseThrow();
        assertEquals(retained.minimumWithClassObject(string.slot()), retained.minimumExact(string.slot()), "other classes agree");
    }
}
