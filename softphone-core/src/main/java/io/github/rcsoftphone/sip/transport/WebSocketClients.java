package io.github.rcsoftphone.sip.transport;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadFactory;
import javax.net.ssl.SSLContext;

/**
 * What WebSocket connections share: ONE selector thread that runs every WS/WSS connection (TCP, TLS by
 * {@code SSLEngine}, WebSocket framing; a small pool looks host names up and ends when idle), and per proxy host and
 * certificate settings one set of TLS contexts (the CA file is read once, and TLS sessions are resumed: see
 * {@link TlsSessions}). Without it every WS/WSS connection runs its own selector thread and reads its trust store
 * again. Owned by whoever made it (a {@code SoftphoneRuntime}); the thread starts with the first connection, and
 * {@link #close()} closes the connections still open (their listeners are told) and ends the threads.
 */
public final class WebSocketClients implements AutoCloseable {

    /** What makes two connections able to share a TLS context. */
    private record Key(TlsSettings tls, String host) {
    }

    /**
     * The certificate checking of a connection's handshakes and the TLS contexts it borrows from (null: a fresh
     * context per connection, for connections that share nothing).
     */
    record Tls(TlsSessions sessions, TlsVerification verification) {
        /** TLS for one connection of its own. */
        static Tls unshared(TransportConfig config) {
            return new Tls(null, new TlsVerification(config.tls(), config.host()));
        }

        /** A context for an opening connection; give it back with {@link #release} once opened or failed. */
        SSLContext borrow() throws GeneralSecurityException, IOException {
            return sessions != null ? sessions.borrow() : verification.sslContext();
        }

        /** The opening handshake is over (either way): the context may serve the next connection. */
        void release(SSLContext context) {
            if (sessions != null) {
                sessions.release(context);
            }
        }
    }

    private final SelectorLoop loop;
    private final Map<Key, Tls> contexts = new ConcurrentHashMap<>();

    /** Connections whose threads come from {@code threadFactory} (daemon threads are expected). */
    public WebSocketClients(ThreadFactory threadFactory) {
        this.loop = new SelectorLoop(Objects.requireNonNull(threadFactory, "threadFactory"));
    }

    /** The selector all connections run on. */
    SelectorLoop loop() {
        return loop;
    }

    /** The host's shared TLS contexts and certificate checking for this connection's settings. */
    Tls tls(TransportConfig config) throws GeneralSecurityException, IOException {
        Key key = new Key(config.tls(), config.host());
        Tls tls = contexts.get(key);
        if (tls == null) {
            TlsVerification verification = new TlsVerification(config.tls(), config.host());
            Tls made = new Tls(new TlsSessions(verification.trustManagers()), verification);
            Tls raced = contexts.putIfAbsent(key, made);
            tls = raced != null ? raced : made;
        }
        return tls;
    }

    /** Closes the connections still open (their listeners get {@code onClosed}) and ends every thread. */
    @Override
    public void close() {
        loop.close();
        contexts.clear();
    }
}
