package io.github.rcsoftphone.register;

import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.ChannelClosedException;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transaction.TransactionTimeoutException;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** A scripted {@link SipChannel}: records requests; the test answers them; timeouts run on the fake clock. */
final class FakeChannel implements SipChannel {
    record Sent(SipRequest request, CompletableFuture<SipResponse> future, Cancellable timer) {
    }

    final List<Sent> sent = new ArrayList<>();
    final List<SipResponse> responses = new ArrayList<>();
    private final Scheduler loop;
    private final TransportKind kind;
    private final SipChannel.Handler handler;
    boolean closed;

    FakeChannel(Scheduler loop, TransportKind kind, SipChannel.Handler handler) {
        this.loop = loop;
        this.kind = kind;
        this.handler = handler;
    }

    @Override
    public CompletableFuture<SipResponse> request(SipRequest request, Duration timeout,
            java.util.function.Consumer<SipResponse> others) {
        CompletableFuture<SipResponse> f = new CompletableFuture<>();
        Cancellable timer = loop.schedule(timeout, () -> f.completeExceptionally(
                new TransactionTimeoutException(request.method(), timeout)));
        sent.add(new Sent(request, f, timer));
        return f;
    }

    /** Answers the newest request with {@code response} built from it. */
    void answer(SipResponse.Builder response) {
        Sent s = last();
        s.timer().cancel();
        s.future().complete(response.build());
    }

    Sent last() {
        return sent.get(sent.size() - 1);
    }

    /** The far end drops the connection. */
    void drop(String why) {
        closed = true;
        for (Sent s : sent) {
            s.future().completeExceptionally(new ChannelClosedException(why, null));
        }
        handler.onClosed(this, new java.io.IOException(why));
    }

    @Override
    public void respond(SipResponse response) {
        responses.add(response);
    }

    @Override
    public void sendStateless(SipRequest request) {
    }

    @Override
    public TransportKind kind() {
        return kind;
    }

    @Override
    public InetSocketAddress localAddress() {
        return kind.websocket() ? null : new InetSocketAddress("127.0.0.1", 40000);
    }

    @Override
    public String remoteDescription() {
        return kind.name().toLowerCase() + "://edge.test:8083";
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            loop.execute(() -> handler.onClosed(this, null));
        }
    }
}
