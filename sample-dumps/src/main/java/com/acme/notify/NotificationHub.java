package com.acme.notify;

import java.util.ArrayList;
import java.util.List;

/**
 * The notification service's singleton. Each request subscribes a listener for its order's updates.
 */
public final class NotificationHub {

    private static final NotificationHub INSTANCE = new NotificationHub();

    // THE BUG: unsubscribe() is only called when the order ships; cancelled orders never unsubscribe, so their
    // listeners (each with its rendered e-mail template) pile up in this instance field of the singleton.
    private final List<Subscription> subscriptions = new ArrayList<>();
    private final String senderAddress = "orders@acme.example";

    private NotificationHub() {
    }

    public static NotificationHub get() {
        return INSTANCE;
    }

    public Subscription subscribe(String orderId) {
        Subscription s = new Subscription(orderId, new byte[2_048]);
        subscriptions.add(s);
        return s;
    }

    public void unsubscribe(Subscription s) {
        subscriptions.remove(s);
    }

    public int subscriptionCount() {
        return subscriptions.size();
    }

    public String senderAddress() {
        return senderAddress;
    }
}
