package heaptriage.analysis;

import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.heap.HeapClass;
import heaptriage.reference.Snapshots;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** MAT counts java.lang.Class's own class object twice in its histogram; our exact figure does not. */
class ClassRetainedSizesTest {

    @Test
    void matsFigureForJavaLangClassCountsItsClassObjectTwiceAndOursOnce() throws Exception {
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(Snapshots.of(Path.of("..", "sample-dumps", "dumps", "h2-leak.hprof.gz"))));
        ClassRetainedSizes retained = ClassRetainedSizes.of(r);
        HeapClass javaLangClass = r.snapshot().classes().stream().filter(c -> c.name().equals("java.lang.Class")).findFirst().orElseThrow();
        int slot = javaLangClass.slot();
        assertEquals(retained.minimumOfInstances(slot), retained.minimumWithClassObjectOnce(slot), "the class object is already an instance");
        assertEquals(r.retained(javaLangClass.objectIndex()), retained.minimumWithClassObject(slot) - retained.minimumWithClassObjectOnce(slot));
        HeapClass string = r.snapshot().classes().stream().filter(c -> c.name().equals("java.lang.String")).findFirst().orElseThrow();
        assertEquals(retained.minimumWithClassObject(string.slot()), retained.minimumWithClassObjectOnce(string.slot()), "other classes agree");
    }
}
