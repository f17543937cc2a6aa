package com.acme.analytics;

import java.util.HashMap;
import java.util.Map;

/** All sessions seen today, by session id. */
public final class SessionRegistry {

    private static final Map<String, UserSession> sessions = new HashMap<>();

    private SessionRegistry() {
    }

    public static void put(UserSession session) {
        sessions.put(session.sessionId(), session);
    }

    public static int size() {
        return sessions.size();
    }
}
