package heaptriage.analysis.connections;

import heaptriage.heap.HeapClass;
import heaptriage.heap.HeapSnapshot;
import heaptriage.memory.IntArray;

import java.io.IOException;
import java.util.BitSet;
import java.util.HashSet;
import java.util.Set;

/**
 * The ports that server sockets in this heap listen on, and the local port of a socket. A socket whose local port is
 * one of them was accepted by that server: it is a session of a running server, whoever keeps it.
 */
final class ServerPorts {
    private static final String SERVER_SOCKET = "java.net.ServerSocket";
    private static final String SERVER_CHANNEL = "sun.nio.ch.ServerSocketChannelImpl";
    private static final String SOCKET = "java.net.Socket";
    private static final String SOCKET_CHANNEL = "sun.nio.ch.SocketChannelImpl";

    private final HeapValues values;
    private final BitSet live;
    private Set<Integer> listening;

    ServerPorts(HeapValues values, BitSet live) {
        this.values = values;
        this.live = live;
    }

    /** Whether the connection, or one of the objects it wraps, is a socket a server in this heap accepted. */
    boolean accepted(ConnectionInfo info) throws IOException {
        Set<Integer> ports = listening();
        if (ports.isEmpty()) {
            return false;
        }
        if (ports.contains(localPort(info.object()))) {
            return true;
        }
        for (Layer layer : info.layers()) {
            if (ports.contains(localPort(layer.object()))) {
                return true;
            }
        }
        return false;
    }

    /** Found once, on first use: one pass over the live objects' classes. */
    private Set<Integer> listening() throws IOException {
        if (listening == null) {
            listening = new HashSet<>();
            HeapSnapshot s = values.snapshot();
            BitSet serverClasses = new BitSet();
            for (HeapClass c : s.classes()) {
                if (values.snapshot().isSubclassOf(c, SERVER_SOCKET) || values.snapshot().isSubclassOf(c, SERVER_CHANNEL)) {
                    serverClasses.set(c.slot());
                }
            }
            // One pass over the class of every object: a plain loop over the snapshot's primitive array.
            IntArray slots = s.classSlots();
            for (int o = live.nextSetBit(0); o >= 0; o = live.nextSetBit(o + 1)) {
                if (serverClasses.get(slots.get(o))) {
                    int port = localPort(o);
                    if (port > 0) {
                        listening.add(port);
                    }
                }
            }
        }
        return listening;
    }

    /** The local port of a socket, server socket or channel; -1 when the object is none of them or it is unbound. */
    private int localPort(int object) throws IOException {
        HeapClass c = values.snapshot().classOf(object);
        if (values.snapshot().isSubclassOf(c, SOCKET) || values.snapshot().isSubclassOf(c, SERVER_SOCKET)) {
            int impl = values.ref(object, "impl");
            if (impl < 0) {
                return -1;
            }
            int delegate = values.ref(impl, "delegate");
            return values.intField(delegate >= 0 ? delegate : impl, -1, "localport");
        }
        if (values.snapshot().isSubclassOf(c, SOCKET_CHANNEL) || values.snapshot().isSubclassOf(c, SERVER_CHANNEL)) {
            int address = values.ref(object, "localAddress");
            int holder = address < 0 ? -1 : values.ref(address, "holder");
            return holder < 0 ? -1 : values.intField(holder, -1, "port");
        }
        return -1;
    }
}
