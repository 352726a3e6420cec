package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;

/**
 * Accepts connections of one transport on a free port, on thread {@code softphone-edge-accept-<kind>}, and starts
 * an {@link EdgeConnection} for each. {@link #close()} stops accepting and closes every connection it made.
 */
final class Listener implements AutoCloseable {
    private static final int BACKLOG = 1024;

    private final TransportKind kind;
    private final ServerSocket server;
    private final EdgeConnection.Handler handler;
    private final AtomicLong ids;
    private final Map<Long, EdgeConnection> connections;
    private final Thread acceptor;

    /**
     * Binds {@code kind} on a free port of {@code address}.
     *
     * @param tls the server context for TLS and WSS (ignored for TCP and WS)
     * @param connections the edge's table of open connections, filled and emptied here
     */
    Listener(TransportKind kind, InetAddress address, SSLContext tls, EdgeConnection.Handler handler, AtomicLong ids,
            Map<Long, EdgeConnection> connections) throws IOException {
        this.kind = kind;
        this.handler = handler;
        this.ids = ids;
        this.connections = connections;
        this.server = kind.secure()
                ? tls.getServerSocketFactory().createServerSocket(0, BACKLOG, address)
                : new ServerSocket(0, BACKLOG, address);
        this.acceptor = new Thread(this::acceptLoop, "softphone-edge-accept-" + kind.uriParam());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    TransportKind kind() {
        return kind;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            Socket socket;
            try {
                socket = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) {
                    EdgeConnection.LOG.warn("{} listener stopped: {}", kind, e.toString());
                }
                return;
            }
            long id = ids.incrementAndGet();
            EdgeConnection c = kind.websocket()
                    ? new WebSocketConnection(id, kind, socket, handler)
                    : new StreamConnection(id, kind, socket, handler);
            connections.put(id, c);
            if (server.isClosed()) {
                c.close();
                return;
            }
            c.start();
        }
    }

    /** Stops accepting; the connections are closed by the edge. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            EdgeConnection.LOG.debug("{} listener close: {}", kind, e.toString());
        }
    }

    /** Waits for the acceptor thread to end. */
    void join(long millis) throws InterruptedException {
        acceptor.join(millis);
    }
}
