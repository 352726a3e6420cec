package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.net.http.HttpClient;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * What WebSocket connections share: one pool of worker threads for all their {@code java.net.http.HttpClient}s,
 * and per proxy host and certificate settings one set of TLS contexts (the CA file is read once, and TLS sessions
 * are resumed: see {@link TlsSessions}). Without it every WS/WSS connection makes its own pool (two or more threads per registered softphone)
 * and reads its trust store again. Each connection still gets a client of its own: one client shared by hundreds of
 * WebSockets left some opening handshakes without an answer under load (JDK 17), so the client (and its selector
 * thread) stays per connection. Owned by whoever made it (a {@code SoftphoneRuntime}); {@link #close()} stops the
 * pool. The pool grows while many connections open at once (a pool bounded at six threads registered 200
 * softphones half as fast) and its idle threads end after 30 s.
 */
public final class WebSocketClients implements AutoCloseable {
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(2);

    /** What makes two connections able to share a TLS context. */
    private record Key(TlsSettings tls, String host) {
    }

    /**
     * A client for one connection, the certificate checking its handshake reports to and the TLS contexts its context
     * was borrowed from (both null without TLS); {@link #opened()} gives the context back.
     */
    record Shared(HttpClient client, TlsVerification verification, TlsSessions sessions, SSLContext context) {
        /** The opening handshake is over (either way): the TLS context may serve the next connection. */
        void opened() {
            if (sessions != null) {
                sessions.release(context);
            }
        }
    }

    /** The TLS contexts of one server and the verification recording into them. */
    private record Tls(TlsSessions sessions, TlsVerification verification) {
    }

    private final OwnedThreads threads;
    private final ExecutorService executor;
    private final Map<Key, Tls> contexts = new ConcurrentHashMap<>();

    /** A pool whose threads come from {@code threadFactory} (daemon threads are expected). */
    public WebSocketClients(ThreadFactory threadFactory) {
        this.threads = new OwnedThreads(Objects.requireNonNull(threadFactory, "threadFactory"));
        this.executor = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 30, TimeUnit.SECONDS, new SynchronousQueue<>(),
                threads);
    }

    /** A client for this connection, on the shared pool and the host's shared TLS context. */
    Shared client(TransportConfig config) throws GeneralSecurityException, IOException {
        if (executor.isShutdown()) {
            throw new IllegalStateException("the shared WebSocket clients are closed");
        }
        HttpClient.Builder builder = HttpClient.newBuilder().executor(executor).connectTimeout(config.connectTimeout());
        if (!config.kind().secure()) {
            return new Shared(builder.build(), null, null, null);
        }
        Key key = new Key(config.tls(), config.host());
        Tls tls = contexts.get(key);
        if (tls == null) {
            TlsVerification verification = new TlsVerification(config.tls(), config.host());
            Tls made = new Tls(new TlsSessions(verification.trustManagers()), verification);
            Tls raced = contexts.putIfAbsent(key, made);
            tls = raced != null ? raced : made;
        }
        SSLContext context = tls.sessions().borrow();
        builder.sslContext(context).sslParameters(tlsParameters());
        return new Shared(builder.build(), tls.verification(), tls.sessions(), context);
    }

    /** TLS 1.2/1.3 only, for WSS handshakes. */
    static SSLParameters tlsParameters() {
        SSLParameters params = new SSLParameters();
        params.setProtocols(StreamSockets.PROTOCOLS.toArray(String[]::new));
        return params;
    }

    /** True on one of the pool's threads (a transport must not block waiting for the pool there). */
    boolean isOwnThread() {
        return threads.isOwnThread();
    }

    /** Stops the worker pool and forgets the TLS contexts; connections still open stop receiving. */
    @Override
    public void close() {
        contexts.clear();
        executor.shutdown();
        try {
            if (!executor.awaitTermination(CLOSE_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                executor.shutdownNow();
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // a terminated pool's workers may still be finishing: wait until they are gone, so close() leaves no thread
        threads.awaitTermination(CLOSE_WAIT);
    }
}
