package heaptriage.analysis.connections;

import static heaptriage.hprof.BasicType.BOOLEAN;
import static heaptriage.hprof.BasicType.BYTE;
import static heaptriage.hprof.BasicType.INT;
import static heaptriage.hprof.BasicType.OBJECT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import heaptriage.heap.HeapSnapshot;
import heaptriage.hprof.BasicType;
import heaptriage.testing.Dumps;
import heaptriage.testing.HprofWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The recognition and reading rules on a small hand-written heap with shapes the sample dumps lack: a JDK 19+
 * {@code java.net.Socket} (int state bits) and a subclass of it, an enum-valued state, a map lookup in a path, a
 * password inside a URL, and classes only guessed by name.
 */
class RecognitionRulesOnASyntheticHeapTest {
    @TempDir
    static Path dir;
    static HeapSnapshot heap;
    static long socketOpen;
    static long socketClosed;
    static long socketNew;
    static long h2;
    static long sqlServer;
    static long legacy;
    static long closedProxy;
    static long widget;

    private static final BasicType[] NO_TYPES = {};
    private static long cString;
    private static long cBytes;

    private static long string(HprofWriter w, String text) {
        long bytes = w.newId();
        w.byteArray(bytes, text.getBytes(StandardCharsets.ISO_8859_1));
        long s = w.newId();
        w.instance(s, cString, bytes, 0, 0);
        return s;
    }

    @BeforeAll
    static void writeHeap() throws Exception {
        HprofWriter w = HprofWriter.create(8, "1.0.2");
        String[] none = {};
        long cObject = w.defineClass("java/lang/Object", 0, none, NO_TYPES);
        w.defineClass("java/lang/Class", cObject, none, NO_TYPES);
        cString = w.defineClass("java/lang/String", cObject, new String[] {"value", "hash", "coder"}, OBJECT, INT, BYTE);
        cBytes = w.defineClass("[B", cObject, none, NO_TYPES);
        long cEnum = w.defineClass("java/lang/Enum", cObject, new String[] {"name", "ordinal"}, OBJECT, INT);
        long cSocket = w.defineClass("java/net/Socket", cObject, new String[] {"impl", "state"}, OBJECT, INT);
        long cTuned = w.defineClass("com/acme/TunedSocket", cSocket, new String[] {"tuning"}, INT);
        long cH2 = w.defineClass("org/h2/jdbc/JdbcConnection", cObject, new String[] {"session", "url", "user"},
                OBJECT, OBJECT, OBJECT);
        long cMap = w.defineClass("java/util/HashMap", cObject, new String[] {"table", "size"}, OBJECT, INT);
        long cNode = w.defineClass("java/util/HashMap$Node", cObject, new String[] {"key", "value", "next"},
                OBJECT, OBJECT, OBJECT);
        long cNodes = w.defineClass("[Ljava/util/HashMap$Node;", cObject, none, NO_TYPES);
        long cState = w.defineClass("com/microsoft/sqlserver/jdbc/SQLServerConnection$State", cEnum, none, NO_TYPES);
        long cMssqlBase = w.defineClass("com/microsoft/sqlserver/jdbc/SQLServerConnection", cObject,
                new String[] {"state", "activeConnectionProperties"}, OBJECT, OBJECT);
        long cMssql = w.defineClass("com/microsoft/sqlserver/jdbc/SQLServerConnection43", cMssqlBase, none, NO_TYPES);
        long cLegacy = w.defineClass("com/acme/LegacyConnection", cObject, new String[] {"closed", "url"},
                BOOLEAN, OBJECT);
        long cClosed = w.defineClass("com/acme/Pool$ClosedConnection", cObject, none, NO_TYPES);
        long cWidget = w.defineClass("com/acme/Widget", cObject, none, NO_TYPES);

        widget = w.newId();
        w.instance(widget, cWidget);
        socketOpen = w.newId();
        w.instance(socketOpen, cSocket, 0L, 1 | 2 | 4);
        socketClosed = w.newId();
        w.instance(socketClosed, cTuned, 7, 0L, 1 | 2 | 4 | 8);
        socketNew = w.newId();
        w.instance(socketNew, cSocket, 0L, 1);
        h2 = w.newId();
        w.instance(h2, cH2, widget, string(w, "jdbc:h2:tcp://db/shop;PASSWORD=hunter2"), string(w, "sa"));

        long closedState = w.newId();
        w.instance(closedState, cState, string(w, "CLOSED"), 3);
        long node1 = w.newId();
        w.instance(node1, cNode, string(w, "user"), string(w, "sa"), 0L);
        long node2 = w.newId();
        w.instance(node2, cNode, string(w, "password"), string(w, "hunter2"), 0L);
        long table = w.newId();
        w.objectArray(table, cNodes, node1, 0, node2, 0);
        long props = w.newId();
        w.instance(props, cMap, table, 2);
        sqlServer = w.newId();
        w.instance(sqlServer, cMssql, closedState, props);

        legacy = w.newId();
        w.instance(legacy, cLegacy, true, string(w, "jdbc:legacy://app:hunter2@db/shop"));
        closedProxy = w.newId();
        w.instance(closedProxy, cClosed);
        w.rootUnknown(widget);

        Path file = Files.write(dir.resolve("synthetic.hprof"), w.toBytes());
        heap = Dumps.index(file);
    }

    @AfterAll
    static void close() throws Exception {
        heap.close();
    }

    private static int at(long address) {
        return heap.indexOf(address);
    }

    private static ConnectionInspector inspector(ConnectionCatalog catalog, boolean showSecrets) {
        return new ConnectionInspector(ConnectionRecognizer.of(heap, catalog), showSecrets);
    }

    @Test
    void socketsAndTheirSubclassesAreReadFromTheJdk19StateBits() throws Exception {
        ConnectionInspector in = inspector(ConnectionCatalog.builtIn(), false);

        assertEquals(3, in.recognizer().objectsOf("java-socket", null).length);
        assertEquals("java-socket", in.recognizer().kindOf(at(socketClosed)).kind(), "TunedSocket extends Socket");
        assertEquals(ConnectionState.OPEN, in.state(at(socketOpen)));
        assertEquals(ConnectionState.CLOSED, in.state(at(socketClosed)));
        assertEquals("state = 15", in.inspect(at(socketClosed)).stateEvidence());
        assertEquals(ConnectionState.NOT_CONNECTED, in.state(at(socketNew)));
    }

    @Test
    void anExactClassNameBeatsASuperClassMatch() throws Exception {
        ConnectionCatalog mine = ConnectionCatalog.parse("mine.json", """
                {"version": 1, "kinds": [{"kind": "tuned", "category": "socket", "displayName": "Tuned",
                  "classNames": ["com.acme.TunedSocket"]}]}""").over(ConnectionCatalog.builtIn());
        ConnectionRecognizer r = ConnectionRecognizer.of(heap, mine);

        assertEquals("tuned", r.kindOf(at(socketClosed)).kind());
        assertEquals("java-socket", r.kindOf(at(socketOpen)).kind());
    }

    @Test
    void passwordsInUrlFactsAreMaskedUnlessSecretsAreShown() throws Exception {
        ConnectionInfo masked = inspector(ConnectionCatalog.builtIn(), false).inspect(at(h2));
        assertEquals(ConnectionState.OPEN, masked.state());
        assertEquals("jdbc:h2:tcp://db/shop;PASSWORD=***", masked.facts().get("url"));
        assertEquals("sa", masked.facts().get("user"));

        ConnectionInfo shown = inspector(ConnectionCatalog.builtIn(), true).inspect(at(h2));
        assertEquals("jdbc:h2:tcp://db/shop;PASSWORD=hunter2", shown.facts().get("url"));
    }

    @Test
    void enumStatesAndMapLookupsAreReadAndPropertyPasswordsMasked() throws Exception {
        ConnectionInfo info = inspector(ConnectionCatalog.builtIn(), false).inspect(at(sqlServer));

        assertEquals("sqlserver", info.kind().kind(), "SQLServerConnection43 is matched by its super class");
        assertEquals(ConnectionState.CLOSED, info.state());
        assertEquals("state = CLOSED", info.stateEvidence());
        assertEquals("sa", info.facts().get("user"));
        assertEquals(Redactor.MASK, info.facts().get("password"));
        assertEquals("hunter2", inspector(ConnectionCatalog.builtIn(), true).facts(at(sqlServer)).get("password"));
    }

    @Test
    void unknownClassesNamedLikeConnectionsAreGuessedWithLowConfidence() throws Exception {
        ConnectionInspector in = inspector(ConnectionCatalog.builtIn(), false);
        ConnectionInfo info = in.inspect(at(legacy));

        assertEquals("unrecognized-connection", info.kind().kind());
        assertTrue(info.kind().lowConfidence());
        assertEquals(ConnectionState.CLOSED, info.state());
        assertEquals("jdbc:legacy://app:***@db/shop", info.facts().get("url"));
        assertNull(in.recognizer().kindOf(at(closedProxy)), "$ClosedConnection placeholders are excluded");
        assertNull(in.recognizer().kindOf(at(widget)));
        assertThrows(IllegalArgumentException.class, () -> in.inspect(at(widget)));

        ConnectionRecognizer noGuess = ConnectionRecognizer.of(heap, ConnectionCatalog.builtIn(), false);
        assertNull(noGuess.kindOf(at(legacy)));
    }

    @Test
    void aUserRuleTurnsAGuessIntoARecognisedKind() throws Exception {
        ConnectionCatalog mine = ConnectionCatalog.parse("mine.json", """
                {"version": 1, "kinds": [{"kind": "acme-legacy", "category": "jdbc", "displayName": "ACME legacy",
                  "classNames": ["com.acme.LegacyConnection"],
                  "state": [{"field": "closed", "openWhen": true}]}]}""").over(ConnectionCatalog.builtIn());
        ConnectionInfo info = inspector(mine, false).inspect(at(legacy));

        assertEquals("acme-legacy", info.kind().kind());
        assertEquals(ConnectionState.OPEN, info.state(), "the user's rule, however odd, is the one applied");
        assertTrue(info.facts().isEmpty());
    }
}
