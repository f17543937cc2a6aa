package heaptriage.samples.scenarios;

import com.acme.chat.ChatServer;
import com.acme.chat.sim.ChatClients;
import heaptriage.samples.Facts;
import heaptriage.samples.Holding;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A healthy NIO chat server with 100 connected clients: one selector thread keeps every accepted SocketChannel as a
 * session (in its own map and on its selection keys). The clients run in a process of their own, so only the
 * server's side of each connection is in this heap.
 */
public final class NioServerHealthyScenario implements Scenario {

    static final int CLIENTS = 100;
    static final String CHANNEL = "sun.nio.ch.SocketChannelImpl";

    // The clients' process, kept (and stopped with this JVM) like any external peer.
    private static Process clients;

    @Override
    public String name() {
        return "nio-server-healthy";
    }

    @Override
    public String description() {
        return "NIO chat server, healthy: one selector thread with " + CLIENTS + " accepted, connected client "
                + "SocketChannels as sessions; no leak";
    }

    @Override
    public long maxHeapMegabytes(long sizeBytes) {
        return 48;
    }

    @Override
    public Facts run(long sizeBytes) throws Exception {
        ChatServer server = new ChatServer();
        Thread selector = server.start();
        InetSocketAddress address = server.address();
        clients = startClients(address);
        Waits.until("the chat server to accept " + CLIENTS + " clients", Duration.ofSeconds(30),
                () -> server.connectedClients() == CLIENTS);

        return new Facts(name(), description())
                .healthy(new Holding(CHANNEL, CLIENTS, ChatServer.class.getName(), "sessions", false,
                        "java.util.HashMap", "connected",
                        "accepted client connections of a running NIO server, held by the server, which is the "
                                + "Runnable of its live selector thread " + selector.getName()))
                .expectInstances(CHANNEL, CLIENTS)
                .expectInstances("sun.nio.ch.ServerSocketChannelImpl", 1)
                .expectInstances("com.acme.chat.ChatSession", CLIENTS)
                .detail("selectorThread", selector.getName())
                .detail("serverAddress", address.getAddress().getHostAddress() + ":" + address.getPort());
    }

    /** Starts the clients' JVM and waits until it has connected all of them. */
    private static Process startClients(InetSocketAddress server) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(List.of(java, "-Xmx32m", "-cp", System.getProperty("java.class.path"),
                ChatClients.class.getName(), server.getAddress().getHostAddress(), Integer.toString(server.getPort()),
                Integer.toString(CLIENTS)))
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(p::destroy));
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.equals("CONNECTED " + CLIENTS)) {
            p.destroy();
            throw new IllegalStateException("the chat clients did not connect: " + line);
        }
        return p;
    }
}
