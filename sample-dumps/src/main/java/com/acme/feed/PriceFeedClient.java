package com.acme.feed;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Subscribes to the exchange's price feed, one TCP connection per instrument. */
public final class PriceFeedClient {

    // THE BUG: unsubscribe() was supposed to close these when an instrument is delisted or the
    // subscription is replaced; it only removes the symbol from a UI list. Sockets pile up here.
    private static final List<Socket> connections = new ArrayList<>();

    private PriceFeedClient() {
    }

    public static Socket subscribe(InetSocketAddress exchange, String symbol) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(exchange, 5_000);
        OutputStream out = socket.getOutputStream();
        out.write(("SUBSCRIBE " + symbol + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        connections.add(socket);
        return socket;
    }

    public static int openConnections() {
        return connections.size();
    }
}
