package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.transaction.WireLog;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLSocket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted connection of the edge, read by its own daemon thread {@code softphone-edge-<kind>-<id>}.
 * Subclasses frame SIP on it (Content-Length on TCP/TLS, one WebSocket message per SIP message on WS/WSS).
 * {@link #send} is thread-safe; a failed write closes the connection.
 */
abstract class EdgeConnection {
    static final Logger LOG = LoggerFactory.getLogger(EdgeConnection.class.getPackageName());
    static final String WIRE_LOGGER = "io.github.rcsoftphone.edge.wire";
    static final int MAX_MESSAGE_BYTES = 64 * 1024;
    private static final int HANDSHAKE_TIMEOUT_MS = 10_000;

    /** Where messages and the end of a connection go. */
    interface Handler {
        /** {@code receivedNanos}: {@link System#nanoTime()} when the message's last byte was read. */
        void onMessage(EdgeConnection connection, SipMessage message, long receivedNanos);

        void onClosed(EdgeConnection connection);
    }

    private final long id;
    private final TransportKind kind;
    private final Socket socket;
    private final Handler handler;
    private final WireLog wire;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread reader;
    private final String remote;
    private volatile OutputStream out;

    EdgeConnection(long id, TransportKind kind, Socket socket, Handler handler) {
        this.id = id;
        this.kind = kind;
        this.socket = socket;
        this.handler = handler;
        this.remote = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        this.wire = new WireLog(WIRE_LOGGER, kind + " " + remote + " #" + id);
        this.reader = new Thread(null, this::run, "softphone-edge-" + kind.uriParam() + "-" + id, 256 * 1024);
        reader.setDaemon(true);
    }

    /** Starts the reader thread. */
    void start() {
        reader.start();
    }

    long id() {
        return id;
    }

    TransportKind kind() {
        return kind;
    }

    Thread thread() {
        return reader;
    }

    boolean isOpen() {
        return !closed.get();
    }

    /** Reads until the connection ends: TLS handshake and upgrade (if any), then messages. */
    private void run() {
        try {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(HANDSHAKE_TIMEOUT_MS);
            if (socket instanceof SSLSocket ssl) {
                ssl.startHandshake();
            }
            InputStream in = socket.getInputStream();
            out = socket.getOutputStream();
            handshake(in, out);
            socket.setSoTimeout(0);
            readLoop(in);
        } catch (IOException e) {
            if (!closed.get()) {
                LOG.debug("{} #{} from {} ended: {}", kind, id, remote, e.toString());
            }
        } catch (RuntimeException e) {
            LOG.warn("{} #{} from {} failed", kind, id, remote, e);
        } finally {
            close();
        }
    }

    /** The upgrade before SIP flows (WebSocket); nothing for TCP/TLS. */
    void handshake(InputStream in, OutputStream output) throws IOException {
    }

    /** Reads messages and hands each complete one to {@link #received}; returns at the end of the stream. */
    abstract void readLoop(InputStream in) throws IOException;

    /** Wraps one SIP message for the wire. */
    abstract byte[] frame(byte[] sipMessage);

    /** Parses and dispatches one complete message; malformed ones are logged and dropped. */
    void received(byte[] bytes) {
        long at = System.nanoTime();
        wire.incoming(bytes);
        SipMessage message;
        try {
            message = SipParser.parse(bytes);
        } catch (SipParseException e) {
            LOG.info("{} #{}: dropped a malformed message: {}", kind, id, e.getMessage());
            return;
        }
        handler.onMessage(this, message, at);
    }

    /** Sends a SIP message; false when the connection is (or just got) closed. */
    boolean send(SipMessage message) {
        byte[] bytes = message.toBytes();
        wire.outgoing(bytes);
        return write(frame(bytes));
    }

    /** Writes raw bytes (frames, keep-alive answers). */
    boolean write(byte[] bytes) {
        if (closed.get() || out == null) {
            return false;
        }
        try {
            synchronized (this) {
                out.write(bytes);
                out.flush();
            }
            return true;
        } catch (IOException e) {
            LOG.debug("{} #{}: write failed: {}", kind, id, e.toString());
            close();
            return false;
        }
    }

    /** Closes the socket (the reader then ends) and tells the handler once. */
    void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            socket.close();
        } catch (IOException e) {
            LOG.debug("{} #{}: close: {}", kind, id, e.toString());
        }
        handler.onClosed(this);
    }

    @Override
    public String toString() {
        return kind + "#" + id + "(" + remote + ")";
    }
}
