package heaptriage.samples.scenarios;

import com.acme.notify.NotificationHub;
import com.acme.notify.Subscription;
import heaptriage.samples.Facts;

/**
 * A memory leak through an instance field of a singleton: NotificationHub (in its static field INSTANCE) keeps the
 * listeners of every cancelled order in its instance field {@code subscriptions}. Shipped orders unsubscribe.
 */
public final class SingletonLeakScenario implements Scenario {

    static final int ORDERS = 24_000;

    @Override
    public String name() {
        return "singleton-leak";
    }

    @Override
    public String description() {
        return "notification service: the singleton NotificationHub keeps the listeners of cancelled orders in its"
                + " instance field subscriptions, never removed (a memory leak, not of connections)";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 128;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        NotificationHub hub = NotificationHub.get();
        int leaked = 0;
        for (int i = 0; i < ORDERS; i++) {
            Subscription s = hub.subscribe(String.format("ORD-%07d", i));
            boolean shipped = i % 4 == 0;
            if (shipped) {
                hub.unsubscribe(s);
            } else {
                leaked++;
            }
        }
        return new Facts(name(), description())
                .detail("memoryLeak", leaked + " com.acme.notify.Subscription in the instance field"
                        + " com.acme.notify.NotificationHub.subscriptions (a java.util.ArrayList), reached from the static"
                        + " field NotificationHub.INSTANCE")
                .expectInstances("com.acme.notify.Subscription", leaked);
    }
}
