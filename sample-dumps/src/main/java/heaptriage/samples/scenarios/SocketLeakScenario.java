package heaptriage.samples.scenarios;

import com.acme.feed.PriceFeedClient;
import com.acme.feed.Quote;
import com.acme.feed.QuoteBook;
import com.acme.feed.sim.FeedSimulator;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import java.net.InetSocketAddress;
import java.time.Duration;

/** PriceFeedClient keeps 120 connected sockets in a static list and never closes them. */
public final class SocketLeakScenario implements Scenario {

    static final int LEAKED = 120;
    static final String SOCKET = "java.net.Socket";

    @Override
    public String name() {
        return "socket-leak";
    }

    @Override
    public String description() {
        return "price feed client: " + LEAKED + " connected java.net.Sockets kept in a static list, never closed "
                + "(the server side is an in-process simulator)";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        FeedSimulator exchange = new FeedSimulator(LEAKED);
        Thread acceptor = exchange.start();
        InetSocketAddress address = exchange.address();
        for (int i = 0; i < LEAKED; i++) {
            String symbol = String.format("ACME%03d", i);
            PriceFeedClient.subscribe(address, symbol);
            for (int q = 0; q < QuoteBook.DEPTH; q++) {
                long mid = 100_000_000L + i * 1_000_000L + q * 1_000L;
                QuoteBook.record(new Quote(symbol, mid - 500, mid + 500, 1_700_000_000_000L + q));
            }
        }
        // "Connected both ends": the simulator has accepted every connection, not just the kernel.
        Waits.until("the simulator to accept " + LEAKED + " connections", Duration.ofSeconds(20),
                () -> exchange.acceptedSessions() == LEAKED);
        Waits.parkedAtLatch(acceptor);

        return new Facts(name(), description())
                .leak(new Holding(SOCKET, PriceFeedClient.openConnections(), "com.acme.feed.PriceFeedClient",
                        "connections", true, "java.util.ArrayList", "connected",
                        "client sockets to the price feed, opened and never closed"))
                .healthy(new Holding(SOCKET, exchange.acceptedSessions(), "com.acme.feed.sim.FeedSimulator",
                        "sessions", false, "java.util.ArrayList", "connected",
                        "server side of the same connections, held by the simulator instance, which is the "
                                + "Runnable (Thread.target) of the live thread feed-simulator-acceptor; "
                                + "test scaffolding, not a leak"))
                .healthy(new Holding("com.acme.feed.Quote", LEAKED * QuoteBook.DEPTH, "com.acme.feed.QuoteBook",
                        "recent", true, "java.util.HashMap", null, "recent quotes, ordinary application data"))
                .expectInstances(SOCKET, 2L * LEAKED)
                .expectInstances("java.net.ServerSocket", 1)
                .expectInstances("sun.nio.ch.NioSocketImpl", 2L * LEAKED + 1)
                .expectInstances("com.acme.feed.Quote", (long) LEAKED * QuoteBook.DEPTH)
                .detail("serverAddress", address.getAddress().getHostAddress() + ":" + address.getPort())
                .detail("acceptorThread", "feed-simulator-acceptor")
                .detail("note", "java.net.Socket has " + 2 * LEAKED + " instances: " + LEAKED
                        + " leaked client sockets plus the " + LEAKED + " accepted server-side sockets");
    }
}
