package com.acme.analytics;

/** One page view, buffered until the nightly export. */
public record ClickEvent(String sessionId, String page, String requestId, long timestampMillis, int durationMillis) {
}
