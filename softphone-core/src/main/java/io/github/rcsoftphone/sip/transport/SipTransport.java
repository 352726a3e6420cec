package io.github.rcsoftphone.sip.transport;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A connection to a SIP peer that moves whole messages as bytes. Create one with
 * {@link #connect(TransportConfig, TransportListener)}; received messages and the final close go to the listener.
 */
public interface SipTransport extends AutoCloseable {

    /**
     * Connects as {@code config.kind()} says. The future fails with a {@link TransportException} of kind
     * UNREACHABLE, TLS or PROTOCOL. No message reaches the listener before the future completes.
     */
    static CompletableFuture<SipTransport> connect(TransportConfig config, TransportListener listener) {
        return config.kind().websocket()
                ? WebSocketTransport.connect(config, listener)
                : StreamTransport.connect(config, listener);
    }

    /**
     * Queues one complete SIP message. Thread-safe; messages go out in the order of the calls. The future completes
     * when the message was handed to the socket, or fails with {@link TransportException} (CLOSED after close).
     */
    CompletableFuture<Void> send(byte[] message);

    /** The transport's kind. */
    TransportKind kind();

    /** Where it is connected, e.g. {@code wss://sip.example:8443}. */
    String remoteDescription();

    /** The local socket address, or null when not known (WebSocket). */
    InetSocketAddress localAddress();

    /**
     * Closes the connection and releases its threads and socket. Idempotent; the listener gets {@code onClosed(null)}
     * once, unless the transport had already failed.
     */
    @Override
    void close();
}
