package io.github.rcsoftphone.sip.transport;

import java.io.ByteArrayOutputStream;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link WebSocket.Listener}: reassembles fragmented messages, drops those over the size limit (the connection
 * stays), requests one frame at a time and tells the {@link TransportListener}. All listener calls happen under this object's lock, and
 * {@code onClosed} exactly once, after which nothing more is delivered.
 */
final class WebSocketReceiver implements WebSocket.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());

    private final TransportListener listener;
    private final int maxBytes;
    private final String remote;
    private final Consumer<TransportException> onFailure;
    private final StringBuilder text = new StringBuilder();
    private final ByteArrayOutputStream binary = new ByteArrayOutputStream();
    private boolean closed;
    /** Skipping the rest of a message over the limit. */
    private boolean discarding;

    /** @param onFailure told (before the listener) when the peer closed or the connection broke */
    WebSocketReceiver(TransportListener listener, int maxBytes, String remote, Consumer<TransportException> onFailure) {
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.remote = remote;
        this.onFailure = onFailure;
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        // the first request(1) comes once the connect future has completed, so no message precedes it
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (!discarding) {
                text.append(data);
            }
            if (!discarding && text.length() > maxBytes) {
                tooLarge(text.length() + "+ characters");
            }
            if (last) {
                byte[] message = discarding ? null : text.toString().getBytes(StandardCharsets.UTF_8);
                endOfMessage();
                if (message != null && message.length > maxBytes) {
                    tooLarge(message.length + " bytes");
                    endOfMessage();
                } else if (message != null) {
                    deliver(message);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        synchronized (this) {
            if (closed) {
                return null;
            }
            if (!discarding && binary.size() + data.remaining() > maxBytes) {
                tooLarge((binary.size() + data.remaining()) + "+ bytes");
            }
            if (!discarding) {
                byte[] chunk = new byte[data.remaining()];
                data.get(chunk);
                binary.writeBytes(chunk);
            }
            if (last) {
                byte[] message = discarding ? null : binary.toByteArray();
                endOfMessage();
                if (message != null) {
                    deliver(message);
                }
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1); // the JDK answers with a pong by itself
        return null;
    }

    @Override
    public CompletionStage<?> onPong(WebSocket webSocket, ByteBuffer message) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        fail(new TransportException(TransportException.Kind.CLOSED, "WebSocket closed by " + remote + " with code "
                + statusCode + (reason == null || reason.isEmpty() ? "" : " (" + reason + ")")));
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        fail(new TransportException(TransportException.Kind.CLOSED, "WebSocket to " + remote + " failed: " + error,
                error));
    }

    /** Marks closed by us; true the first time (the caller then releases and calls {@link #closed(Throwable)}). */
    synchronized boolean markClosed() {
        if (closed) {
            return false;
        }
        closed = true;
        return true;
    }

    synchronized boolean isClosed() {
        return closed;
    }

    /** Tells the listener the transport is closed. */
    synchronized void closed(Throwable cause) {
        try {
            listener.onClosed(cause);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed in onClosed", e);
        }
    }

    /**
     * The message being received is over the limit: what is held is freed and the rest skipped (WebSocket framing
     * stays intact, so the connection goes on); logged once and told to the listener.
     */
    private void tooLarge(String size) {
        text.setLength(0);
        binary.reset();
        discarding = true;
        TransportException problem = new TransportException(TransportException.Kind.TOO_LARGE, "dropped a WebSocket "
                + "message of " + size + " from " + remote + ": over the limit of " + maxBytes + " bytes");
        LOG.warn(problem.getMessage());
        try {
            listener.onRejected(problem);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed in onRejected", e);
        }
    }

    private void endOfMessage() {
        text.setLength(0);
        binary.reset();
        discarding = false;
    }

    private void fail(TransportException cause) {
        synchronized (this) {
            if (!markClosed()) {
                return;
            }
            text.setLength(0);
            binary.reset();
        }
        onFailure.accept(cause);
        closed(cause);
    }

    private void deliver(byte[] message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed on a message from {}", remote, e);
        }
    }
}
