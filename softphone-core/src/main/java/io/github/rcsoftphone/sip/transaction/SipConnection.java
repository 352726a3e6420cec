package io.github.rcsoftphone.sip.transaction;

import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParseException;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.SipTransport;
import io.github.rcsoftphone.sip.transport.TransportConfig;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.sip.transport.TransportListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link SipChannel} on a {@link SipTransport}: bytes from the transport's threads are parsed and handled on the
 * loop; client transactions are matched by the top Via branch and the CSeq method.
 */
public final class SipConnection implements SipChannel, TransportListener {
    private static final Logger LOG = LoggerFactory.getLogger(SipConnection.class);

    private final Scheduler loop;
    private final Handler handler;
    private final WireLog wire;
    /** RFC 6026 Timer M: how long an INVITE client transaction stays Accepted (2xx retransmissions) = 64*T1. */
    static final Duration TIMER_M = Duration.ofMillis(500).multipliedBy(64);

    private final Map<String, Pending> pending = new HashMap<>();
    /** INVITE transactions in the Accepted state: who gets retransmitted 2xx responses. */
    private final Map<String, Consumer<SipResponse>> accepted = new HashMap<>();
    private volatile SipTransport transport;
    private boolean closed;

    private SipConnection(Scheduler loop, Handler handler, String peer) {
        this.loop = loop;
        this.handler = handler;
        this.wire = new WireLog(peer);
    }

    /** Connects a transport and wraps it; the future completes on the loop. */
    public static CompletableFuture<SipChannel> open(TransportConfig config, Scheduler loop, Handler handler) {
        return open(loop, handler, config.kind().name().toLowerCase() + "://" + config.host() + ":" + config.port(),
                listener -> SipTransport.connect(config, listener));
    }

    /** Wraps whatever transport {@code connector} makes (tests pass fakes). */
    public static CompletableFuture<SipChannel> open(Scheduler loop, Handler handler, String peer,
            Function<TransportListener, CompletableFuture<SipTransport>> connector) {
        SipConnection connection = new SipConnection(loop, handler, peer);
        CompletableFuture<SipChannel> result = new CompletableFuture<>();
        connector.apply(connection).whenComplete((t, error) -> loop.execute(() -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                connection.transport = t;
                result.complete(connection);
            }
        }));
        return result;
    }

    @Override
    public CompletableFuture<SipResponse> request(SipRequest request, Duration timeout, Consumer<SipResponse> others) {
        CompletableFuture<SipResponse> future = new CompletableFuture<>();
        loop.execute(() -> {
            if (closed) {
                future.completeExceptionally(new ChannelClosedException("connection closed", null));
                return;
            }
            String key = key(request.vias().get(0).branch(), request.cseq().method());
            Cancellable timer = loop.schedule(timeout, () -> {
                if (pending.remove(key) != null) {
                    future.completeExceptionally(new TransactionTimeoutException(request.method(), timeout));
                }
            });
            pending.put(key, new Pending(request, future, timer, others));
            write(request);
        });
        return future;
    }

    @Override
    public void respond(SipResponse response) {
        writeSoon(response);
    }

    @Override
    public void sendStateless(SipRequest request) {
        writeSoon(request);
    }

    /**
     * Writes at once when called on the loop (the call code answers from there: a 180 or 200 then goes out before
     * the loop's queued tasks, not after them), else hops onto the loop.
     */
    private void writeSoon(SipMessage message) {
        if (loop.inLoop()) {
            write(message);
        } else {
            loop.execute(() -> write(message));
        }
    }

    @Override
    public TransportKind kind() {
        return transport.kind();
    }

    @Override
    public InetSocketAddress localAddress() {
        return transport.localAddress();
    }

    @Override
    public String remoteDescription() {
        return transport.remoteDescription();
    }

    @Override
    public void close() {
        SipTransport t = transport;
        if (t != null) {
            t.close();
        }
    }

    // ---- TransportListener: called on transport threads; everything hops onto the loop

    @Override
    public void onMessage(byte[] message) {
        loop.execute(() -> receive(message));
    }

    @Override
    public void onClosed(Throwable cause) {
        loop.execute(() -> closedNow(cause));
    }

    private void receive(byte[] bytes) {
        if (closed) {
            return;
        }
        wire.incoming(bytes);
        SipMessage message;
        try {
            message = SipParser.parse(bytes);
        } catch (SipParseException e) {
            LOG.warn("dropped a malformed SIP message from {}: {}", transport == null ? "?" : transport.remoteDescription(),
                    e.getMessage());
            return;
        }
        try {
            if (message instanceof SipResponse response) {
                onResponse(response);
            } else {
                handler.onRequest(this, (SipRequest) message);
            }
        } catch (RuntimeException e) {
            LOG.warn("dropped a SIP message that could not be handled: {}", e.toString());
        }
    }

    private void onResponse(SipResponse response) {
        String key = key(response.vias().get(0).branch(), response.cseq().method());
        int code = response.statusCode();
        Pending p = code < 200 ? pending.get(key) : pending.remove(key);
        if (p == null) {
            Consumer<SipResponse> acceptedOthers = accepted.get(key);
            if (acceptedOthers != null && code >= 200 && code < 300) {
                acceptedOthers.accept(response);   // a retransmitted 2xx: the owner ACKs it again
            } else {
                LOG.debug("response {} matches no transaction", code);
            }
            return;
        }
        if (code < 200) {
            p.others().accept(response);
            return;
        }
        p.timer().cancel();
        if (p.request().isMethod("INVITE")) {
            if (code >= 300) {
                write(InviteRequests.ackNon2xx(p.request(), response));
            } else {
                accepted.put(key, p.others());
                loop.schedule(TIMER_M, () -> accepted.remove(key));
            }
        }
        p.future().complete(response);
    }

    private void write(SipMessage message) {
        SipTransport t = transport;
        if (t == null || closed) {
            LOG.debug("not sent, connection closed: {}", firstLine(message));
            return;
        }
        byte[] bytes = message.toBytes();
        wire.outgoing(bytes);
        t.send(bytes).whenComplete((v, error) -> {
            if (error != null) {
                LOG.debug("send failed: {}", error.toString());
            }
        });
    }

    private void closedNow(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        List<Pending> failed = new ArrayList<>(pending.values());
        pending.clear();
        accepted.clear();
        ChannelClosedException e = new ChannelClosedException(
                cause == null ? "connection closed" : "connection lost: " + cause.getMessage(), cause);
        for (Pending p : failed) {
            p.timer().cancel();
            p.future().completeExceptionally(e);
        }
        handler.onClosed(this, cause);
    }

    private static String key(String branch, String method) {
        return branch + ' ' + ("ACK".equals(method) ? "INVITE" : method);
    }

    private static String firstLine(SipMessage m) {
        return m instanceof SipRequest r ? r.method() + " " + r.uri() : String.valueOf(((SipResponse) m).statusCode());
    }

    private record Pending(SipRequest request, CompletableFuture<SipResponse> future, Cancellable timer,
            Consumer<SipResponse> others) {
    }
}
