package io.github.rcsoftphone.sip.transport;

/**
 * Receives what a {@link SipTransport} reads. Calls for one transport come from one thread at a time, in order.
 * Implementations should hand messages over quickly (e.g. to a signalling loop) rather than block.
 */
public interface TransportListener {

    /** One complete SIP message, exactly as received (headers and body). */
    void onMessage(byte[] message);

    /**
     * A message was refused but the connection goes on (a WebSocket message over the size limit: its framing stays
     * intact); already logged at warn. Default: nothing.
     */
    default void onRejected(TransportException problem) {
    }

    /**
     * The transport is closed; called exactly once.
     *
     * @param causeOrNull null when closed by {@link SipTransport#close()}, else why it failed
     *                    (usually a {@link TransportException})
     */
    void onClosed(Throwable causeOrNull);
}
