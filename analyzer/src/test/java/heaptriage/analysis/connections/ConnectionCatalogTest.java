package heaptriage.analysis.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The built-in catalogue loads; users' rules files merge over it; bad files are rejected naming line and entry. */
class ConnectionCatalogTest {
    @TempDir
    Path dir;

    private static CatalogException rejected(String json) {
        return assertThrows(CatalogException.class, () -> ConnectionCatalog.parse("rules.json", json));
    }

    /** A one-kind catalogue with the given extra lines inside the entry. */
    private static String oneKind(String extra) {
        return """
                {
                  "version": 1,
                  "kinds": [
                    {
                      "kind": "acme",
                      "category": "jdbc",
                      "displayName": "ACME connection",
                      "classNames": ["com.acme.AcmeConnection"]%s
                    }
                  ]
                }
                """.formatted(extra);
    }

    @Test
    void builtInCatalogueLoadsWithUniqueKindsEachCitingItsSource() {
        ConnectionCatalog c = ConnectionCatalog.builtIn();
        Set<String> ids = new HashSet<>();
        for (ConnectionKind k : c.kinds()) {
            assertTrue(ids.add(k.kind()), "duplicate " + k.kind());
            assertFalse(k.source().isBlank(), k.kind() + " has no source");
            assertFalse(k.displayName().isBlank());
        }
        for (String expected : List.of("h2", "postgresql", "mysql", "mariadb", "sqlserver", "oracle", "db2",
                "hikari-proxy", "hikari-pool-entry", "java-socket", "jdk-socket-channel", "okhttp", "jedis",
                "lettuce", "mongodb", "rabbitmq", "activemq", "unrecognized-connection")) {
            assertTrue(c.kind(expected).isPresent(), expected);
        }
        for (String pool : List.of("hikari", "dbcp2", "dbcp1", "tomcat-jdbc", "c3p0", "agroal", "vibur")) {
            assertTrue(c.pool(pool).isPresent(), pool);
            assertFalse(c.pool(pool).get().source().isBlank());
        }
        assertEquals(1, c.kinds().stream().filter(ConnectionKind::lowConfidence).count());
    }

    @Test
    void aMinimalValidEntryParses() {
        ConnectionCatalog c = ConnectionCatalog.parse("rules.json", oneKind("""
                ,
                "state": [{"field": "closed", "closedWhen": true}, {"field": "socket", "inherit": true}],
                "facts": {"url": "url", "host": ["host", "server.host"]},
                "wraps": ["socket", "channels[].socket"]"""));
        ConnectionKind k = c.kinds().get(0);

        assertEquals("acme", k.kind());
        assertEquals(2, k.state().size());
        assertEquals(ConnectionState.CLOSED, k.state().get(0).result());
        assertTrue(k.state().get(1).inherit());
        assertEquals(2, k.facts().get("host").paths().size());
        assertEquals(FieldPath.Step.ELEMENTS, k.wraps().get(1).segments().get(0).step());
    }

    @Test
    void anUnknownKeyIsReportedWithItsLineAndTheEntry() {
        CatalogException e = rejected(oneKind(",\n      \"clasNames\": [\"x.Y\"]"));

        assertEquals(9, e.line(), e.getMessage());
        assertTrue(e.getMessage().startsWith("rules.json:9:"), e.getMessage());
        assertTrue(e.getMessage().contains("kinds[0] (kind 'acme')"), e.getMessage());
        assertTrue(e.getMessage().contains("unknown key 'clasNames'"), e.getMessage());
    }

    @Test
    void brokenJsonIsReportedWithItsLine() {
        CatalogException e = rejected("{\n  \"version\": 1,\n  \"kinds\": [\n    {\"kind\": \"a\",}\n  ]\n}");

        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("not valid JSON"), e.getMessage());
    }

    @Test
    void aStateRuleNeedsExactlyOneDecision() {
        CatalogException none = rejected(oneKind(",\n\"state\": [{\"field\": \"closed\"}]"));
        assertTrue(none.getMessage().contains("state[0]: give exactly one of"), none.getMessage());

        CatalogException two = rejected(oneKind(
                ",\n\"state\": [{\"field\": \"closed\", \"closedWhen\": true, \"openWhen\": false}]"));
        assertTrue(two.getMessage().contains("found closedWhen, openWhen"), two.getMessage());
    }

    @Test
    void aConditionOfTheWrongShapeIsExplained() {
        CatalogException e = rejected(oneKind(",\n\"state\": [{\"field\": \"state\", \"closedWhen\": {\"bits\": 8}}]"));

        assertEquals(9, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("is not a condition"), e.getMessage());
        assertTrue(e.getMessage().contains("bitsSet"), e.getMessage());
    }

    @Test
    void malformedFieldPathsAndClassNamesAreRejected() {
        CatalogException path = rejected(oneKind(",\n\"facts\": {\"url\": \"conf..url\"}"));
        assertTrue(path.getMessage().contains("facts.url: malformed segment ''"), path.getMessage());

        CatalogException elements = rejected(oneKind(",\n\"state\": [{\"field\": \"items[]\", \"closedWhen\": true}]"));
        assertTrue(elements.getMessage().contains("'[]' (all elements) is not allowed here"), elements.getMessage());

        CatalogException cls = rejected(oneKind(",\n\"superclasses\": [\"com/acme/Base\"]"));
        assertTrue(cls.getMessage().contains("is not a binary class name"), cls.getMessage());
    }

    @Test
    void missingRequiredFieldsAndDuplicateKindsAreRejected() {
        CatalogException noKind = rejected("{\"version\": 1, \"kinds\": [{\"category\": \"jdbc\"}]}");
        assertTrue(noKind.getMessage().contains("kinds[0]: \"kind\" (a string id) is required"), noKind.getMessage());

        CatalogException noMatch = rejected(
                "{\"version\": 1, \"kinds\": [{\"kind\": \"a\", \"category\": \"jdbc\", \"displayName\": \"A\"}]}");
        assertTrue(noMatch.getMessage().contains("give at least one of \"classNames\""), noMatch.getMessage());

        String entry = "{\"kind\": \"a\", \"category\": \"jdbc\", \"displayName\": \"A\", \"classNames\": [\"a.A\"]}";
        CatalogException twice = rejected("{\"version\": 1, \"kinds\": [" + entry + ",\n" + entry + "]}");
        assertEquals(2, twice.line());
        assertTrue(twice.getMessage().contains("kind 'a' is defined twice"), twice.getMessage());

        CatalogException version = rejected("{\"version\": 2, \"kinds\": []}");
        assertTrue(version.getMessage().contains("\"version\" must be 1"), version.getMessage());
    }

    @Test
    void guessingByNameMustBeMarkedLowConfidence() {
        CatalogException e = rejected("""
                {"version": 1, "kinds": [{"kind": "g", "category": "unknown", "displayName": "G",
                  "nameSuffixes": ["Connection"]}]}""");
        assertTrue(e.getMessage().contains("must say \"lowConfidence\": true"), e.getMessage());
    }

    @Test
    void poolCountsAcceptPathsCountsWithFiltersAndDifferences() {
        ConnectionCatalog c = ConnectionCatalog.parse("rules.json", """
                {"version": 1, "pools": [{"kind": "p", "displayName": "P", "classNames": ["a.Pool"],
                  "maxSize": ["max", "config.max"],
                  "active": {"count": "entries[].holders", "where": {"field": "state", "is": ["BUSY", 1]}},
                  "idle": {"subtract": ["size", {"count": "busy"}]}}]}""");
        PoolKind p = c.pools().get(0);

        assertTrue(p.maxSize() instanceof CountSpec.Read);
        assertTrue(p.active() instanceof CountSpec.Count count && count.where() instanceof Condition.AnyOf);
        assertTrue(p.idle() instanceof CountSpec.Difference);

        CatalogException bad = rejected("""
                {"version": 1, "pools": [{"kind": "p", "displayName": "P", "classNames": ["a.Pool"],
                  "active": {"count": "busy", "where": {"field": "state"}}}]}""");
        assertEquals(2, bad.line());
        assertTrue(bad.getMessage().contains("\"where\" must be {\"field\": path, \"is\": condition}"),
                bad.getMessage());
    }

    @Test
    void aUsersRulesFileReplacesBuiltInKindsAndAddsNewOnes() throws Exception {
        Path rules = Files.writeString(dir.resolve("my-rules.json"), """
                {
                  "version": 1,
                  "kinds": [
                    {"kind": "h2", "category": "jdbc", "displayName": "H2 (my rules)",
                     "classNames": ["org.h2.jdbc.JdbcConnection"]},
                    {"kind": "acme", "category": "jdbc", "displayName": "ACME",
                     "superclasses": ["com.acme.AbstractConnection"]}
                  ]
                }
                """);
        ConnectionCatalog c = ConnectionCatalog.load(rules);

        assertEquals("H2 (my rules)", c.kind("h2").orElseThrow().displayName());
        assertEquals("acme", c.kinds().get(1).kind(), "user entries come first");
        assertTrue(c.kind("postgresql").isPresent(), "built-in entries are kept");
        assertEquals(ConnectionCatalog.builtIn().kinds().size() + 1, c.kinds().size());
        assertEquals(ConnectionCatalog.builtIn().pools().size(), c.pools().size());
    }

    @Test
    void anInvalidRulesFileIsReportedByItsPath() throws Exception {
        Path rules = Files.writeString(dir.resolve("bad.json"), "{\"version\": 1,\n \"kinds\": {}}");
        CatalogException e = assertThrows(CatalogException.class, () -> ConnectionCatalog.load(rules));

        assertEquals(rules.toString(), e.source());
        assertTrue(e.getMessage().startsWith(rules + ":2:"), e.getMessage());
        assertTrue(e.getMessage().contains("kinds: expected a list, not an object"), e.getMessage());
        assertTrue(e instanceof IllegalArgumentException);
    }

    @Test
    void jacksonRefusesDuplicateKeysCoercionsNullItemsAndTrailingContentNamingLineAndColumn() {
        CatalogException duplicate = rejected(oneKind(",\n      \"displayName\": \"again\""));
        assertEquals(9, duplicate.line(), duplicate.getMessage());
        assertTrue(duplicate.getMessage().contains("not valid JSON: Duplicate field 'displayName'"),
                duplicate.getMessage());

        CatalogException quoted = rejected(oneKind(",\n      \"lowConfidence\": \"true\""));
        assertEquals(9, quoted.line(), quoted.getMessage());
        assertTrue(quoted.getMessage().contains("kinds[0] (kind 'acme'): lowConfidence: expected true or false, "
                + "not \"true\""), quoted.getMessage());

        CatalogException number = rejected(oneKind(",\n      \"source\": 42"));
        assertTrue(number.getMessage().contains("source: expected a string, not 42"), number.getMessage());

        CatalogException nullItem = rejected(oneKind(",\n      \"superclasses\": [\"a.B\", null]"));
        assertTrue(nullItem.getMessage().startsWith("rules.json:9:"), nullItem.getMessage());
        assertTrue(nullItem.getMessage().contains("superclasses[1]: null is not allowed"), nullItem.getMessage());

        CatalogException trailing = rejected("{\"version\": 1}\n{}");
        assertEquals(2, trailing.line(), trailing.getMessage());
        assertTrue(trailing.getMessage().contains("unexpected content after the end"), trailing.getMessage());

        CatalogException empty = rejected("  // nothing but a comment\n");
        assertTrue(empty.getMessage().endsWith("the file is empty"), empty.getMessage());
    }

    @Test
    void anUnknownKeyInsideAStateRuleIsReportedAtTheKeyNotAtTheEndOfTheRule() {
        CatalogException e = rejected(oneKind(",\n\"state\": [{\"field\": \"closed\",\n"
                + "  \"closedWhen\": true,\n  \"closedwhen\": false}]"));

        assertEquals(11, e.line(), e.getMessage());
        assertEquals(3, e.column(), e.getMessage());
        assertTrue(e.getMessage().contains("kinds[0] (kind 'acme'): state[0]: unknown key 'closedwhen'"),
                e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), "one line");
    }

    @Test
    void fieldPathsParseFieldsElementsAndKeys() {
        FieldPath p = FieldPath.parse("a.b[].c[user].this$0");

        assertEquals(List.of("a", "b", "c", "this$0"), p.segments().stream().map(FieldPath.Segment::field).toList());
        assertEquals(FieldPath.Step.ELEMENTS, p.segments().get(1).step());
        assertEquals("user", p.segments().get(2).key());
        assertTrue(FieldPath.parse("config.credentials.value.password").touchesSecret());
        assertFalse(FieldPath.parse("config.credentials.value.username").touchesSecret());
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse("a.1b"));
        assertThrows(IllegalArgumentException.class, () -> FieldPath.parse(""));
    }

    @Test
    void classGlobsMatchWithStarsOnly() {
        Condition.ClassIs glob = new Condition.ClassIs("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection*");
        assertTrue(glob.matches("com.zaxxer.hikari.pool.ProxyConnection$ClosedConnection$$Lambda$40+0x00007f76140cc208"));
        assertFalse(glob.matches("org.h2.jdbc.JdbcConnection"));
        assertTrue(new Condition.ClassIs("*ClosedConnection*").matches("io.agroal.pool.wrapper.closed.ClosedConnection"));
        assertTrue(new Condition.ClassIs("a.B").matches("a.B"));
        assertFalse(new Condition.ClassIs("a.B").matches("a.BC"));
        assertFalse(new Condition.ClassIs("*x*y").matches("yx"));
    }
}
