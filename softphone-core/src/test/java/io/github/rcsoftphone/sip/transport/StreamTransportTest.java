package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestStreamServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** TCP transport against a loopback server (run inside a private network namespace by scripts/test). */
class StreamTransportTest {
    private static final String REGISTER = "REGISTER sip:sip.example SIP/2.0\r\nCSeq: 1 REGISTER\r\nContent-Length: 0\r\n\r\n";
    private static final String MESSAGE = "MESSAGE sip:a SIP/2.0\r\nl: 6\r\n\r\nhällo";

    private TransportTestSupport support;
    private TestStreamServer server;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        support = new TransportTestSupport("tcp");
        server = TestStreamServer.plain();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        support.close();
    }

    private SipTransport connect(TransportConfig config) throws Exception {
        return SipTransport.connect(config, listener).get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private TransportConfig tcp() {
        return support.config(TransportKind.TCP, "127.0.0.1", server.port(), TlsSettings.defaults());
    }

    @Test
    void exchangesFramedMessagesBothWays() throws Exception {
        try (SipTransport transport = connect(tcp())) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            assertThat(transport.kind()).isEqualTo(TransportKind.TCP);
            assertThat(transport.remoteDescription()).isEqualTo("tcp://127.0.0.1:" + server.port());
            assertThat(transport.localAddress()).isEqualTo(peer.remoteAddress());

            transport.send(REGISTER.getBytes(UTF_8)).get();
            assertThat(peer.readLike(REGISTER, WAIT)).isEqualTo(REGISTER);

            byte[] both = ("\r\n\r\n" + REGISTER + MESSAGE).getBytes(UTF_8);
            peer.send(java.util.Arrays.copyOfRange(both, 0, 30));
            peer.send(java.util.Arrays.copyOfRange(both, 30, both.length));
            assertThat(listener.nextMessage(WAIT)).isEqualTo(REGISTER);
            assertThat(listener.nextMessage(WAIT)).isEqualTo(MESSAGE);
        }
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThat(listener.closeCauses()).isEmpty();
    }

    @Test
    void sendsQueuedMessagesInOrder() throws Exception {
        try (SipTransport transport = connect(tcp())) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            List<CompletableFuture<Void>> sent = new ArrayList<>();
            StringBuilder expected = new StringBuilder();
            for (int i = 0; i < 200; i++) {
                String m = "OPTIONS sip:a SIP/2.0\r\nCSeq: " + i + " OPTIONS\r\nContent-Length: 0\r\n\r\n";
                expected.append(m);
                sent.add(transport.send(m.getBytes(UTF_8)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get();
            assertThat(peer.readLike(expected.toString(), WAIT)).isEqualTo(expected.toString());
        }
    }

    @Test
    void sendsCrlfKeepAlives() throws Exception {
        try (SipTransport transport = connect(tcp().withKeepAliveInterval(Duration.ofMillis(50)))) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            assertThat(peer.read(8, WAIT)).isEqualTo("\r\n\r\n\r\n\r\n");
            assertThat(transport).isNotNull();
        }
    }

    @Test
    void unreachablePortFailsQuickly() throws Exception {
        long start = System.nanoTime();
        CompletableFuture<SipTransport> f = SipTransport.connect(
                support.config(TransportKind.TCP, "127.0.0.1", TransportTestSupport.closedPort(), TlsSettings.defaults()),
                listener);
        assertThatThrownBy(() -> f.get(WAIT.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE))
                .hasMessageContaining("cannot connect to tcp://127.0.0.1:");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
        assertThat(listener.closedCalls()).isZero();
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void peerDroppingTheConnectionIsReportedOnce() throws Exception {
        SipTransport transport = connect(tcp());
        server.accept(WAIT).close();
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED));
        transport.close();
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThatThrownBy(() -> transport.send(REGISTER.getBytes(UTF_8)).get())
                .cause().isInstanceOfSatisfying(TransportException.class,
                        e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED));
    }

    @Test
    void closeReleasesThreadsAndSocketAndReportsOnce() throws Exception {
        assertThat(support.ourThreads()).isEmpty();
        SipTransport transport = connect(tcp().withKeepAliveInterval(Duration.ofSeconds(30)));
        TestStreamServer.Connection peer = server.accept(WAIT);
        transport.send(REGISTER.getBytes(UTF_8)).get();
        assertThat(support.ourThreads()).hasSize(2); // reader + writer
        transport.close();
        transport.close();
        assertThat(support.ourThreads()).isEmpty();
        assertThat(peer.awaitEof(WAIT)).isTrue();
        assertThat(listener.closedCalls()).isEqualTo(1);
        assertThat(listener.closeCauses()).isEmpty();
        assertThatThrownBy(() -> transport.send(REGISTER.getBytes(UTF_8)).get())
                .cause().isInstanceOf(TransportException.class).hasMessageContaining("closed");
    }

    @Test
    void closeFromInsideTheListenerDoesNotDeadlock() throws Exception {
        CompletableFuture<SipTransport> self = new CompletableFuture<>();
        RecordingListener closing = new RecordingListener() {
            @Override
            public void onMessage(byte[] message) {
                super.onMessage(message);
                self.join().close();
            }
        };
        self.complete(SipTransport.connect(tcp(), closing).get());
        server.accept(WAIT).send(REGISTER);
        await().atMost(WAIT).until(() -> closing.closedCalls() == 1);
        assertThat(closing.closeCauses()).isEmpty();
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void oversizedMessageClosesWithTooLarge() throws Exception {
        SipTransport transport = connect(tcp().withMaxMessageBytes(1024));
        TestStreamServer.Connection peer = server.accept(WAIT);
        peer.send("MESSAGE sip:a SIP/2.0\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000));
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE));
        assertThat(peer.awaitEof(WAIT)).isTrue();
        transport.close();
        assertThat(support.ourThreads()).isEmpty();
    }

    @Test
    void messageWithoutContentLengthIsAProtocolError() throws Exception {
        try (SipTransport transport = connect(tcp())) {
            server.accept(WAIT).send("OPTIONS sip:a SIP/2.0\r\nVia: x\r\n\r\n");
            await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
            assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class,
                    e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL));
            assertThat(transport.kind()).isEqualTo(TransportKind.TCP);
        }
    }
}
