package heaptriage.analysis.connections;

import static heaptriage.hprof.BasicType.BYTE;
import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.BasicType;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * pgjdbc's state rule is "closed when queryExecutor.closeAction.pgStream is null". In a dump cut before the PGStream
 * objects, that reference points at an object lost in the cut: the connections are unknown, never closed, and the
 * leak reads "N open or unknown connections". The fixture has the classes and fields the catalogue expects.
 */
class CutPgjdbcConnectionsTest {
    private static final int LEAKED = 40;
    private static final BasicType[] NO_TYPES = {};

    @TempDir
    Path dir;

    /** Where the objects of each layer start in the file, to cut before them. */
    private record Fixture(HprofWriter writer, long firstCloseAction, long firstStream) {
    }

    /** A static ArrayList of LEAKED open pgjdbc connections; each layer's objects are written together, streams last. */
    private static Fixture pgjdbcLeak(boolean closed) {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        String[] none = {};
        long cObject = w.defineClass("java/lang/Object", 0, none, NO_TYPES);
        w.defineClass("java/lang/Class", cObject, none, NO_TYPES);
        long cString = w.defineClass("java/lang/String", cObject, new String[] {"value", "hash", "coder"}, OBJECT, INT, BYTE);
        long cBytes = w.defineClass("[B", cObject, none, NO_TYPES);
        long cArray = w.defineClass("[Ljava/lang/Object;", cObject, none, NO_TYPES);
        long cList = w.defineClass("java/util/ArrayList", cObject, new String[] {"elementData", "size"}, OBJECT, INT);
        long cConnection = w.defineClass("org/postgresql/jdbc/PgConnection", cObject,
                new String[] {"queryExecutor", "creatingURL"}, OBJECT, OBJECT);
        long cExecutor = w.defineClass("org/postgresql/core/v3/QueryExecutorImpl", cObject,
                new String[] {"closeAction", "pgStream", "database", "user"}, OBJECT, OBJECT, OBJECT, OBJECT);
        long cCloseAction = w.defineClass("org/postgresql/core/QueryExecutorCloseAction", cObject,
                new String[] {"pgStream"}, OBJECT);
        long cStream = w.defineClass("org/postgresql/core/PGStream", cObject, new String[] {"connection", "hostSpec"},
                OBJECT, OBJECT);
        long list = w.newId();
        long cLeaky = w.newId();
        w.newClass(cLeaky, "com/acme/Exports").superClass(cObject).staticField("OPEN", OBJECT, list).write();
        w.rootStickyClass(cLeaky); // roots first, so that they survive the cut
        long bytes = w.newId();
        w.byteArray(bytes, "jdbc:postgresql://db/shop".getBytes(StandardCharsets.ISO_8859_1));
        long url = w.newId();
        w.instance(url, cString, bytes, 0, 0);

        long[] connections = new long[LEAKED];
        long[] executors = new long[LEAKED];
        long[] closeActions = new long[LEAKED];
        long[] streams = new long[LEAKED];
        for (int i = 0; i < LEAKED; i++) {
            connections[i] = w.newId();
            executors[i] = w.newId();
            closeActions[i] = w.newId();
            streams[i] = w.newId();
        }
        long array = w.newId();
        w.instance(list, cList, array, LEAKED);
        w.objectArray(array, cArray, connections);
        for (int i = 0; i < LEAKED; i++) {
            w.instance(connections[i], cConnection, executors[i], url);
        }
        for (int i = 0; i < LEAKED; i++) {
            w.instance(executors[i], cExecutor, closeActions[i], streams[i], 0L, 0L);
        }
        for (int i = 0; i < LEAKED; i++) {
            w.instance(closeActions[i], cCloseAction, closed ? 0L : streams[i]);
        }
        for (int i = 0; i < LEAKED; i++) {
            w.instance(streams[i], cStream, 0L, 0L);
        }
        w.toBytes();
        return new Fixture(w, w.startOf(closeActions[0]), w.startOf(streams[0]));
    }

    private Report report(byte[] bytes, String name) throws Exception {
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, name, bytes))) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        }
    }

    private static Report.Connection postgres(Report r) {
        List<Report.Connection> found = new ArrayList<>();
        r.connections().stream().filter(f -> f.kind().equals("postgresql")).forEach(found::add);
        assertEquals(1, found.size(), r.connections().toString());
        return found.get(0);
    }

    @Test
    void wholeDumpReadsOpenAndClosedByTheCatalogueRule() throws Exception {
        Report.Connection open = postgres(report(pgjdbcLeak(false).writer().toBytes(), "open.hprof"));
        assertEquals(LEAKED, open.open());
        assertTrue(open.isLeak());
        assertEquals("open-connections-held", open.leakType());

        Report.Connection closed = postgres(report(pgjdbcLeak(true).writer().toBytes(), "closed.hprof"));
        assertEquals(LEAKED, closed.closed(), "pgStream null: the rule says closed");
    }

    @Test
    void streamsLostInTheCutMakeTheConnectionsUnknownNeverClosed() throws Exception {
        Fixture f = pgjdbcLeak(false);
        byte[] cut = Dumps.cut(f.writer().toBytes(), f.firstStream() + 5);
        Report r = report(cut, "cut-streams.hprof");
        assertTrue(r.dump().truncated());
        Report.Connection pg = postgres(r);
        assertEquals(LEAKED, pg.count());
        assertEquals(0, pg.closed(), "a reference to a lost object is not null");
        assertEquals(LEAKED, pg.unknown());
        assertTrue(pg.isLeak(), "open or unknown connections held by a static field are a leak in a cut dump");
        assertEquals("open-connections-held", pg.leakType());
        assertTrue(pg.partial());
        assertTrue(pg.summary().startsWith(LEAKED + " open or unknown PostgreSQL JDBC connections (pgjdbc) are held by"
                + " the static field com.acme.Exports.OPEN"), pg.summary());
        assertFalse(r.verdict().toLowerCase().contains("closed"), r.verdict());
    }

    @Test
    void theStateSaysWhichReferenceWasLost() throws Exception {
        Fixture f = pgjdbcLeak(false);
        try (HeapSnapshot s = Dumps.index(Dumps.write(dir, "cut.hprof", Dumps.cut(f.writer().toBytes(), f.firstStream())))) {
            ConnectionInspector inspector = ConnectionInspector.of(s);
            int connection = inspector.recognizer().find().stream()
                    .filter(m -> m.kind().kind().equals("postgresql")).findFirst().orElseThrow().objects()[0];
            ConnectionInfo info = inspector.inspect(connection);
            assertEquals(ConnectionState.UNKNOWN, info.state());
            assertEquals("queryExecutor.closeAction.pgStream points at an object missing from the dump (lost in the cut),"
                    + " so its state cannot be read", info.stateEvidence());
            assertEquals("unknown: queryExecutor.pgStream.hostSpec.host points at an object missing from the dump"
                    + " (lost in the cut)", info.facts().get("host"));
        }
    }

    @Test
    void closeActionsLostInTheCutMakeTheConnectionsUnknownToo() throws Exception {
        Fixture f = pgjdbcLeak(true); // closed in the whole dump, but the cut hides that: unknown, not closed, not open
        Report r = report(Dumps.cut(f.writer().toBytes(), f.firstCloseAction() + 3), "cut-actions.hprof");
        Report.Connection pg = postgres(r);
        assertEquals(0, pg.closed());
        assertEquals(0, pg.open());
        assertEquals(LEAKED, pg.unknown());
    }
}
