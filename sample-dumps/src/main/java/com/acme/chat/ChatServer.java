package com.acme.chat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * A small NIO chat server: one selector thread accepts clients and reads their messages. Every connected client is a
 * session, kept in {@link #sessions} and attached to its selection key, for as long as the client stays connected.
 */
public final class ChatServer implements Runnable {

    private final Selector selector;
    private final ServerSocketChannel server;
    private final Map<SocketChannel, ChatSession> sessions = new HashMap<>();

    public ChatServer() throws IOException {
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
    }

    /** Starts the selector loop on a thread named chat-selector. */
    public Thread start() {
        Thread t = new Thread(this, "chat-selector");
        t.setDaemon(true);
        t.start();
        return t;
    }

    @Override
    public void run() {
        try {
            while (true) {
                selector.select();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (key.isAcceptable()) {
                        accept();
                    } else if (key.isReadable()) {
                        read(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // Server stopped.
        }
    }

    private void accept() throws IOException {
        SocketChannel client;
        while ((client = server.accept()) != null) {
            client.configureBlocking(false);
            ChatSession session = new ChatSession(client);
            client.register(selector, SelectionKey.OP_READ, session);
            synchronized (sessions) {
                sessions.put(client, session);
            }
        }
    }

    private void read(SelectionKey key) throws IOException {
        ChatSession session = (ChatSession) key.attachment();
        session.input().clear();
        int n = session.channel().read(session.input());
        if (n < 0) {
            key.cancel();
            session.channel().close();
            synchronized (sessions) {
                sessions.remove(session.channel());
            }
        } else if (n > 0) {
            session.received();
        }
    }

    public InetSocketAddress address() throws IOException {
        return (InetSocketAddress) server.getLocalAddress();
    }

    public int connectedClients() {
        synchronized (sessions) {
            return sessions.size();
        }
    }
}
