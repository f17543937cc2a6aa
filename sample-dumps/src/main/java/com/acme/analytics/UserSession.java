package com.acme.analytics;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A web session the analytics service is tracking. */
public final class UserSession {

    private final String sessionId;
    private final String region;
    private final Map<String, String> attributes = new HashMap<>();
    private final List<String> cart = new ArrayList<>(4);
    private long lastSeenMillis;

    public UserSession(String sessionId, String region) {
        this.sessionId = sessionId;
        this.region = region;
    }

    public String sessionId() {
        return sessionId;
    }

    public String region() {
        return region;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<String> cart() {
        return cart;
    }

    public void seen(long millis) {
        lastSeenMillis = millis;
    }

    public long lastSeenMillis() {
        return lastSeenMillis;
    }
}
