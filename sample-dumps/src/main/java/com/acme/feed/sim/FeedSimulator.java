package com.acme.feed.sim;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * In-process stand-in for the exchange (as in an integration-test environment): accepts a fixed
 * number of feed connections on 127.0.0.1 and keeps the server side of each one open.
 */
public final class FeedSimulator implements Runnable {

    private final ServerSocket server;
    private final int capacity;
    private final List<Socket> sessions = new ArrayList<>();
    private final CountDownLatch shutdown = new CountDownLatch(1);

    public FeedSimulator(int capacity) throws IOException {
        this.capacity = capacity;
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
    }

    /** Starts accepting on a thread named feed-simulator-acceptor. */
    public Thread start() {
        Thread acceptor = new Thread(this, "feed-simulator-acceptor");
        acceptor.setDaemon(true);
        acceptor.start();
        return acceptor;
    }

    /**
     * Accepts up to capacity connections, then parks instead of calling accept() again: a pending
     * accept() already holds a fresh, unconnected Socket, which would blur the socket count.
     */
    @Override
    public void run() {
        try {
            for (int i = 0; i < capacity; i++) {
                Socket session = server.accept();
                synchronized (sessions) {
                    sessions.add(session);
                }
            }
            shutdown.await();
        } catch (IOException e) {
            // Server closed: nothing more to accept.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    public int acceptedSessions() {
        synchronized (sessions) {
            return sessions.size();
        }
    }
}
