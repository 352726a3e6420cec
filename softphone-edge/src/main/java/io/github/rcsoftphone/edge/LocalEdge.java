package io.github.rcsoftphone.edge;

import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.sip.auth.DigestVerifier;
import io.github.rcsoftphone.sip.transport.LocalPki;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;

/**
 * An embedded local SIP edge: a registrar and record-routing proxy on WS, WSS, TCP and TLS (free loopback ports by
 * default) that behaves like RingCentral's edge closely enough for the softphone, so that demos, integration tests
 * and benchmarks need no Kamailio. It relays SIP only: the phones exchange media directly, SDP passes unchanged.
 *
 * <pre>{@code
 * LocalEdge.Account alice = new LocalEdge.Account("802398804016", "16505550100", "secret");
 * try (LocalEdge edge = LocalEdge.builder().account(alice).build()) {
 *     edge.start();
 *     Softphone phone = Softphone.builder().sipInfo(edge.sipInfo(alice, TransportKind.WSS)).tls(edge.clientTls()).build();
 *     phone.register().join();
 * }
 * }</pre>
 *
 * <p>TLS and WSS present a certificate for {@code 127.0.0.1} / {@code localhost} (and the bind address) issued at
 * start by a throw-away CA whose PEM is written to a temporary directory, deleted by {@link #close()};
 * {@link #clientTls()} trusts it with verification on. Threads are daemons named {@code softphone-edge-*}: one
 * acceptor per transport and one reader per connection. SIP traffic is logged at DEBUG on
 * {@code io.github.rcsoftphone.edge.wire}, digest responses redacted.
 */
public final class LocalEdge implements AutoCloseable {
    /** The default domain, also the digest realm. */
    public static final String DEFAULT_DOMAIN = "sip.softphone.test";

    /**
     * A subscriber.
     *
     * @param authorizationId the digest user name
     * @param username the number (SIP user in From/To)
     * @param password the SIP password (not printed by {@code toString()})
     */
    public record Account(String authorizationId, String username, String password) {
        /** Rejects nulls and blanks. */
        public Account {
            for (String s : new String[] {authorizationId, username, password}) {
                if (Objects.requireNonNull(s, "account field").isBlank()) {
                    throw new IllegalArgumentException("account fields must not be blank");
                }
            }
        }

        /** {@code n} accounts with distinct numbers ({@code 1650555xxxx}), authorization ids and random passwords. */
        public static List<Account> generate(int n) {
            if (n < 0 || n > 1_000_000) {
                throw new IllegalArgumentException("between 0 and 1000000 accounts: " + n);
            }
            List<Account> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                byte[] pw = new byte[8];
                ThreadLocalRandom.current().nextBytes(pw);
                out.add(new Account(Long.toString(802_300_000_000L + i), Long.toString(16_505_500_000L + i),
                        HexFormat.of().formatHex(pw)));
            }
            return out;
        }

        @Override
        public String toString() {
            return "Account[authorizationId=" + authorizationId + ", username=" + username + ", password=***]";
        }
    }

    /**
     * A current registration.
     *
     * @param username the registered number
     * @param contact the phone's Contact (without expires)
     * @param transport the transport of the phone's connection
     */
    public record Binding(String username, String contact, TransportKind transport) { }

    private final String domain;
    private final InetAddress bindAddress;
    private final Accounts accounts;
    private final List<Listener> listeners = new ArrayList<>();
    private final AgentLog agentLog = new AgentLog();
    private final ProxyObserver observer;
    private EdgeSide side;
    private Registrar registrar;
    private Router router;
    private Path tempDir;
    private LocalPki pki;
    private boolean started;
    private boolean closed;

    private LocalEdge(Builder b) {
        this.domain = b.domain;
        this.bindAddress = b.bindAddress;
        this.accounts = new Accounts(b.accounts);
        this.observer = b.observer;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Binds WS, WSS, TCP and TLS on free ports of the bind address. Once only. */
    public synchronized void start() throws IOException {
        if (started || closed) {
            throw new IllegalStateException(closed ? "the edge is closed" : "the edge is already started");
        }
        started = true;
        try {
            tempDir = Files.createTempDirectory("softphone-edge-");
            pki = LocalPki.create(tempDir);
            String host = bindAddress.getHostAddress();
            SSLContext tls = (host.equals("127.0.0.1") ? pki.issue("localhost", "127.0.0.1")
                    : pki.issue("localhost", "127.0.0.1", host)).serverContext();
            DigestVerifier verifier = new DigestVerifier(domain, Clock.systemUTC());
            Replies replies = new Replies(verifier, "edge" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            side = new EdgeSide(host, domain);
            registrar = new Registrar(accounts, verifier, replies);
            router = new Router(side, accounts, registrar, verifier, replies, agentLog, observer);
            AtomicLong ids = new AtomicLong();
            for (TransportKind kind : TransportKind.values()) {
                Listener l = new Listener(kind, bindAddress, tls, router, ids, side.connections());
                listeners.add(l);
                side.port(kind, l.port());
            }
            EdgeConnection.LOG.info("local edge for {} on {}: WS {}, WSS {}, TCP {}, TLS {}", domain, host,
                    port(TransportKind.WS), port(TransportKind.WSS), port(TransportKind.TCP), port(TransportKind.TLS));
        } catch (IOException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** The port of {@code kind}; {@link IllegalStateException} before {@link #start()}. */
    public int port(TransportKind kind) {
        return started().port(kind);
    }

    /** The domain (and digest realm). */
    public String domain() {
        return domain;
    }

    /** What a softphone needs to register {@code account} here over {@code kind}. */
    public SipInfo sipInfo(Account account, TransportKind kind) {
        return new SipInfo(domain, started().host() + ":" + port(kind), account.username(), account.password(),
                account.authorizationId(), kind);
    }

    /** Client TLS settings trusting the edge's CA (verification on). */
    public TlsSettings clientTls() {
        return TlsSettings.trusting(caPem());
    }

    /** The edge's CA certificate (PEM file, deleted by {@link #close()}): for {@code SOFTPHONE_TRUST_CA}. */
    public synchronized Path caPem() {
        started();
        return pki.caPem();
    }

    /** The current registrations. */
    public List<Binding> bindings() {
        return registrar == null ? List.of() : registrar.bindings();
    }

    /** The agent messages (x-rc/agent, e.g. receive-confirms) answered so far, oldest first. */
    public List<AgentMessage> agentMessages() {
        return agentLog.snapshot();
    }

    public EdgeStats stats() {
        if (registrar == null) {
            return new EdgeStats(0, 0, 0);
        }
        return new EdgeStats(registrar.size(), router.callsRouted(), side.connections().size());
    }

    private synchronized EdgeSide started() {
        if (side == null || closed) {
            throw new IllegalStateException(closed ? "the edge is closed" : "the edge is not started");
        }
        return side;
    }

    /** Closes every listener and connection, waits for their threads, deletes the CA files. Idempotent. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        listeners.forEach(Listener::close);
        List<EdgeConnection> open = side == null ? List.of() : new ArrayList<>(side.connections().values());
        open.forEach(EdgeConnection::close);
        try {
            for (Listener l : listeners) {
                l.join(5000);
            }
            for (EdgeConnection c : open) {
                c.thread().join(5000);
            }
            if (side != null) {
                for (EdgeConnection c : new ArrayList<>(side.connections().values())) {
                    c.close();
                    c.thread().join(5000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        deleteTempDir();
    }

    private void deleteTempDir() {
        if (tempDir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(tempDir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the edge's temporary directory " + tempDir, e);
        }
    }

    /** Configures a {@link LocalEdge}. */
    public static final class Builder {
        private String domain = DEFAULT_DOMAIN;
        private InetAddress bindAddress = InetAddress.getLoopbackAddress();
        private final List<Account> accounts = new ArrayList<>();
        private ProxyObserver observer = ProxyObserver.NONE;

        private Builder() {
        }

        /** Who sees the requests and responses the edge proxies, with timestamps (default: nobody). */
        public Builder observer(ProxyObserver value) {
            this.observer = Objects.requireNonNull(value, "observer");
            return this;
        }

        /** The SIP domain and digest realm (default {@value LocalEdge#DEFAULT_DOMAIN}). */
        public Builder domain(String value) {
            this.domain = Objects.requireNonNull(value, "domain");
            return this;
        }

        /** Where to listen (default loopback). */
        public Builder bindAddress(InetAddress value) {
            this.bindAddress = Objects.requireNonNull(value, "bindAddress");
            return this;
        }

        public Builder account(Account account) {
            accounts.add(Objects.requireNonNull(account, "account"));
            return this;
        }

        public Builder accounts(List<Account> list) {
            list.forEach(this::account);
            return this;
        }

        /** The edge (not started); throws for two accounts with the same number or authorization id. */
        public LocalEdge build() {
            return new LocalEdge(this);
        }
    }
}
