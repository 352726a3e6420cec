package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * WSS connections sharing {@link WebSocketClients} resume TLS sessions: only the first connection on each TLS
 * context checks the server's certificate chain (a full handshake), also when several connections open at once.
 */
class WssResumptionTest {
    private static final String OPTIONS = "OPTIONS sip:a SIP/2.0\r\nContent-Length: 0\r\n\r\n";

    @TempDir
    static Path dir;
    private static LocalPki pki;
    private static LocalPki.Issued loopback;

    private TransportTestSupport support;
    private WebSocketClients clients;
    private TestWebSocketServer server;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void pki() {
        pki = LocalPki.create(dir);
        loopback = pki.issue("localhost", "127.0.0.1");
    }

    @BeforeEach
    void start() throws Exception {
        support = new TransportTestSupport("wss-resume");
        clients = new WebSocketClients(TransportConfig.daemonThreads(support.threadPrefix + "-shared"));
        server = TestWebSocketServer.start(loopback.serverContext(), "sip", 0);
    }

    @AfterEach
    void stop() {
        server.close();
        clients.close();
        support.close();
    }

    private TransportConfig config() {
        return support.config(TransportKind.WSS, "127.0.0.1", server.port(), TlsSettings.trusting(pki.caPem()))
                .withWebSockets(clients);
    }

    /** Opens {@code n} connections at once, checks each carries a message both ways, then closes them. */
    private void openTogether(int n) throws Exception {
        List<CompletableFuture<SipTransport>> opening = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            opening.add(SipTransport.connect(config(), listener));
        }
        List<SipTransport> open = new ArrayList<>();
        for (CompletableFuture<SipTransport> f : opening) {
            open.add(f.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
        }
        List<TestWebSocketServer.Connection> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(server.accept(WAIT)); // in the order the server accepted them, not the order of open
        }
        for (SipTransport transport : open) {
            transport.send(OPTIONS.getBytes(UTF_8)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
        for (TestWebSocketServer.Connection peer : peers) {
            assertThat(peer.nextText(WAIT)).isEqualTo(OPTIONS);
            peer.sendText(OPTIONS, 1);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(OPTIONS);
        }
        open.forEach(SipTransport::close);
    }

    /** The verification and TLS contexts the connections of {@link #config()} share. */
    private WebSocketClients.Tls shared() throws Exception {
        return clients.tls(config());
    }

    @Test
    void connectionsOneAfterAnotherMakeOneFullHandshake() throws Exception {
        for (int i = 0; i < 4; i++) {
            openTogether(1);
        }
        WebSocketClients.Tls shared = shared();
        assertThat(shared.verification().chainsChecked()).isEqualTo(1);
        assertThat(shared.sessions().contexts()).isEqualTo(1);
    }

    @Test
    void connectionsOpeningTogetherEachResumeOnTheirOwnContext() throws Exception {
        openTogether(3);
        WebSocketClients.Tls shared = shared();
        int full = shared.verification().chainsChecked();
        int contexts = shared.sessions().contexts();
        assertThat(full).isEqualTo(contexts).isBetween(1, 3);
        openTogether(3);
        openTogether(3);
        assertThat(shared.sessions().contexts()).isEqualTo(contexts);
        assertThat(shared.verification().chainsChecked()).isEqualTo(full);
    }

    @Test
    void handshakeWorkRunsOnAWorkerBesideTheSelectorThread() throws Exception {
        String prefix = support.threadPrefix + "-counted";
        java.util.List<String> made = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.ThreadFactory names = TransportConfig.daemonThreads(prefix);
        clients.close();
        clients = new WebSocketClients(r -> {
            Thread t = names.newThread(r);
            made.add(t.getName());
            return t;
        });
        openTogether(2);
        assertThat(made).as("the selector thread and at least one TLS worker").hasSizeGreaterThanOrEqualTo(2);
        clients.close();
        assertThat(TransportTestSupport.threadsNamed(prefix)).isEmpty();
    }

    @Test
    void closeLeavesNoThread() throws Exception {
        openTogether(2);
        clients.close();
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }
}
