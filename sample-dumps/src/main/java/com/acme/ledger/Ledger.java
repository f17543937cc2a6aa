package com.acme.ledger;

/**
 * The in-memory journal: a singly linked chain from the newest entry back to the first. Millions
 * of entries make a reference chain that deep, which is what naive recursive heap walkers trip on.
 */
public final class Ledger {

    private static LedgerEntry newest;
    private static long length;

    private Ledger() {
    }

    public static void book(long amountCents) {
        newest = new LedgerEntry(length++, amountCents, newest);
    }

    public static long length() {
        return length;
    }
}
