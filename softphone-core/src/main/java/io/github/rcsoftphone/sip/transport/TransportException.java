package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.util.Objects;

/** A transport failure, with a {@link Kind} saying what class of failure it was. */
public class TransportException extends IOException {
    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** Could not connect: refused, timed out, unknown host, no route. */
        UNREACHABLE,
        /** TLS failed: untrusted certificate, host name mismatch, handshake failure. */
        TLS,
        /** The peer broke the protocol: bad framing, WebSocket upgrade refused, subprotocol not accepted. */
        PROTOCOL,
        /** The connection was closed (by the peer, or the transport is already closed). */
        CLOSED,
        /** A message or header section exceeded the configured limit. */
        TOO_LARGE
    }

    private final Kind kind;

    public TransportException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public TransportException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    @Override
    public String toString() {
        return "TransportException[" + kind + "]: " + getMessage();
    }
}
