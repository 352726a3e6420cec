package io.github.rcsoftphone.sip.transport;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SIP over WebSocket (RFC 7118) on {@code java.net.http}: subprotocol {@code sip}, one SIP message per WebSocket
 * message. The HttpClient runs on an executor made from the config's thread factory and shut down on close; the
 * transport keeps no reference to the client, so the client's own selector thread ends once it is collected.
 */
final class WebSocketTransport implements SipTransport {
    private static final Logger LOG = LoggerFactory.getLogger(SipTransport.class.getPackageName());
    static final String SUBPROTOCOL = "sip";
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    private final TransportConfig config;
    private final String remote;
    private final OwnedThreads threads;
    private final ExecutorService executor; // null when the client is shared (config.webSockets())
    private final WebSocketReceiver receiver;
    private final WebSocketSender sender;
    private WebSocket socket;
    private ScheduledFuture<?> keepAlive;

    private WebSocketTransport(TransportConfig config, TransportListener listener) {
        this.config = config;
        this.remote = config.describe();
        this.threads = new OwnedThreads(config.threadFactory());
        this.executor = config.webSockets() == null ? Executors.newCachedThreadPool(threads) : null;
        this.receiver = new WebSocketReceiver(listener, config.maxMessageBytes(), remote, this::failed);
        this.sender = new WebSocketSender(remote);
    }

    static CompletableFuture<SipTransport> connect(TransportConfig config, TransportListener listener) {
        WebSocketTransport transport = new WebSocketTransport(config, listener);
        TlsVerification verification = null;
        WebSocketClients.Shared shared = null;
        CompletableFuture<WebSocket> opening;
        try {
            HttpClient client;
            if (config.webSockets() != null) {
                shared = config.webSockets().client(config);
                verification = shared.verification();
                client = shared.client();
            } else {
                verification = config.kind().secure() ? new TlsVerification(config.tls(), config.host()) : null;
                client = transport.ownClient(verification);
            }
            if (verification != null && config.tls().insecure()) {
                StreamSockets.warnInsecure(transport.remote);
            }
            opening = client.newWebSocketBuilder()
                    .connectTimeout(config.connectTimeout())
                    .subprotocols(SUBPROTOCOL)
                    .buildAsync(URI.create(transport.remote + "/"), transport.receiver);
        } catch (Exception e) {
            if (shared != null) {
                shared.opened();
            }
            transport.stopExecutor(true);
            return CompletableFuture.failedFuture(Failures.connectFailure(e, transport.remote, verification));
        }
        TlsVerification checked = verification;
        WebSocketClients.Shared lent = shared;
        CompletableFuture<SipTransport> result = new CompletableFuture<>();
        opening.whenComplete((ws, error) -> {
            if (lent != null) {
                lent.opened();
            }
            if (error != null) {
                transport.stopExecutor(false);
                TransportException failure = Failures.connectFailure(error, transport.remote, checked);
                LOG.debug("connect to {} failed: {}", transport.remote, failure.getMessage());
                result.completeExceptionally(failure);
            } else if (!SUBPROTOCOL.equalsIgnoreCase(ws.getSubprotocol())) {
                ws.abort();
                transport.stopExecutor(false);
                result.completeExceptionally(new TransportException(TransportException.Kind.PROTOCOL,
                        transport.remote + " did not accept the WebSocket subprotocol 'sip'"
                        + (ws.getSubprotocol().isEmpty() ? "" : " (chose '" + ws.getSubprotocol() + "')")));
            } else {
                transport.opened(ws);
                if (!result.complete(transport)) {
                    transport.close(); // the caller cancelled
                }
                transport.startReceiving(ws);
            }
        });
        return result;
    }

    /** A client of this connection's own (no shared clients configured). */
    private HttpClient ownClient(TlsVerification verification) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().executor(executor).connectTimeout(config.connectTimeout());
        if (verification != null) {
            builder.sslContext(verification.sslContext()).sslParameters(WebSocketClients.tlsParameters());
        }
        return builder.build();
    }

    /** Stops this connection's own executor (nothing when the client is shared). */
    private void stopExecutor(boolean now) {
        if (executor == null) {
            return;
        }
        if (now) {
            executor.shutdownNow();
        } else {
            executor.shutdown();
        }
    }

    /** True on a thread of the client this connection runs on (waiting for it there would dead-lock). */
    private boolean onClientThread() {
        return config.webSockets() != null ? config.webSockets().isOwnThread() : threads.isOwnThread();
    }

    private void opened(WebSocket ws) {
        LOG.debug("WebSocket to {} open", remote);
        synchronized (this) {
            socket = ws;
        }
        sender.attach(ws);
        Duration every = config.keepAliveInterval();
        if (!every.isZero()) {
            ScheduledFuture<?> task = config.scheduler().scheduleAtFixedRate(sender::ping,
                    every.toNanos(), every.toNanos(), TimeUnit.NANOSECONDS);
            synchronized (this) {
                keepAlive = task;
            }
        }
    }

    /** Asks for the first frame, after the connect future completed, so no message precedes it. */
    private void startReceiving(WebSocket ws) {
        if (receiver.isClosed()) {
            release(""); // failed or closed while the connect future was completing
        } else {
            ws.request(1);
        }
    }

    /** The receiver saw the peer close or the connection break; it tells the listener after this. */
    private void failed(TransportException cause) {
        LOG.debug("WebSocket to {} closed: {}", remote, cause.getMessage());
        release("");
    }

    @Override
    public CompletableFuture<Void> send(byte[] message) {
        return sender.send(message);
    }

    @Override
    public void close() {
        if (!receiver.markClosed()) {
            return;
        }
        LOG.debug("closing WebSocket to {}", remote);
        release("");
        receiver.closed(null);
    }

    /** Sends a 1000 close frame after the queued messages, then aborts and stops the executor. */
    private void release(String reason) {
        WebSocket ws;
        synchronized (this) {
            ws = socket;
            socket = null;
            if (keepAlive != null) {
                keepAlive.cancel(false);
                keepAlive = null;
            }
        }
        if (ws == null) {
            stopExecutor(false);
            return;
        }
        CompletableFuture<Void> closing = sender.close()
                .thenCompose(x -> ws.sendClose(WebSocket.NORMAL_CLOSURE, reason))
                .handle((x, error) -> (Void) null);
        if (onClientThread()) {
            ScheduledFuture<?> timeout = config.scheduler().schedule(() -> closing.complete(null),
                    CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            closing.whenComplete((x, error) -> {
                timeout.cancel(false);
                ws.abort();
                stopExecutor(false);
            });
            return;
        }
        try {
            closing.get(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            LOG.debug("close frame to {} not sent: {}", remote, e.toString());
        }
        ws.abort();
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                LOG.warn("WebSocket threads for {} did not end within {}", remote, CLOSE_WAIT);
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public TransportKind kind() {
        return config.kind();
    }

    @Override
    public String remoteDescription() {
        return remote;
    }

    @Override
    public InetSocketAddress localAddress() {
        return null;
    }

    @Override
    public String toString() {
        return "WebSocketTransport[" + remote + "]";
    }
}
