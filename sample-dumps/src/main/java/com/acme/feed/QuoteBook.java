package com.acme.feed;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/** Recent quotes per symbol, for the trading screens. */
public final class QuoteBook {

    public static final int DEPTH = 10;

    private static final Map<String, Deque<Quote>> recent = new HashMap<>();

    private QuoteBook() {
    }

    public static void record(Quote quote) {
        Deque<Quote> quotes = recent.computeIfAbsent(quote.symbol(), s -> new ArrayDeque<>());
        quotes.addFirst(quote);
        if (quotes.size() > DEPTH) {
            quotes.removeLast();
        }
    }
}
