package com.acme.ledger;

/** One booking in the append-only ledger; each entry points at the one before it. */
public final class LedgerEntry {

    private final long sequence;
    private final long amountCents;
    private final LedgerEntry previous;

    LedgerEntry(long sequence, long amountCents, LedgerEntry previous) {
        this.sequence = sequence;
        this.amountCents = amountCents;
        this.previous = previous;
    }

    public long sequence() {
        return sequence;
    }

    public long amountCents() {
        return amountCents;
    }

    public LedgerEntry previous() {
        return previous;
    }
}
