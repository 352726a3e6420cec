package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestWebSocketServer;
import io.github.rcsoftphone.testing.TestWebSocketServer.Binary;
import io.github.rcsoftphone.testing.TestWebSocketServer.Close;
import io.github.rcsoftphone.testing.TestWebSocketServer.Ping;
import io.github.rcsoftphone.testing.TestWebSocketServer.Pong;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** WS transport against the in-test WebSocket server. */
class WebSocketTransportTest {
    private static final String REGISTER = "REGISTER sip:sip.example SIP/2.0\r\nVia: SIP/2.0/WSS h.invalid\r\n"
            + "Content-Length: 0\r\n\r\n";
    private static final String INVITE = "INVITE sip:bob@h.invalid SIP/2.0\r\nContent-Length: 6\r\n\r\nbödy";

    private TransportTestSupport support;
    private TestWebSocketServer server;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        support = new TransportTestSupport("ws");
        server = TestWebSocketServer.sip();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        support.close();
    }

    private TransportConfig ws(int port) {
        return support.config(TransportKind.WS, "127.0.0.1", port, TlsSettings.defaults());
    }

    private SipTransport connect(TransportConfig config) throws Exception {
        return SipTransport.connect(config, listener).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransportException failure(TransportConfig config) {
        Throwable thrown = catchThrowable(() -> connect(config));
        assertThat(thrown).isInstanceOf(ExecutionException.class).cause().isInstanceOf(TransportException.class);
        return (TransportException) thrown.getCause();
    }

    @Test
    void exchangesMessagesBothWays() throws Exception {
        try (SipTransport transport = connect(ws(server.port()))) {
            TestWebSocketServer.Connection peer = server.accept(WAIT);
            assertThat(peer.requestHeaders().get(":request")).startsWith("GET / HTTP/1.1");
            assertThat(peer.requestHeaders().get("Sec-WebSocket-Protocol")).isEqualTo("sip");
            assertThat(transport.remoteDescription()).isEqualTo("ws://127.0.0.1:" + server.port());
            assertThat(transport.localAddress()).isNull();

            transport.send(REGISTER.getBytes(UTF_8)).get();
            transport.send(INVITE.getBytes(UTF_8)).get();
            assertThat(peer.nextText(WAIT)).isEqualTo(REGISTER);
            assertThat(peer.nextText(WAIT)).isEqualTo(INVITE);

            peer.sendText(INVITE, 5);
            peer.sendText(REGISTER, 1);
            peer.sendBinary(REGISTER.getBytes(UTF_8));
            assertThat(listener.nextMessage(WAIT)).isEqualTo(INVITE);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(REGISTER);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(REGISTER);
        }
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThat(listener.closeCauses()).isEmpty();
    }

    @Test
    void queuesConcurrentSendsOneAtATime() throws Exception {
        try (SipTransport transport = connect(ws(server.port()))) {
            TestWebSocketServer.Connection peer = server.accept(WAIT);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                sent.add(transport.send(("MESSAGE " + i + " " + "x".repeat(3000)).getBytes(UTF_8)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            for (int i = 0; i < 100; i++) {
                assertThat(peer.nextText(WAIT)).startsWith("MESSAGE " + i + " ");
            }
        }
    }

    @Test
    void nonUtf8MessagesGoAsBinaryFrames() throws Exception {
        try (SipTransport transport = connect(ws(server.port()))) {
            TestWebSocketServer.Connection peer = server.accept(WAIT);
            byte[] raw = {'M', 'S', 'G', (byte) 0xff, (byte) 0xfe};
            transport.send(raw).get();
            assertThat(peer.next(WAIT)).isInstanceOfSatisfying(Binary.class, b -> assertThat(b.data()).isEqualTo(raw));
        }
    }

    @Test
    void pingsAsKeepAliveAndAnswersServerPings() throws Exception {
        try (SipTransport transport = connect(ws(server.port()).withKeepAliveInterval(Duration.ofMillis(50)))) {
            TestWebSocketServer.Connection peer = server.accept(WAIT);
            assertThat(peer.next(WAIT)).isInstanceOf(Ping.class);
            peer.sendPing("hi".getBytes(UTF_8));
            await().atMost(WAIT).until(() -> peer.next(WAIT) instanceof Pong p && new String(p.data(), UTF_8).equals("hi"));
            assertThat(transport.kind()).isEqualTo(TransportKind.WS);
        }
    }

    @Test
    void closeSendsNormalClosureAndReleasesEverything() throws Exception {
        SipTransport transport = connect(ws(server.port()));
        TestWebSocketServer.Connection peer = server.accept(WAIT);
        transport.send(REGISTER.getBytes(UTF_8)).get();
        assertThat(support.ourThreads()).isNotEmpty();
        transport.close();
        transport.close();
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThat(listener.closeCauses()).isEmpty();
        assertThat(peer.nextText(WAIT)).isEqualTo(REGISTER);
        assertThat(peer.next(WAIT)).isEqualTo(new Close(1000));
        assertThat(peer.awaitEof(WAIT)).isTrue();
        assertThat(support.ourThreads()).isEmpty();
        assertThat(catchThrowable(() -> transport.send(REGISTER.getBytes(UTF_8)).get()))
                .cause().isInstanceOf(TransportException.class);
    }

    @Test
    void serverCloseIsReportedOnce() throws Exception {
        SipTransport transport = connect(ws(server.port()));
        TestWebSocketServer.Connection peer = server.accept(WAIT);
        peer.sendClose(1001);
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED);
            assertThat(e).hasMessageContaining("code 1001");
        });
        assertThat(peer.awaitEof(WAIT)).isTrue();
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
        transport.close();
        assertThat(listener.closedCalls()).isEqualTo(1);
    }

    @Test
    void droppedConnectionIsReportedOnce() throws Exception {
        SipTransport transport = connect(ws(server.port()));
        server.accept(WAIT).drop();
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOf(TransportException.class);
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
        transport.close();
        assertThat(listener.closedCalls()).isEqualTo(1);
    }

    @Test
    void oversizedMessageIsDroppedAndTheConnectionGoesOn() throws Exception {
        try (SipTransport transport = connect(ws(server.port()).withMaxMessageBytes(1024))) {
            TestWebSocketServer.Connection peer = server.accept(WAIT);
            peer.sendText("x".repeat(3000), 6);   // over the limit after its first fragments
            peer.sendText("y".repeat(1025), 1);   // over the limit in one frame
            peer.sendBinary(new byte[2000]);
            peer.sendText(REGISTER, 2);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(REGISTER);
            assertThat(listener.messages()).isEmpty();
            assertThat(listener.rejected()).hasSize(3).allSatisfy(e -> {
                assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE);
                assertThat(e).hasMessageContaining("over the limit of 1024 bytes")
                        .hasMessageContaining("ws://127.0.0.1:" + server.port());
            });
            assertThat(listener.closedCalls()).isZero();
            transport.send(REGISTER.getBytes(UTF_8)).get();
            assertThat(peer.nextText(WAIT)).isEqualTo(REGISTER);
        }
    }

    @Test
    void aMessageJustAtTheLimitIsDelivered() throws Exception {
        try (SipTransport transport = connect(ws(server.port()).withMaxMessageBytes(1024))) {
            String exact = "z".repeat(1024);
            server.accept(WAIT).sendText(exact, 3);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(exact);
            assertThat(listener.rejected()).isEmpty();
        }
    }

    @Test
    void serverWithoutSipSubprotocolIsAProtocolError() throws Exception {
        try (TestWebSocketServer plain = TestWebSocketServer.start(null, null, 0)) {
            TransportException e = failure(ws(plain.port()));
            assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
            assertThat(e).hasMessageContaining("did not accept the WebSocket subprotocol 'sip'");
        }
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void refusedUpgradeIsAProtocolError() throws Exception {
        try (TestWebSocketServer refusing = TestWebSocketServer.start(null, "sip", 404)) {
            TransportException e = failure(ws(refusing.port()));
            assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
            assertThat(e).hasMessageContaining("404");
        }
    }

    @Test
    void unreachablePortFailsQuickly() throws Exception {
        long start = System.nanoTime();
        TransportException e = failure(ws(TransportTestSupport.closedPort()));
        assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }
}
