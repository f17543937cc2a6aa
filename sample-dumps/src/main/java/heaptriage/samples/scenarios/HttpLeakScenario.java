package heaptriage.samples.scenarios;

import com.acme.pricing.RateFetcher;
import com.acme.pricing.sim.RatesSimulator;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.URL;
import java.time.Duration;

/**
 * RateFetcher keeps 60 HttpURLConnections in a static list after reading their response headers: body
 * never read, stream never closed, disconnect() never called. A few other requests are done correctly.
 */
public final class HttpLeakScenario implements Scenario {

    static final int LEAKED = 60;
    static final int HEALTHY = 8;
    static final int RECENT = 5;
    static final String HTTP_URL_CONNECTION = "sun.net.www.protocol.http.HttpURLConnection";

    @Override
    public String name() {
        return "http-leak";
    }

    @Override
    public String description() {
        return "pricing service: RateFetcher keeps " + LEAKED + " java.net.HttpURLConnections (headers read, body "
                + "unread, stream never closed, never disconnected) in a static list; " + HEALTHY + " other requests "
                + "close their stream (the server is an in-process com.sun.net.httpserver.HttpServer, stopped before "
                + "the dump)";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        RatesSimulator service = RatesSimulator.start();
        InetSocketAddress address = service.address();
        URL base = service.baseUrl();
        for (int i = 0; i < LEAKED; i++) {
            int status = RateFetcher.prefetch(base, pair(i));
            if (status != HttpURLConnection.HTTP_OK) {
                throw new IllegalStateException("rates service answered " + status);
            }
        }
        // Sequential and read to the end: they all reuse one keep-alive connection.
        for (int i = 0; i < HEALTHY; i++) {
            RateFetcher.fetch(base, pair(LEAKED + i));
        }
        Waits.until("the rates service to answer " + (LEAKED + HEALTHY) + " requests", Duration.ofSeconds(20),
                () -> service.served() == LEAKED + HEALTHY);
        // The stub goes away as in a torn-down test environment. Left running, it would keep the server side
        // of all these connections as idle keep-alive connections (61 sun.net.httpserver.HttpConnection and
        // sun.nio.ch.SocketChannelImpl held by its selector's keys), which is not what this scenario is about.
        // The client's heap does not change: its sockets are now half-closed (CLOSE_WAIT), still unclosed.
        service.stop();

        return new Facts(name(), description())
                .leak(new Holding(HTTP_URL_CONNECTION, RateFetcher.pendingCount(), "com.acme.pricing.RateFetcher",
                        "pending", true, "java.util.ArrayList", "open",
                        "HTTP connections whose response headers were read but whose body was never read: stream "
                                + "never closed, disconnect() never called; each keeps its sun.net.www.http.HttpClient "
                                + "and that client's connected java.net.Socket"))
                .healthy(new Holding(HTTP_URL_CONNECTION, RateFetcher.recentCount(), "com.acme.pricing.RateFetcher",
                        "recent", true, "java.util.ArrayDeque", "closed",
                        "the last " + RECENT + " completed requests, kept for a diagnostics page; body read and "
                                + "stream closed, so their one keep-alive socket went back to the JDK's "
                                + "KeepAliveCache; a bounded history, not a leak"))
                .healthy(new Holding("com.acme.pricing.Rate", RateFetcher.latestCount(), "com.acme.pricing.RateFetcher",
                        "latest", true, "java.util.HashMap", null, "rates fetched correctly, ordinary application data"))
                .expectInstances(HTTP_URL_CONNECTION, LEAKED + RECENT)
                .expectInstances("com.acme.pricing.Rate", HEALTHY)
                .expectInstances("sun.net.httpserver.HttpConnection", 0)
                .expectInstances("sun.nio.ch.SocketChannelImpl", 0)
                .detail("serverAddress", address.getAddress().getHostAddress() + ":" + address.getPort())
                .detail("serverStopped", true)
                .detail("requestsServed", service.served());
    }

    private static String pair(int i) {
        String[] quote = {"USD", "EUR", "GBP", "JPY", "CHF"};
        return String.format("C%02d", i) + quote[i % quote.length];
    }
}
