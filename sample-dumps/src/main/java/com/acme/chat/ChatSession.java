package com.acme.chat;

import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/** One connected chat client: its channel and a read buffer. */
public final class ChatSession {

    private final SocketChannel channel;
    private final ByteBuffer input = ByteBuffer.allocate(256);
    private long messages;

    ChatSession(SocketChannel channel) {
        this.channel = channel;
    }

    SocketChannel channel() {
        return channel;
    }

    ByteBuffer input() {
        return input;
    }

    void received() {
        messages++;
    }
}
