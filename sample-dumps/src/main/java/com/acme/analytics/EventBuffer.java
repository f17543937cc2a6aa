package com.acme.analytics;

import java.util.ArrayList;
import java.util.List;

/** Click events waiting for the nightly export. */
public final class EventBuffer {

    private static final List<ClickEvent> events = new ArrayList<>();

    private EventBuffer() {
    }

    public static void add(ClickEvent event) {
        events.add(event);
    }

    public static int size() {
        return events.size();
    }
}
