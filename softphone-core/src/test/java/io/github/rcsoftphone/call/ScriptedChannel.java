package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;

/** A {@link SipChannel} whose far end is the test: responses and requests the softphone sends are queued. */
final class ScriptedChannel implements SipChannel {
    final BlockingQueue<SipResponse> responses = new LinkedBlockingQueue<>();
    final BlockingQueue<SipRequest> requests = new LinkedBlockingQueue<>();

    @Override
    public CompletableFuture<SipResponse> request(SipRequest request, Duration timeout) {
        requests.add(request);
        return CompletableFuture.completedFuture(SipResponse.forRequest(request, 200, "OK", "edge").build());
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
        return TransportKind.WSS;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public String remoteDescription() {
        return "wss://edge.test:8083";
    }

    @Override
    public void close() {
    }
}
