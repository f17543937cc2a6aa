package heaptriage.samples.scenarios;

import com.acme.ledger.Ledger;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;

/** The ledger service alone: a singly linked chain of 3,000,000 entries hanging from one static field. No leak. */
public final class DeepChainScenario implements Scenario {

    static final int ENTRIES = 3_000_000;

    @Override
    public String name() {
        return "deep-chain";
    }

    @Override
    public String description() {
        return "ledger service: a singly linked chain of " + ENTRIES
                + " com.acme.ledger.LedgerEntry objects from the static field Ledger.newest; no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 256;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        for (int i = 0; i < ENTRIES; i++) {
            Ledger.book(i % 10_000 - 5_000);
        }
        return new Facts(name(), description())
                .healthy(new Holding("com.acme.ledger.LedgerEntry", ENTRIES, "com.acme.ledger.Ledger", "newest", true,
                        null, null, "newest -> previous -> ... : the whole journal, a reference path 3,000,000 deep"))
                .expectInstances("com.acme.ledger.LedgerEntry", ENTRIES);
    }
}
