package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.InviteRequests;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A {@link SipChannel} whose far end is the test: responses and requests the softphone sends are queued. Requests
 * other than INVITE are answered at once ({@link #statusFor}, 200); INVITEs stay open until the test {@link #reply replies} (like
 * {@code SipConnection}, the channel ACKs a non-2xx final response itself, and the ACK is queued too).
 */
final class ScriptedChannel implements SipChannel {
    final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    final BlockingQueue<SipRequest> requests = new LinkedBlockingQueue<>();
    private final Map<String, Open> invites = new ConcurrentHashMap<>();
    private final TransportKind kind;
    /** The status code with which a non-INVITE request is answered (default 200). */
    volatile java.util.function.ToIntFunction<SipRequest> statusFor = r -> 200;

    ScriptedChannel() {
        this(TransportKind.WSS);
    }

    ScriptedChannel(TransportKind kind) {
        this.kind = kind;
    }

    @Override
    public CompletableFuture<SipResponse> request(SipRequest request, Duration timeout, Consumer<SipResponse> others) {
        requests.add(request);
        if (request.isMethod("INVITE")) {
            CompletableFuture<SipResponse> f = new CompletableFuture<>();
            invites.put(request.vias().get(0).branch(), new Open(request, f, others));
            return f;
        }
        int code = statusFor.applyAsInt(request);
        return CompletableFuture.completedFuture(SipResponse.forRequest(request, code, code < 300 ? "OK" : "Refused",
                "edge").build());
    }

    /** The far end answers an INVITE: provisional and retransmitted 2xx go to the transaction's others. Loop only. */
    void reply(SipResponse response) {
        Open open = invites.get(response.vias().get(0).branch());
        if (open == null) {
            throw new IllegalStateException("no INVITE for " + response.vias().get(0).branch());
        }
        if (response.statusCode() < 200 || open.future().isDone()) {
            open.others().accept(response);
            return;
        }
        if (response.statusCode() >= 300) {
            requests.add(InviteRequests.ackNon2xx(open.request(), response));
        }
        open.future().complete(response);
    }

    @Override
    public void respond(SipResponse response) {
        responses.add(response);
    }

    @Override
    public void sendStateless(SipRequest request) {
        requests.add(request);
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress localAddress() {
        return kind.websocket() ? null : new InetSocketAddress("127.0.0.1", 50600);
    }

    @Override
    public String remoteDescription() {
        return kind.websocket() ? "wss://edge.test:8083" : "tls://edge.test:5061";
    }

    @Override
    public void close() {
    }

    private record Open(SipRequest request, CompletableFuture<SipResponse> future, Consumer<SipResponse> others) {
    }

    /** The next request the softphone sent, which must be a {@code method} (waits up to 20 s). */
    SipRequest nextRequest(String method) throws InterruptedException {
        SipRequest r = requests.poll(20, TimeUnit.SECONDS);
        assertThat(r).as("a %s request", method).isNotNull();
        assertThat(r.method()).isEqualTo(method);
        return r;
    }

    /** The next response the softphone sent to a {@code method} request, skipping others (each waited for up to {@code seconds}). */
    SipResponse nextResponse(String method, long seconds) throws InterruptedException {
        while (true) {
            SipResponse r = responses.poll(seconds, TimeUnit.SECONDS);
            assertThat(r).as("a response to %s", method).isNotNull();
            if (r.cseq().method().equals(method)) {
                return r;
            }
        }
    }
}
