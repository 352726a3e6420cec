package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** WSS transport: the WebSocket server over TLS with certificates from {@link LocalPki}. */
class WssTransportTest {
    private static final String OPTIONS = "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    static Path dir;
    private static LocalPki pki;
    private static LocalPki.Issued loopback;
    private static LocalPki.Issued other;

    private TransportTestSupport support;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void pki() {
        pki = LocalPki.create(dir);
        loopback = pki.issue("localhost", "127.0.0.1");
        other = pki.issue("other.test");
    }

    @BeforeEach
    void start() {
        support = new TransportTestSupport("wss");
    }

    @AfterEach
    void stop() {
        support.close();
    }

    private SipTransport connect(String host, int port, TlsSettings tls) throws Exception {
        return SipTransport.connect(support.config(TransportKind.WSS, host, port, tls), listener)
                .get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransportException failure(String host, int port, TlsSettings tls) {
        Throwable thrown = catchThrowable(() -> connect(host, port, tls));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TransportException.class);
        return (TransportException) thrown.getCause();
    }

    @Test
    void connectsWithTheExtraCaByIpAndByName() throws Exception {
        try (TestWebSocketServer server = TestWebSocketServer.start(loopback.serverContext(), "sip", 0)) {
            for (String host : new String[] {"127.0.0.1", "localhost"}) {
                try (SipTransport transport = connect(host, server.port(), TlsSettings.trusting(pki.caPem()))) {
                    TestWebSocketServer.Connection peer = server.accept(WAIT);
                    assertThat(transport.remoteDescription()).isEqualTo("wss://" + host + ":" + server.port());
                    transport.send(OPTIONS.getBytes(UTF_8)).get();
                    assertThat(peer.nextText(WAIT)).isEqualTo(OPTIONS);
                    peer.sendText(OPTIONS, 3);
                    assertThat(listener.nextMessage(WAIT)).isEqualTo(OPTIONS);
                }
            }
        }
        assertThat(listener.closedCalls()).isEqualTo(2);
        assertThat(support.ourThreads()).isEmpty();
    }

    @Test
    void untrustedCertificateIsATlsError() throws Exception {
        try (TestWebSocketServer server = TestWebSocketServer.start(loopback.serverContext(), "sip", 0)) {
            TransportException e = failure("127.0.0.1", server.port(), TlsSettings.defaults());
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
            assertThat(e).hasMessageContaining("untrusted certificate for 127.0.0.1");
        }
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void certificateForAnotherHostIsATlsError() throws Exception {
        try (TestWebSocketServer server = TestWebSocketServer.start(other.serverContext(), "sip", 0)) {
            TransportException e = failure("127.0.0.1", server.port(), TlsSettings.trusting(pki.caPem()));
            assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
            assertThat(e).hasMessage("certificate for other.test does not match 127.0.0.1");
        }
    }

    @Test
    void insecureModeAcceptsAWrongCertificate() throws Exception {
        try (TestWebSocketServer server = TestWebSocketServer.start(other.serverContext(), "sip", 0);
             SipTransport transport = connect("127.0.0.1", server.port(), new TlsSettings(null, true))) {
            server.accept(WAIT).sendText(OPTIONS, 1);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(OPTIONS);
            assertThat(transport.kind()).isEqualTo(TransportKind.WSS);
        }
    }
}
