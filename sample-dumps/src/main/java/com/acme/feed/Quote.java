package com.acme.feed;

/** Last known price of an instrument. */
public record Quote(String symbol, long bidMicros, long askMicros, long timestampMillis) {
}
