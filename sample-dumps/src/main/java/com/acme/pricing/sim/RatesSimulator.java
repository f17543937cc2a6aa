package com.acme.pricing.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-process stand-in for the rates service (as in an integration-test environment): a JDK
 * {@link HttpServer} on 127.0.0.1 with an ephemeral port that answers {@code GET /rates/PAIR} with a
 * small JSON body of fixed length, so HTTP/1.1 keep-alive applies.
 */
public final class RatesSimulator {

    private final HttpServer server;
    private final AtomicInteger served = new AtomicInteger();

    private RatesSimulator(HttpServer server) {
        this.server = server;
    }

    /** Starts serving; the server runs on its own dispatcher thread (HTTP-Dispatcher). */
    public static RatesSimulator start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        RatesSimulator simulator = new RatesSimulator(server);
        server.createContext("/rates/", simulator::handle);
        server.setExecutor(null); // handled on the dispatcher thread
        server.start();
        return simulator;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream request = exchange.getRequestBody()) {
            request.readAllBytes();
        }
        String path = exchange.getRequestURI().getPath();
        String pair = path.substring(path.lastIndexOf('/') + 1);
        int n = served.incrementAndGet();
        String json = "{\"pair\":\"" + pair + "\",\"micros\":" + (1_000_000 + Math.floorMod(137L * pair.hashCode(), 500_000L) + n)
                + ",\"asOf\":" + (1_700_000_000_000L + n) + "}";
        byte[] body = json.getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length); // a Content-Length: the connection stays open
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    public URL baseUrl() throws IOException {
        InetSocketAddress a = server.getAddress();
        return new URL("http", a.getAddress().getHostAddress(), a.getPort(), "/");
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    /**
     * Stops the server as a test environment tears down its stub: closes the listening socket and the
     * server side of every connection, and waits for the dispatcher thread to end.
     */
    public void stop() {
        server.stop(0);
    }

    /** Requests answered so far. */
    public int served() {
        return served.get();
    }
}
