package heaptriage.analysis;

import org.junit.jupiter.api.Tag;
import heaptriage.heap.HeapIndexer;
import heaptriage.heap.HeapSnapshot;
import heaptriage.heap.IndexListener;
import heaptriage.hprof.DumpFile;
import heaptriage.report.Report;
import heaptriage.report.ReportBuilder;
import heaptriage.report.ReportOptions;
import heaptriage.samples.GeneratedDump;
import heaptriage.samples.Options;
import heaptriage.samples.SampleDumps;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The headline on dumps of real small applications, generated on the fly (a child JVM runs the scenario, jcmd
 * dumps it): a big healthy cache, a 3,000,000-node chain, an application object holding several big fields, and a
 * leak through an instance field of a singleton. Each headline names the field the application's code declares;
 * the healthy cache and the chain get no application suspect (so {@code --fail-on suspect} stays 0) and no leak in
 * the verdict; the object whose fields split the heap is MAT's accumulation point, application code, so a suspect.
 * The healthy pool is the committed hikari-healthy dump (see {@link RetentionTreeOnRealDumpsTest} and the CLI test).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Tag("slow") // starts child JVMs to generate its dumps: runs in the integration-test phase (mvn verify)
class GeneratedHeadlineTest {
    private static final List<String> SCENARIOS = List.of("big-cache", "several-fields", "singleton-leak", "deep-chain");

    @TempDir
    static Path dir;
    private static ExecutorService generator;
    private static final Map<String, Future<GeneratedDump>> DUMPS = new LinkedHashMap<>();

    @BeforeAll
    static void startGenerating() {
        generator = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sample-dump-generator");
            t.setDaemon(true);
            return t;
        });
        for (String scenario : SCENARIOS) {
            DUMPS.put(scenario, generator.submit(() -> SampleDumps.generate(scenario, dir, Options.defaults())));
        }
    }

    @AfterAll
    static void stopGenerating() throws InterruptedException {
        generator.shutdownNow();
        generator.awaitTermination(2, TimeUnit.MINUTES);
    }

    private static Report report(String scenario) throws Exception {
        GeneratedDump dump;
        try {
            dump = DUMPS.get(scenario).get(5, TimeUnit.MINUTES);
        } catch (ExecutionException e) {
            throw new AssertionError(scenario + ": generating the dump failed: " + e.getCause().getMessage(), e.getCause());
        }
        try (HeapSnapshot s = HeapIndexer.index(DumpFile.open(dump.dump()), IndexListener.NONE)) {
            return ReportBuilder.build(s, ReportOptions.defaults(), IndexListener.NONE);
        } finally {
            java.nio.file.Files.deleteIfExists(dump.dump()); // the big ones should not pile up in the temporary folder
        }
    }

    private static void assertHealthy(Report r, String scenario) {
        assertTrue(r.suspects().stream().noneMatch(Report.Suspect::application),
                scenario + ": no application suspect, so --fail-on suspect stays 0: " + r.suspects());
        assertTrue(r.connections().stream().noneMatch(Report.Connection::isLeak), scenario + ": no connection leak");
        assertTrue(r.verdict().startsWith("No connection leak found. "), scenario + ": " + r.verdict());
    }

    @Test
    @Order(1)
    void bigCacheHeadlineIsTheStaticProductCacheAConcurrentHashMapOf50000ProductsAndNotALeak() throws Exception {
        Report r = report("big-cache");
        RetentionTree.Headline h = r.headline();

        assertNotNull(h);
        assertEquals(Reference.staticField("com.acme.catalog.ProductCache", "products"), h.holder());
        assertEquals("java.util.concurrent.ConcurrentHashMap", h.className());
        assertEquals(new RetentionTree.Contents(RetentionTree.ContainerKind.COLLECTION, 50_000, "com.acme.catalog.Product",
                h.contents().elementBytes(), 100_000), h.contents(), "50,000 products and their 50,000 String keys");
        assertTrue(h.percentOfHeap() > 80, "the cache is most of the heap: " + h.percentOfHeap());
        assertFalse(r.suspects().isEmpty(), "MAT calls the class loader that holds it a suspect");
        assertEquals(Reference.staticField("com.acme.catalog.ProductCache", "products"), r.suspects().get(0).applicationField());
        assertHealthy(r, "big-cache");
        assertTrue(r.verdict().contains("is held by com.acme.catalog.ProductCache.products (static), a"
                + " java.util.concurrent.ConcurrentHashMap of 50,000 entries of com.acme.catalog.Product"), r.verdict());
    }

    @Test
    @Order(2)
    void severalFieldsHeadlineIsWarehouseAppInstanceWithItsThreeBigFieldsAsParts() throws Exception {
        Report r = report("several-fields");
        RetentionTree.Headline h = r.headline();

        assertNotNull(h);
        assertEquals(Reference.staticField("com.acme.warehouse.WarehouseApp", "instance"), h.holder());
        assertEquals("com.acme.warehouse.WarehouseApp", h.className());
        List<Reference> parts = h.parts().stream().map(RetentionTree.Node::reference).toList();
        assertEquals(List.of("stockByBin", "pickLists", "floorPlans").stream()
                        .map(f -> Reference.instanceField("com.acme.warehouse.WarehouseApp", f)).sorted(java.util.Comparator.comparing(Reference::name)).toList(),
                parts.stream().sorted(java.util.Comparator.comparing(Reference::name)).toList(), "the three big fields: " + h.parts());
        for (RetentionTree.Node part : h.parts()) {
            assertTrue(part.retainedBytes() * 2 < h.retainedBytes(), "none is most of it: " + part);
        }
        RetentionTree.Node stock = h.parts().stream().filter(p -> p.reference().name().equals("stockByBin")).findFirst().orElseThrow();
        assertEquals(40_000, stock.contents().elements());
        assertEquals("com.acme.warehouse.WarehouseApp$StockItem", stock.contents().elementClass());
        RetentionTree.Node plans = h.parts().stream().filter(p -> p.reference().name().equals("floorPlans")).findFirst().orElseThrow();
        assertEquals(new RetentionTree.Contents(RetentionTree.ContainerKind.ARRAY, 12, "byte[]", plans.contents().elementBytes()),
                plans.contents());
        // MAT's suspect (the class loader) accumulates in the WarehouseApp object: application code, so a suspect.
        Report.Suspect top = r.suspects().get(0);
        assertTrue(top.application(), top.toString());
        assertEquals(Reference.staticField("com.acme.warehouse.WarehouseApp", "instance"), top.applicationField());
        assertTrue(r.verdict().startsWith("Leak suspect: ") && r.verdict().contains(
                "is held by com.acme.warehouse.WarehouseApp.instance (static), mostly in "), r.verdict());
    }

    @Test
    @Order(3)
    void singletonLeakHeadlineIsTheInstanceFieldSubscriptionsOfTheNotificationHub() throws Exception {
        Report r = report("singleton-leak");
        RetentionTree.Headline h = r.headline();

        assertNotNull(h);
        assertEquals(Reference.instanceField("com.acme.notify.NotificationHub", "subscriptions"), h.holder());
        assertEquals("java.util.ArrayList", h.className());
        assertEquals(18_000, h.contents().elements());
        assertEquals("com.acme.notify.Subscription", h.contents().elementClass());
        assertTrue(h.percentOfHeap() > 50, h.toString());
        // The tree shows how it is reached: the static field INSTANCE, then the instance field.
        List<RetentionTree.Node> nodes = r.retentionTree();
        int at = indexOf(nodes, Reference.instanceField("com.acme.notify.NotificationHub", "subscriptions"));
        RetentionTree.Node parent = nodes.get(at - 1);
        assertEquals(Reference.staticField("com.acme.notify.NotificationHub", "INSTANCE"), parent.reference());
        assertEquals(parent.depth() + 1, nodes.get(at).depth());
        assertTrue(r.verdict().contains("is held by com.acme.notify.NotificationHub.subscriptions, a java.util.ArrayList of"
                + " 18,000 entries of com.acme.notify.Subscription."), r.verdict());
    }

    @Test
    @Order(4)
    void deepChainHeadlineIsTheStaticLedgerNewestAChainOfThreeMillionEntriesWalkedWithoutRecursion() throws Exception {
        Report r = report("deep-chain");
        RetentionTree.Headline h = r.headline();

        assertNotNull(h);
        assertEquals(Reference.staticField("com.acme.ledger.Ledger", "newest"), h.holder());
        assertEquals("com.acme.ledger.LedgerEntry", h.className());
        assertEquals(RetentionTree.ContainerKind.CHAIN, h.contents().kind());
        assertEquals(3_000_000, h.contents().elements());
        assertEquals("com.acme.ledger.LedgerEntry", h.contents().elementClass());
        int at = indexOf(r.retentionTree(), Reference.instanceField("com.acme.ledger.LedgerEntry", "previous"));
        RetentionTree.Node chain = r.retentionTree().get(at);
        assertEquals(2_999_999, chain.repeats(), "the rest of the chain is one node: " + chain);
        assertTrue(r.retentionTree().size() < 100, "the tree stays small: " + r.retentionTree().size());
        assertHealthy(r, "deep-chain");
    }

    private static int indexOf(List<RetentionTree.Node> nodes, Reference reference) {
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).reference().equals(reference)) {
                return i;
            }
        }
        throw new AssertionError("no node held by " + reference + " in " + nodes);
    }
}
