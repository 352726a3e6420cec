package io.github.rcsoftphone.sip.transport;

import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the data frames of a WebSocket connection into messages for the {@link TransportListener}: text and binary
 * alike (a SIP message either way), fragments in order, a message over the size limit dropped as a whole (told once
 * to {@link TransportListener#onRejected}; the connection goes on). Continuation frames out of sequence are a
 * protocol error. Used on one thread.
 */
final class WebSocketMessages {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());

    private final TransportListener listener;
    private final int maxBytes;
    private final String remote;
    private byte[] held = new byte[0];
    private int size;
    private boolean inMessage;
    /** Skipping the rest of a message over the limit. */
    private boolean discarding;

    WebSocketMessages(TransportListener listener, int maxBytes, String remote) {
        this.listener = listener;
        this.maxBytes = maxBytes;
        this.remote = remote;
    }

    /** A data frame (text, binary or continuation) within the frame limit. */
    void data(WebSocketCodec.Frame frame) throws TransportException {
        sequence(frame.opcode(), frame.fin());
        byte[] payload = frame.payload();
        if (!discarding && (long) size + payload.length > maxBytes) {
            tooLarge((size + (long) payload.length) + (frame.fin() ? "" : "+"));
        }
        if (!discarding) {
            if (frame.fin() && size == 0) {
                end();
                deliver(payload);
                return;
            }
            if (size + payload.length > held.length) {
                held = Arrays.copyOf(held, Math.max(size + payload.length, 2 * held.length));
            }
            System.arraycopy(payload, 0, held, size, payload.length);
            size += payload.length;
        }
        if (frame.fin()) {
            byte[] message = discarding ? null : Arrays.copyOf(held, size);
            end();
            if (message != null) {
                deliver(message);
            }
        }
    }

    /** A data frame over the frame limit, whose payload is skipped. */
    void oversized(int opcode, boolean fin, long length) throws TransportException {
        sequence(opcode, fin);
        if (!discarding) {
            tooLarge((size + length) + (fin ? "" : "+"));
        }
        if (fin) {
            end();
        }
    }

    /** True while a fragmented message waits for its last fragment. */
    boolean midMessage() {
        return inMessage;
    }

    private void sequence(int opcode, boolean fin) throws TransportException {
        boolean continuation = opcode == WebSocketCodec.CONTINUATION;
        if (continuation != inMessage) {
            throw new TransportException(TransportException.Kind.PROTOCOL, continuation
                    ? "WebSocket continuation frame from " + remote + " without a message to continue"
                    : "new WebSocket message from " + remote + " inside a fragmented one");
        }
        inMessage = !fin;
    }

    /** The message being received is over the limit: what is held is freed and the rest skipped. */
    private void tooLarge(String bytes) {
        held = new byte[0];
        size = 0;
        discarding = true;
        TransportException problem = new TransportException(TransportException.Kind.TOO_LARGE, "dropped a WebSocket "
                + "message of " + bytes + " bytes from " + remote + ": over the limit of " + maxBytes + " bytes");
        LOG.warn(problem.getMessage());
        try {
            listener.onRejected(problem);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed in onRejected", e);
        }
    }

    private void end() {
        if (held.length > 8192) {
            held = new byte[0];
        }
        size = 0;
        discarding = false;
    }

    private void deliver(byte[] message) {
        try {
            listener.onMessage(message);
        } catch (RuntimeException e) {
            LOG.warn("transport listener failed on a message from {}", remote, e);
        }
    }
}
