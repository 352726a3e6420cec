package io.github.rcsoftphone.sip.transport;

import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Serializes sends on a {@link WebSocket}, which allows one outstanding send at a time. A message that is valid
 * UTF-8 goes as one text frame, anything else as one binary frame.
 */
final class WebSocketSender {
    private final String remote;
    private WebSocket socket;
    private CompletableFuture<Void> tail = CompletableFuture.completedFuture(null);
    private boolean closed;

    WebSocketSender(String remote) {
        this.remote = remote;
    }

    synchronized void attach(WebSocket ws) {
        socket = ws;
    }

    /** Queues a message; the future completes when the WebSocket accepted it. */
    synchronized CompletableFuture<Void> send(byte[] message) {
        if (closed || socket == null) {
            return CompletableFuture.failedFuture(closedError(null));
        }
        WebSocket ws = socket;
        CompletableFuture<Void> done = new CompletableFuture<>();
        tail = tail.thenCompose(x -> transmit(ws, message)).handle((x, error) -> {
            if (error == null) {
                done.complete(null);
            } else {
                done.completeExceptionally(closedError(Failures.unwrap(error)));
            }
            return null;
        });
        return done;
    }

    /** Sends a ping unless something is still being sent (which keeps the connection alive as well). */
    synchronized void ping() {
        if (!closed && socket != null && tail.isDone()) {
            WebSocket ws = socket;
            tail = ws.sendPing(ByteBuffer.allocate(0)).handle((x, error) -> null);
        }
    }

    /** Refuses further sends; the returned future completes when the queued ones are done. */
    synchronized CompletableFuture<Void> close() {
        closed = true;
        return tail;
    }

    private static CompletableFuture<Void> transmit(WebSocket ws, byte[] message) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(message)).toString();
            return ws.sendText(text, true).thenApply(x -> null);
        } catch (CharacterCodingException e) {
            return ws.sendBinary(ByteBuffer.wrap(message.clone()), true).thenApply(x -> null);
        }
    }

    private TransportException closedError(Throwable cause) {
        return new TransportException(TransportException.Kind.CLOSED,
                cause == null ? "WebSocket to " + remote + " is closed" : "send to " + remote + " failed: " + cause, cause);
    }
}
