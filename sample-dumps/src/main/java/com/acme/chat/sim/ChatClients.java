package com.acme.chat.sim;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The chat's users, in a process of their own (so their side of each connection is not in the server's heap):
 * {@code ChatClients HOST PORT N} connects N clients, says hello on each, prints {@code CONNECTED N}, and keeps
 * them open until its standard input closes.
 */
public final class ChatClients {

    private ChatClients() {
    }

    public static void main(String[] args) throws IOException {
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int count = Integer.parseInt(args[2]);
        List<SocketChannel> clients = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            SocketChannel c = SocketChannel.open(server);
            c.write(ByteBuffer.wrap(("hello from user " + i + "\n").getBytes(StandardCharsets.US_ASCII)));
            clients.add(c);
        }
        System.out.println("CONNECTED " + clients.size());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() != -1) {
            // Wait for the parent to close the pipe.
        }
        for (SocketChannel c : clients) {
            c.close();
        }
    }
}
