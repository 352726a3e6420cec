package io.github.rcsoftphone.register;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone.RegistrationOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.sched.Scheduler;
import io.github.rcsoftphone.sched.Scheduler.Cancellable;
import io.github.rcsoftphone.sip.auth.DigestAuthenticator;
import io.github.rcsoftphone.sip.auth.DigestChallenge;
import io.github.rcsoftphone.sip.auth.DigestCredentials;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.ChannelClosedException;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transaction.TransactionTimeoutException;
import io.github.rcsoftphone.sip.transport.TransportException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a device registered: connects, registers (answering digest challenges), refreshes before the granted expiry,
 * reconnects with exponential back-off when the connection drops or a REGISTER goes unanswered, fails over between
 * the main and the backup proxy on connectivity failures (see {@link ProxySelector}), backs off on 5xx and 603, stops
 * for good on bad credentials and on TLS failures (of every proxy), and un-registers on {@link #stop()}. All state
 * lives on the loop; every method may be called from any thread.
 */
public final class RegistrationAgent {
    private static final Logger LOG = LoggerFactory.getLogger(RegistrationAgent.class);

    /** Opens a connection to the outbound proxy {@code proxy} whose events go to {@code handler}. */
    @FunctionalInterface
    public interface Connector {
        CompletableFuture<SipChannel> connect(SipInfo.HostPort proxy, SipChannel.Handler handler);
    }

    private enum State { IDLE, CONNECTING, REGISTERING, REGISTERED, WAITING, FAILED, CLOSING, CLOSED }

    private final Scheduler loop;
    private final Connector connector;
    private final RegistrationOptions options;
    private final Consumer<SoftphoneEvent> events;
    private final BiConsumer<SipChannel, SipRequest> requests;
    private final RandomGenerator random;
    private final DigestCredentials credentials;
    private final DigestAuthenticator authenticator;
    private final RegisterRequests messages;
    private final ProxySelector proxies;
    private final CompletableFuture<SoftphoneEvent.Registered> firstResult = new CompletableFuture<>();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private State state = State.IDLE;
    private SipChannel channel;
    private Cancellable timer = Cancellable.NONE;
    private int reconnectAttempts;
    private boolean lost;
    private int expiresToAsk;
    private boolean wasRegistered;

    public RegistrationAgent(Scheduler loop, Connector connector, SipInfo sipInfo, RegistrationOptions options,
            RegisterRequests messages, Consumer<SoftphoneEvent> events, BiConsumer<SipChannel, SipRequest> requests,
            RandomGenerator random) {
        this.loop = loop;
        this.connector = connector;
        this.options = options;
        this.events = events;
        this.requests = requests;
        this.random = random;
        this.messages = messages;
        this.credentials = new DigestCredentials(sipInfo.authorizationId(), sipInfo.password());
        this.authenticator = new DigestAuthenticator(() -> messages.token(16));
        this.expiresToAsk = options.requestedExpires();
        this.proxies = new ProxySelector(sipInfo);
    }

    /** Starts; the future completes with the first registration or fails with the first failure's reason. */
    public CompletableFuture<SoftphoneEvent.Registered> start() {
        loop.execute(() -> {
            if (state == State.IDLE) {
                connect();
            }
        });
        return firstResult;
    }

    /** The current connection, or null; for the other users of the connection (calls). Loop only. */
    public SipChannel channel() {
        return channel;
    }

    /** Un-registers if registered, closes the connection; completes when done. Idempotent. */
    public CompletableFuture<Void> stop() {
        loop.execute(() -> {
            if (state == State.CLOSING || state == State.CLOSED) {
                return;
            }
            timer.cancel();
            boolean registered = state == State.REGISTERED;
            state = State.CLOSING;
            firstResult.completeExceptionally(new SoftphoneException(FailureReason.UNREACHABLE, "softphone closed"));
            if (registered && channel != null) {
                sendRegister(0, null, false);
                timer = loop.schedule(options.answerTimeout(), this::finishStop);
            } else {
                finishStop();
            }
        });
        return stopped;
    }

    // ---- connecting

    private void connect() {
        state = State.CONNECTING;
        connector.connect(proxies.current(), new ChannelEvents()).whenComplete((c, error) -> loop.execute(() -> connected(c, error)));
    }

    private void connected(SipChannel c, Throwable error) {
        if (state != State.CONNECTING) {
            if (c != null) {
                c.close();
            }
            return;
        }
        if (error != null) {
            connectFailed(unwrap(error));
            return;
        }
        channel = c;
        if (lost) {
            lost = false;
            emit(new SoftphoneEvent.Reconnected(c.remoteDescription(), proxies.onBackup()));
        }
        messages.bind(c);
        state = State.REGISTERING;
        sendRegister(expiresToAsk, null, false);
    }

    private void connectFailed(Throwable cause) {
        boolean tls = cause instanceof TransportException te && te.kind() == TransportException.Kind.TLS;
        String failed = proxies.describe();
        if (proxies.failed(tls) == ProxySelector.Next.GIVE_UP_TLS) {
            fail(FailureReason.TLS, "TLS handshake with the edge failed: " + cause.getMessage());
            return;
        }
        String detail = (proxies.hasBackup() ? failed + ": " : "") + (tls ? "TLS handshake failed: " : "cannot connect: ")
                + cause.getMessage() + (proxies.hasBackup() ? "; next try: " + proxies.describe() : "");
        if (!firstResult.isDone()) {
            retryable(tls ? FailureReason.TLS : FailureReason.UNREACHABLE, detail, proxies.triedAll());
        } else {
            LOG.debug("reconnect attempt failed: {}", detail);
        }
        scheduleReconnect();
    }

    private void scheduleReconnect() {
        state = State.WAITING;
        long base = options.reconnectInitial().toMillis() << Math.min(reconnectAttempts++, 16);
        long capped = Math.min(base, options.reconnectMax().toMillis());
        long jittered = (long) (capped * (0.8 + 0.4 * random.nextDouble()));
        timer = loop.schedule(Duration.ofMillis(jittered), this::connect);
    }

    // ---- REGISTER and its answers

    private void sendRegister(int expires, DigestChallenge challenge, boolean proxy) {
        SipChannel c = channel;
        String authorization = challenge == null ? null
                : authenticator.authorize(challenge, credentials, "REGISTER", messages.registrarUri());
        SipRequest request = messages.register(expires, authorization, proxy);
        c.request(request, options.answerTimeout())
                .whenComplete((response, error) -> loop.execute(() -> answered(c, expires, challenge != null, response, error)));
    }

    private void answered(SipChannel c, int expires, boolean withAuth, SipResponse response, Throwable error) {
        if (c != channel || state == State.CLOSED || state == State.FAILED) {
            return;
        }
        if (error != null) {
            Throwable cause = unwrap(error);
            if (state == State.CLOSING) {
                finishStop();
            } else if (cause instanceof TransactionTimeoutException) {
                connectionLost(cause.getMessage());
                c.close();
            } // a closed channel is handled by onClosed
            return;
        }
        int code = response.statusCode();
        if (code >= 200 && code < 300) {
            if (state == State.CLOSING) {
                finishStop();
            } else {
                registered(response, expires);
            }
        } else if (code == 401 || code == 407) {
            challenged(response, expires, withAuth, code == 407);
        } else if (state == State.CLOSING) {
            finishStop();
        } else if (code == 403) {
            fail(FailureReason.BAD_CREDENTIALS, "403 " + response.reasonPhrase() + ": the edge refused the credentials");
        } else if (code == 423) {
            int min = response.header("Min-Expires").map(RegistrationAgent::parseInt).orElse(-1);
            if (min <= expiresToAsk || min <= 0) {
                fail(FailureReason.REJECTED, "423 Interval Too Brief without a usable Min-Expires");
            } else {
                expiresToAsk = min;
                sendRegister(expiresToAsk, null, false);
            }
        } else if (code == 603 || code >= 500) {
            FailureReason reason = code == 603 ? FailureReason.TOO_MANY_CONTACTS : FailureReason.SERVER_ERROR;
            retryable(reason, code + " " + response.reasonPhrase());
            Duration wait = response.header("Retry-After").map(RegistrationAgent::parseInt).filter(s -> s > 0)
                    .map(s -> Duration.ofSeconds(s)).orElse(options.rejectedBackoff());
            state = State.WAITING;
            timer = loop.schedule(wait, () -> {
                state = State.REGISTERING;
                sendRegister(expiresToAsk, null, false);
            });
        } else {
            fail(FailureReason.REJECTED, code + " " + response.reasonPhrase());
        }
    }

    private void challenged(SipResponse response, int expires, boolean withAuth, boolean proxy) {
        Optional<String> header = response.header(proxy ? "Proxy-Authenticate" : "WWW-Authenticate");
        if (header.isEmpty()) {
            failOrFinish(FailureReason.REJECTED, response.statusCode() + " without a challenge");
            return;
        }
        DigestChallenge challenge;
        try {
            challenge = DigestChallenge.parse(header.get());
        } catch (IllegalArgumentException e) {
            failOrFinish(FailureReason.REJECTED, "unusable challenge: " + e.getMessage());
            return;
        }
        if (withAuth && !challenge.stale()) {
            failOrFinish(FailureReason.BAD_CREDENTIALS, response.statusCode() + " " + response.reasonPhrase()
                    + " after sending credentials: wrong password or authorization id for '"
                    + credentials.username() + "'");
            return;
        }
        sendRegister(expires, challenge, proxy);
    }

    private void registered(SipResponse response, int asked) {
        int granted = messages.grantedExpires(response, asked);
        boolean refresh = state == State.REGISTERED;
        state = State.REGISTERED;
        wasRegistered = true;
        reconnectAttempts = 0;
        proxies.registered();
        SoftphoneEvent.Registered event = new SoftphoneEvent.Registered(granted, messages.contact(), refresh,
                proxies.current().toString(), proxies.onBackup());
        emit(event);
        firstResult.complete(event);
        timer.cancel();
        timer = loop.schedule(refreshDelay(granted), () -> sendRegister(expiresToAsk, null, false));
    }

    /** Refresh well before expiry: half-way for short grants, 15 s early for long ones. */
    static Duration refreshDelay(int grantedSeconds) {
        long ms = grantedSeconds * 1000L;
        return Duration.ofMillis(grantedSeconds <= 10 ? ms / 2 : Math.max(ms - 15_000, ms / 2));
    }

    // ---- losing the connection, failing, stopping

    private void connectionLost(String detail) {
        timer.cancel();
        channel = null;
        lost = true;
        proxies.lost();
        emit(new SoftphoneEvent.ConnectionLost(detail));
        if (!firstResult.isDone()) {
            retryable(FailureReason.TIMEOUT, detail, proxies.triedAll());
        }
        scheduleReconnect();
    }

    private void retryable(FailureReason reason, String detail) {
        retryable(reason, detail, true);
    }

    /** Reports a failure that will be retried; the first result fails only when {@code failFirstResult}
     * (every proxy failed). */
    private void retryable(FailureReason reason, String detail, boolean failFirstResult) {
        emit(new SoftphoneEvent.RegistrationFailed(reason, detail, true));
        if (failFirstResult) {
            firstResult.completeExceptionally(new SoftphoneException(reason, detail));
        }
    }

    private void failOrFinish(FailureReason reason, String detail) {
        if (state == State.CLOSING) {
            finishStop();
        } else {
            fail(reason, detail);
        }
    }

    private void fail(FailureReason reason, String detail) {
        LOG.warn("registration failed for good: {}: {}", reason, detail);
        state = State.FAILED;
        timer.cancel();
        emit(new SoftphoneEvent.RegistrationFailed(reason, detail, false));
        firstResult.completeExceptionally(new SoftphoneException(reason, detail));
        if (channel != null) {
            channel.close();
        }
    }

    private void finishStop() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        timer.cancel();
        if (channel != null) {
            channel.close();
            channel = null;
        }
        if (wasRegistered) {
            emit(new SoftphoneEvent.Unregistered());
        }
        stopped.complete(null);
    }

    private void emit(SoftphoneEvent event) {
        events.accept(event);
    }

    private final class ChannelEvents implements SipChannel.Handler {
        @Override
        public void onRequest(SipChannel c, SipRequest request) {
            requests.accept(c, request);
        }

        @Override
        public void onClosed(SipChannel c, Throwable cause) {
            if (c != channel || state == State.CLOSED || state == State.FAILED) {
                return;
            }
            if (state == State.CLOSING) {
                finishStop();
                return;
            }
            connectionLost(cause == null ? "connection closed" : cause.getMessage());
        }
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof java.util.concurrent.ExecutionException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c instanceof ChannelClosedException && c.getCause() != null ? c.getCause() : c;
    }

    private static int parseInt(String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
