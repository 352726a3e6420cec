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
            rejectMalformed(bytes, e);
            return;
        }
        if (message instanceof SipRequest request) {
            String problem = mandatoryHeaderProblem(request);
            if (problem != null) {
                reject(request, problem);
                return;
            }
        }
        try {
            if (message instanceof SipResponse response) {
                onResponse(response);
            } else {
                handler.onRequest(this, (SipRequest) message);
            }
        } catch (RuntimeException e) {
            LOG.warn("dropped a SIP message from {} that could not be handled: {}", peer(), e.toString());
        }
    }

    /**
     * A message that does not parse: a request whose start line and headers still do (e.g. its body is shorter than
     * its Content-Length, RFC 3261 18.3) is answered 400, anything else dropped; either way logged once.
     */
    private void rejectMalformed(byte[] bytes, SipParseException e) {
        SipMessage head;
        try {
            head = SipParser.parseHead(bytes);
        } catch (SipParseException again) {
            head = null;
        }
        if (head instanceof SipRequest request && mandatoryHeaderProblem(request) == null) {
            reject(request, e.getMessage());
        } else {
            LOG.warn("dropped a malformed SIP message from {}: {}", peer(), e.getMessage());
        }
    }

    /** Answers 400 with {@code problem} in the reason phrase when a response can be matched (Via and CSeq). */
    private void reject(SipRequest request, String problem) {
        if (request.isMethod("ACK") || !answerable(request)) {
            LOG.warn("dropped a bad {} from {}: {}", request.method(), peer(), problem);
            return;
        }
        LOG.warn("answered 400 to a bad {} from {}: {}", request.method(), peer(), problem);
        write(SipResponse.forRequest(request, 400, "Bad Request (" + printable(problem) + ")", null).build());
    }

    /** Why {@code r} lacks a header every request must carry (RFC 3261 8.1.1), or null when nothing is missing. */
    static String mandatoryHeaderProblem(SipRequest r) {
        try {
            if (r.vias().isEmpty()) {
                return "no Via header";
            }
            if (!r.cseq().method().equals(r.method())) {
                return "CSeq method " + r.cseq().method() + " is not the request's " + r.method();
            }
            r.from();
            r.to();
            r.callId();
            return null;
        } catch (IllegalStateException e) {
            return e.getMessage();
        }
    }

    private static boolean answerable(SipRequest r) {
        try {
            return !r.vias().isEmpty() && r.cseq() != null;
        } catch (IllegalStateException e) {
            return false;
        }
    }

    /** {@code text} fit for a reason phrase: control characters become '?', at most 200 characters. */
    private static String printable(String text) {
        StringBuilder b = new StringBuilder(Math.min(text.length(), 200));
        for (int i = 0; i < text.length() && b.length() < 200; i++) {
            char c = text.charAt(i);
            b.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return b.toString();
    }

    private String peer() {
        SipTransport t = transport;
        return t == null ? "?" : t.remoteDescription();
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
