package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestStreamServer;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS transport against an in-test SSLServerSocket with certificates from {@link LocalPki}. */
class TlsTransportTest {
    private static final String OPTIONS = "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    static Path dir;
    private static LocalPki pki;
    private static LocalPki.Issued loopback;

    private TransportTestSupport support;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void pki() {
        pki = LocalPki.create(dir);
        loopback = pki.issue("localhost", "127.0.0.1");
    }

    @BeforeEach
    void start() {
        support = new TransportTestSupport("tls");
    }

    @AfterEach
    void stop() {
        support.close();
    }

    private SipTransport connect(String host, int port, TlsSettings tls) throws Exception {
        return SipTransport.connect(support.config(TransportKind.TLS, host, port, tls), listener)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransportException failure(String host, int port, TlsSettings tls) {
        Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(() -> connect(host, port, tls));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TransportException.class);
        return (TransportException) thrown.getCause();
    }

    @Test
    void trustsTheServerThroughTheExtraCaAndVerifiesAnIpSan() throws Exception {
        try (TestStreamServer server = TestStreamServer.tls(loopback.serverContext());
             SipTransport transport = connect("127.0.0.1", server.port(), TlsSettings.trusting(pki.caPem()))) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            assertThat(((SSLSocket) peer.socket()).getSession().getProtocol()).isIn("TLSv1.3", "TLSv1.2");
            transport.send(OPTIONS.getBytes(UTF_8)).get();
            assertThat(peer.readLike(OPTIONS, WAIT)).isEqualTo(OPTIONS);
            peer.send(OPTIONS);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(OPTIONS);
            assertThat(transport.remoteDescription()).isEqualTo("tls://127.0.0.1:" + server.port());
        }
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThat(support.ourThreads()).isEmpty();
    }

    @Test
    void verifiesADnsNameAndSendsSni() throws Exception {
        try (TestStreamServer server = TestStreamServer.tls(loopback.serverContext());
             SipTransport transport = connect("localhost", server.port(), TlsSettings.trusting(pki.caPem()))) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            javax.net.ssl.ExtendedSSLSession session = (javax.net.ssl.ExtendedSSLSession) ((SSLSocket) peer.socket()).getSession();
            assertThat(session.getRequestedServerNames()).singleElement()
                    .satisfies(n -> assertThat(new String(n.getEncoded(), UTF_8)).isEqualTo("localhost"));
            assertThat(transport.localAddress()).isNotNull();
        }
    }

    @Test
    void untrustedCertificateIsATlsError() throws Exception {
        try (TestStreamServer server = TestStreamServer.tls(loopback.serverContext())) {
            TransportException e = failure("127.0.0.1", server.port(), TlsSettings.defaults());
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
            assertThat(e).hasMessageContaining("untrusted certificate for 127.0.0.1");
        }
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
        assertThat(listener.closedCalls()).isZero();
    }

    @Test
    void certificateForAnotherHostIsATlsError() throws Exception {
        LocalPki.Issued other = pki.issue("other.test");
        try (TestStreamServer server = TestStreamServer.tls(other.serverContext())) {
            TransportException e = failure("127.0.0.1", server.port(), TlsSettings.trusting(pki.caPem()));
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
            assertThat(e).hasMessage("certificate for other.test does not match 127.0.0.1");
            TransportException byName = failure("localhost", server.port(), TlsSettings.trusting(pki.caPem()));
            assertThat(byName).hasMessage("certificate for other.test does not match localhost");
        }
    }

    @Test
    void insecureModeAcceptsAnyCertificate() throws Exception {
        LocalPki.Issued other = pki.issue("other.test");
        try (TestStreamServer server = TestStreamServer.tls(other.serverContext());
             SipTransport transport = connect("127.0.0.1", server.port(), new TlsSettings(null, true))) {
            server.accept(WAIT).send(OPTIONS);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(OPTIONS);
            assertThat(transport.kind()).isEqualTo(TransportKind.TLS);
        }
    }

    @Test
    void unreachableTlsPortIsUnreachable() throws Exception {
        TransportException e = failure("127.0.0.1", TransportTestSupport.closedPort(), TlsSettings.defaults());
        assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE);
    }

    @Test
    void plainServerIsATlsError() throws Exception {
        try (TestStreamServer server = TestStreamServer.plain()) {
            java.util.concurrent.CompletableFuture<SipTransport> f = SipTransport.connect(
                    support.config(TransportKind.TLS, "127.0.0.1", server.port(), TlsSettings.trusting(pki.caPem())),
                    listener);
            server.accept(WAIT).send("SIP/2.0 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
            assertThatThrownBy(() -> f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS)).cause()
                    .isInstanceOfSatisfying(TransportException.class,
                            e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS));
        }
    }
}
