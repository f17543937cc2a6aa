package heaptriage.samples.scenarios;

import com.acme.analytics.ClickEvent;
import com.acme.analytics.EventBuffer;
import com.acme.analytics.MetricsArchive;
import com.acme.analytics.ReportGrid;
import com.acme.analytics.SessionRegistry;
import com.acme.analytics.UserSession;
import com.acme.ledger.Ledger;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import heaptriage.samples.Sizes;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * For benchmarks: the h2-leak incident buried under a realistic mix of maps, lists, primitive
 * arrays, object arrays and a 3,000,000-entry linked list, grown until the dump is about the
 * requested size.
 */
public final class LargeScenario implements Scenario {

    static final long DEFAULT_SIZE = 256L << 20;
    static final int MAX_CHAIN = 3_000_000;
    // An HPROF instance record is bigger than the object in a compressed-oops heap (8-byte ids,
    // ~25 bytes of record header). Measured for this mix; the fill targets heap = size / ratio.
    static final double HPROF_BYTES_PER_HEAP_BYTE = 1.40;
    // A ledger entry is about 49 bytes in the HPROF file.
    static final int HPROF_BYTES_PER_LEDGER_ENTRY = 49;

    private static final String[] REGIONS = {"eu-west", "eu-central", "us-east", "us-west", "ap-south"};
    private static final String[] PAGES = {"/", "/search", "/product", "/cart", "/checkout", "/account", "/help"};
    private static final String[] LOCALES = {"de-DE", "en-GB", "en-US", "fr-FR", "ja-JP"};
    private static final String[] SKUS = new String[1_000];

    static {
        for (int i = 0; i < SKUS.length; i++) {
            SKUS[i] = String.format("SKU-%07d", i);
        }
    }

    private long sessions;
    private long events;
    private long arrays;
    private long rows;

    @Override
    public String name() {
        return "large";
    }

    @Override
    public String description() {
        return "benchmark heap: the h2-leak incident plus maps, lists, primitive and object arrays and a "
                + "long linked list, filled to the requested --size (default 256m)";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        long size = sizeBytes > 0 ? sizeBytes : DEFAULT_SIZE;
        return Math.max(256, (long) Math.ceil(size * 2.5 / (1 << 20)));
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        long target = sizeBytes > 0 ? sizeBytes : DEFAULT_SIZE;
        Facts facts = H2LeakScenario.setUp(new Facts(name(), description()));

        // The chain is capped so a small --size is not all linked list.
        long chain = Math.min(MAX_CHAIN, (long) (target * 0.3 / HPROF_BYTES_PER_LEDGER_ENTRY));
        for (long i = 0; i < chain; i++) {
            Ledger.book(i % 10_000 - 5_000);
        }
        fill((long) (target / HPROF_BYTES_PER_HEAP_BYTE));

        return facts
                .healthy(new Holding("com.acme.ledger.LedgerEntry", (int) chain, "com.acme.ledger.Ledger", "newest",
                        true, null, null, "a singly linked chain of " + chain
                        + " entries (newest -> previous -> ...), a deep reference path"))
                .healthy(new Holding("com.acme.analytics.UserSession", (int) sessions,
                        "com.acme.analytics.SessionRegistry", "sessions", true, "java.util.HashMap", null, null))
                .healthy(new Holding("com.acme.analytics.ClickEvent", (int) events, "com.acme.analytics.EventBuffer",
                        "events", true, "java.util.ArrayList", null, null))
                .expectInstances("com.acme.ledger.LedgerEntry", chain)
                .expectInstances("com.acme.analytics.UserSession", sessions)
                .expectInstances("com.acme.analytics.ClickEvent", events)
                .detail("targetDumpBytes", target)
                .detail("targetDumpSize", Sizes.human(target))
                .detail("ledgerChainLength", chain)
                .detail("primitiveArraysAdded", arrays)
                .detail("reportRows", rows);
    }

    /**
     * Adds rounds of the mix until the heap holds about {@code liveTarget} bytes. Measuring without
     * a GC overestimates (garbage counts too), so finish with full GCs and top up if short.
     */
    private void fill(long liveTarget) {
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        for (int attempt = 0; attempt < 5; attempt++) {
            while (memory.getHeapMemoryUsage().getUsed() < liveTarget) {
                for (int i = 0; i < 32; i++) {
                    addRound();
                }
            }
            System.gc();
            if (memory.getHeapMemoryUsage().getUsed() >= liveTarget * 0.97) {
                return;
            }
        }
    }

    /** About 260 KB of heap: ~45% maps, ~20% lists of records, ~20% primitive arrays, ~15% object arrays. */
    private void addRound() {
        long now = 1_700_000_000_000L + sessions;
        for (int i = 0; i < 200; i++) {
            long n = sessions++;
            UserSession session = new UserSession("sess-" + Long.toHexString(n * 2_654_435_761L), REGIONS[(int) (n % 5)]);
            session.attributes().put("locale", LOCALES[(int) (n % LOCALES.length)]);
            session.attributes().put("theme", n % 3 == 0 ? "dark" : "light");
            session.attributes().put("lastSearch", "garden hose " + n);
            for (int c = 0; c < n % 4; c++) {
                session.cart().add(SKUS[(int) ((n * 7 + c) % SKUS.length)]);
            }
            session.seen(now);
            SessionRegistry.put(session);
            for (int e = 0; e < 3; e++) {
                long m = events++;
                EventBuffer.add(new ClickEvent(session.sessionId(), PAGES[(int) (m % PAGES.length)],
                        "req-" + Long.toHexString(m), now + e, (int) (m % 900)));
            }
        }
        long[] series = new long[2_048];
        byte[] snapshot = new byte[24 * 1024];
        char[] document = new char[8 * 1024];
        for (int i = 0; i < series.length; i++) {
            series[i] = arrays * 31 + i;
            snapshot[i] = (byte) i;
            document[i] = (char) ('a' + i % 26);
        }
        MetricsArchive.addSeries(series);
        MetricsArchive.addSnapshot(snapshot);
        MetricsArchive.addDocument(document);
        arrays += 3;
        for (int r = 0; r < 30; r++) {
            Object[] row = new Object[ReportGrid.COLUMNS];
            for (int c = 0; c < row.length; c++) {
                long v = rows * 100 + c;
                row[c] = switch (c % 4) {
                    case 0 -> Long.valueOf(1_000_000 + v);
                    case 1 -> Double.valueOf(v / 7.0);
                    case 2 -> "r" + rows + "c" + c;
                    default -> Integer.valueOf(c); // small, cached: shared boxes like in real reports
                };
            }
            ReportGrid.addRow(row);
            rows++;
        }
    }
}
