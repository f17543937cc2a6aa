package heaptriage.analysis;

import org.junit.jupiter.api.Tag;
import heaptriage.graph.HeapGraph;
import heaptriage.graph.RetainedHeap;
import heaptriage.reference.ReferenceDumps;
import heaptriage.reference.Snapshots;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The retention tree and its headline on real dumps: the committed sample dumps and the shared reference dumps
 * (which skip when absent). The headline names the application field the scenario's code holds its data in, never a
 * class loader, a class object or JDK bookkeeping.
 */
class RetentionTreeOnRealDumpsTest {
    /** Reference dump to the holder its application keeps most memory in, "" when none holds 1% of the heap. */
    private static final Map<String, String> REFERENCE_HEADLINES = Map.of(
            "pub-h2-leak", "com.acme.crm.LeadScoring.profiles (static)",
            "pub-closed-retained", "com.acme.hr.PayrollJournal.closedHandles (static)",
            "pub-socket-leak", "com.acme.telemetry.MetricsShipper.uplinks (static)",
            "pub-hikari-healthy", "");

    private static RetentionTree treeOf(Path dump) throws Exception {
        RetainedHeap r = RetainedHeap.of(HeapGraph.of(Snapshots.of(dump)));
        return RetentionTree.of(r, GcRootPaths.of(r));
    }

    private static Path sample(String name) {
        for (Path p : new Path[] {Path.of("..", "sample-dumps", "dumps"), Path.of("sample-dumps", "dumps")}) {
            if (Files.isDirectory(p)) {
                return p.resolve(name + ".hprof.gz").toAbsolutePath().normalize();
            }
        }
        throw new IllegalStateException("sample-dumps/dumps not found");
    }

    private static String describe(Reference r) {
        return r.ownerClass() + "." + r.name() + (r.kind() == ReferenceKind.STATIC_FIELD ? " (static)" : "");
    }

    @Test
    void h2LeakHeadlineIsTheCustomerDirectorysInstanceFieldByIdAHashMapOf2000Customers() throws Exception {
        RetentionTree.Headline h = treeOf(sample("h2-leak")).headline();

        assertNotNull(h);
        assertEquals(Reference.instanceField("com.acme.billing.CustomerDirectory", "byId"), h.holder());
        assertEquals("java.util.HashMap", h.className());
        assertEquals(RetentionTree.ContainerKind.COLLECTION, h.contents().kind());
        assertEquals(2000, h.contents().elements());
        assertEquals("com.acme.billing.Customer", h.contents().elementClass());
        assertTrue(h.percentOfHeap() > 15, "about a fifth of the heap: " + h.percentOfHeap());
    }

    @Test
    void h2LeakTreeGoesFromTheStaticFieldThroughTheApplicationObjectsToTheMap() throws Exception {
        List<RetentionTree.Node> nodes = treeOf(sample("h2-leak")).nodes();
        int at = -1;
        for (int i = 0; i < nodes.size(); i++) {
            if (nodes.get(i).reference().equals(Reference.staticField("com.acme.billing.BillingApplication", "running"))) {
                at = i;
            }
        }
        assertTrue(at > 0, "the static field BillingApplication.running is a node: " + nodes);
        RetentionTree.Node running = nodes.get(at);
        RetentionTree.Node customers = nodes.get(at + 1);
        RetentionTree.Node byId = nodes.get(at + 2);
        assertEquals(running.depth() + 1, customers.depth());
        assertEquals(Reference.instanceField("com.acme.billing.BillingApplication", "customers"), customers.reference());
        assertEquals(customers.depth() + 1, byId.depth());
        assertEquals(Reference.instanceField("com.acme.billing.CustomerDirectory", "byId"), byId.reference());
        assertTrue(running.application() && customers.application() && byId.application());
        assertTrue(running.retainedBytes() >= customers.retainedBytes() && customers.retainedBytes() >= byId.retainedBytes());
    }

    @Test
    void socketLeakHeadlineIsQuoteBookRecentAndTheSocketsListIsANodeOfItsOwn() throws Exception {
        RetentionTree tree = treeOf(sample("socket-leak"));

        assertEquals(Reference.staticField("com.acme.feed.QuoteBook", "recent"), tree.headline().holder());
        assertEquals(120, tree.headline().contents().elements());
        RetentionTree.Node sockets = tree.nodes().stream()
                .filter(n -> n.reference().equals(Reference.staticField("com.acme.feed.PriceFeedClient", "connections")))
                .findFirst().orElseThrow();
        assertEquals("java.util.ArrayList", sockets.className());
        assertEquals(120, sockets.contents().elements());
        assertEquals("java.net.Socket", sockets.contents().elementClass());
    }

    @Test
    void everyTreeIsInPreorderWithChildrenSmallerThanTheirParentAndTopLevelNodesAsRoots() throws Exception {
        for (String name : List.of("h2-leak", "hikari-healthy", "socket-leak")) {
            List<RetentionTree.Node> nodes = treeOf(sample(name)).nodes();
            assertFalse(nodes.isEmpty(), name);
            assertEquals(0, nodes.get(0).depth(), name);
            RetentionTree.Node[] parents = new RetentionTree.Node[RetentionTree.MAX_DEPTH + 2];
            for (RetentionTree.Node n : nodes) {
                if (n.depth() == 0) {
                    assertEquals(ReferenceKind.GC_ROOT, n.reference().kind(), name + ": " + n);
                } else {
                    RetentionTree.Node parent = parents[n.depth() - 1];
                    assertNotNull(parent, name + ": a node without its parent before it: " + n);
                    assertTrue(n.retainedBytes() * 100 >= parent.retainedBytes() * RetentionTree.CHILD_SHARE_PERCENT,
                            name + ": " + n + " is under 10% of " + parent);
                    assertTrue(n.retainedBytes() <= parent.retainedBytes(), name + ": " + n);
                }
                parents[n.depth()] = n;
            }
        }
    }

    @Tag("slow") // reads the large reference dumps: runs in the integration-test phase (mvn verify)
    @TestFactory
    Stream<DynamicTest> referenceDumpHeadlinesNameTheApplicationFieldNeverJdkMachinery() throws Exception {
        return ReferenceDumps.names().stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            RetentionTree tree = treeOf(ReferenceDumps.dump(name));
            RetentionTree.Headline h = tree.headline();
            String expected = REFERENCE_HEADLINES.get(name);
            if (h != null) {
                assertTrue(h.holder().viaField(), name + ": " + h);
                assertTrue(ApplicationCode.isApplication(h.holder().ownerClass()), name + ": " + h);
            }
            if (expected != null) {
                if (expected.isEmpty()) {
                    assertNull(h, name);
                } else {
                    assertNotNull(h, name);
                    assertEquals(expected, describe(h.holder()), name);
                }
            }
        }));
    }
}
