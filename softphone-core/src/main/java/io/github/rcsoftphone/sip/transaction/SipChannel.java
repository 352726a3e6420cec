package io.github.rcsoftphone.sip.transaction;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * SIP over one connection to the edge: client transactions (reliable transport, so no retransmissions), responses
 * to incoming requests, and stateless sends. All futures complete, and all handler calls happen, on the loop.
 */
public interface SipChannel {

    /**
     * Sends a request and completes with its final response. Fails with {@link TransactionTimeoutException} when no
     * final response arrives within {@code timeout}, or with {@link ChannelClosedException} when the connection goes.
     */
    default CompletableFuture<SipResponse> request(SipRequest request, Duration timeout) {
        return request(request, timeout, r -> { });
    }

    /**
     * Like {@link #request(SipRequest, Duration)}, and {@code others} sees every other response of the transaction
     * on the loop: provisional ones (1xx) before the final response and, for INVITE, retransmitted 2xx responses for
     * Timer M (64*T1, RFC 6026) after it, so the caller can ACK them again. For INVITE, a non-2xx final response is
     * acknowledged by the channel (RFC 3261 17.1.1.3: same branch, hop by hop); a 2xx is the caller's to ACK.
     */
    CompletableFuture<SipResponse> request(SipRequest request, Duration timeout, Consumer<SipResponse> others);

    /** Sends a response to an incoming request. */
    void respond(SipResponse response);

    /** Sends a request that expects no response (ACK). */
    void sendStateless(SipRequest request);

    TransportKind kind();

    /** The local socket address, or null when the transport does not tell (WebSocket). */
    InetSocketAddress localAddress();

    /** For logs: where the channel goes, e.g. {@code wss://sip.example:8443}. */
    String remoteDescription();

    /** Closes the connection; pending transactions fail with {@link ChannelClosedException}. Idempotent. */
    void close();

    /** What a channel tells its owner. Called on the loop. */
    interface Handler {
        void onRequest(SipChannel channel, SipRequest request);

        /** The connection is gone; {@code cause} is null when it was closed by us. */
        void onClosed(SipChannel channel, Throwable cause);
    }
}
