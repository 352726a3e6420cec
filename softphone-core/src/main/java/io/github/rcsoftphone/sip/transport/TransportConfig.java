package io.github.rcsoftphone.sip.transport;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything a transport needs to connect.
 *
 * @param kind WSS, WS, TLS or TCP
 * @param host the outbound proxy host name or IP literal (certificates are checked against it)
 * @param port the outbound proxy port
 * @param tls certificate checking for TLS and WSS
 * @param connectTimeout limit for TCP connect plus TLS/WebSocket handshake
 * @param keepAliveInterval how often to send a keep-alive (CRLFCRLF on streams, a ping on WebSockets);
 *                          {@link Duration#ZERO} sends none
 * @param maxMessageBytes the largest message accepted from the peer (and the largest header section)
 * @param threadFactory makes the transport's own threads (reader, writer, WebSocket workers); all end on close
 * @param scheduler owned by the caller; the transport schedules keep-alives on it and cancels them on close
 * @param messageReadTimeout on TCP and TLS, how long a message may take to arrive once its first byte did; a peer
 *                           still short of it then (e.g. a body shorter than its Content-Length) loses the connection
 * @param webSockets shared WebSocket clients for WS/WSS (owned by the caller), or null: the connection makes its own
 *                   client and threads from {@code threadFactory}
 */
public record TransportConfig(TransportKind kind, String host, int port, TlsSettings tls, Duration connectTimeout,
                              Duration keepAliveInterval, int maxMessageBytes, ThreadFactory threadFactory,
                              ScheduledExecutorService scheduler, Duration messageReadTimeout,
                              WebSocketClients webSockets) {

    /** Default connect timeout: 5 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Default keep-alive interval: 30 s. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    /** Default message size limit: 64 KiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 65536;
    /** Default time a started message on TCP/TLS may take to arrive completely: 20 s (Kamailio's default too). */
    public static final Duration DEFAULT_MESSAGE_READ_TIMEOUT = Duration.ofSeconds(20);
    /** The smallest accepted message size limit. */
    public static final int MIN_MAX_MESSAGE_BYTES = 512;

    /** Validates every field. */
    public TransportConfig {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(threadFactory, "threadFactory");
        Objects.requireNonNull(scheduler, "scheduler");
        Objects.requireNonNull(messageReadTimeout, "messageReadTimeout");
        if (messageReadTimeout.isNegative() || messageReadTimeout.isZero()) {
            throw new IllegalArgumentException("messageReadTimeout must be positive: " + messageReadTimeout);
        }
        if (host.isBlank()) {
            throw new IllegalArgumentException("host is blank");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connectTimeout must be positive: " + connectTimeout);
        }
        if (keepAliveInterval.isNegative()) {
            throw new IllegalArgumentException("keepAliveInterval is negative: " + keepAliveInterval);
        }
        if (maxMessageBytes < MIN_MAX_MESSAGE_BYTES) {
            throw new IllegalArgumentException("maxMessageBytes below " + MIN_MAX_MESSAGE_BYTES + ": " + maxMessageBytes);
        }
    }

    /** A config with the default message read timeout whose WS/WSS connections make their own client. */
    public TransportConfig(TransportKind kind, String host, int port, TlsSettings tls, Duration connectTimeout,
                           Duration keepAliveInterval, int maxMessageBytes, ThreadFactory threadFactory,
                           ScheduledExecutorService scheduler) {
        this(kind, host, port, tls, connectTimeout, keepAliveInterval, maxMessageBytes, threadFactory, scheduler,
                DEFAULT_MESSAGE_READ_TIMEOUT, null);
    }

    /**
     * A config with the default timeouts and limits and daemon threads named {@code sip-<kind>-<host>-<n>}.
     */
    public static TransportConfig of(TransportKind kind, String host, int port, TlsSettings tls,
                                     ScheduledExecutorService scheduler) {
        return new TransportConfig(kind, host, port, tls, DEFAULT_CONNECT_TIMEOUT, DEFAULT_KEEP_ALIVE,
                DEFAULT_MAX_MESSAGE_BYTES, daemonThreads("sip-" + kind.uriParam() + "-" + host), scheduler);
    }

    /** A copy with another connect timeout. */
    public TransportConfig withConnectTimeout(Duration timeout) {
        return new TransportConfig(kind, host, port, tls, timeout, keepAliveInterval, maxMessageBytes, threadFactory,
                scheduler, messageReadTimeout, webSockets);
    }

    /** A copy with another keep-alive interval ({@link Duration#ZERO}: none). */
    public TransportConfig withKeepAliveInterval(Duration interval) {
        return new TransportConfig(kind, host, port, tls, connectTimeout, interval, maxMessageBytes, threadFactory,
                scheduler, messageReadTimeout, webSockets);
    }

    /** A copy with another message size limit. */
    public TransportConfig withMaxMessageBytes(int max) {
        return new TransportConfig(kind, host, port, tls, connectTimeout, keepAliveInterval, max, threadFactory,
                scheduler, messageReadTimeout, webSockets);
    }

    /** A copy with another message read timeout (TCP/TLS). */
    public TransportConfig withMessageReadTimeout(Duration timeout) {
        return new TransportConfig(kind, host, port, tls, connectTimeout, keepAliveInterval, maxMessageBytes,
                threadFactory, scheduler, timeout, webSockets);
    }

    /** A copy with another thread factory. */
    public TransportConfig withThreadFactory(ThreadFactory factory) {
        return new TransportConfig(kind, host, port, tls, connectTimeout, keepAliveInterval, maxMessageBytes, factory,
                scheduler, messageReadTimeout, webSockets);
    }

    /** A copy whose WS/WSS connections share {@code clients} (null: each connection makes its own). */
    public TransportConfig withWebSockets(WebSocketClients clients) {
        return new TransportConfig(kind, host, port, tls, connectTimeout, keepAliveInterval, maxMessageBytes,
                threadFactory, scheduler, messageReadTimeout, clients);
    }

    /** A thread factory making daemon threads named {@code <prefix>-<n>}. */
    public static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger counter = new AtomicInteger();
        return runnable -> {
            Thread t = new Thread(runnable, prefix + "-" + counter.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** {@code wss://host:port}, {@code tls://host:port}, ... (IPv6 literals in brackets). */
    String describe() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return kind.uriParam() + "://" + h + ":" + port;
    }
}
