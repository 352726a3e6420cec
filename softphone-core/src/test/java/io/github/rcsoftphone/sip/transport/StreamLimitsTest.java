package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestStreamServer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The limits of TCP/TLS framing, against a loopback peer: an endless header section, a body shorter than its
 * Content-Length, a lying Content-Length. Each closes the connection (the framing is lost) with a typed error that
 * says what was wrong and the limit, within bounded time and memory; a slow but complete message still arrives.
 */
class StreamLimitsTest {
    private static final Duration READ_LIMIT = Duration.ofMillis(400);

    private TransportTestSupport support;
    private TestStreamServer server;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        support = new TransportTestSupport("tcplimits");
        server = TestStreamServer.plain();
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
        support.close();
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    private SipTransport connect() throws Exception {
        TransportConfig config = support.config(TransportKind.TCP, "127.0.0.1", server.port(), TlsSettings.defaults())
                .withMaxMessageBytes(4096).withMessageReadTimeout(READ_LIMIT);
        return SipTransport.connect(config, listener).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    private TransportException closedWith(TransportException.Kind kind) {
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOf(TransportException.class);
        TransportException e = (TransportException) listener.closeCauses().get(0);
        assertThat(e.kind()).isEqualTo(kind);
        return e;
    }

    @Test
    void anEndlessHeaderSectionIsCutOffAtTheLimit() throws Exception {
        try (SipTransport transport = connect()) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            String line = "X-Filler: " + "a".repeat(80) + "\r\n";
            peer.send("OPTIONS sip:a SIP/2.0\r\n" + line.repeat(200));   // 18 KB, never a blank line
            assertThat(closedWith(TransportException.Kind.TOO_LARGE))
                    .hasMessageContaining("header section exceeds 4096 bytes");
            assertThat(peer.awaitEof(WAIT)).isTrue();
            assertThat(listener.messages()).isEmpty();
        }
    }

    @Test
    void aBodyShorterThanItsContentLengthTimesOut() throws Exception {
        try (SipTransport transport = connect()) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            String head = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 100\r\n\r\n";
            long start = System.nanoTime();
            peer.send(head + "only ten b");
            TransportException e = closedWith(TransportException.Kind.PROTOCOL);
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(e).hasMessage("incomplete SIP message from tcp://127.0.0.1:" + server.port() + ": "
                    + (head.length() + 10) + " of the " + (head.length() + 100)
                    + " bytes its Content-Length announces arrived within the limit of 400 ms");
            assertThat(ms).isBetween(READ_LIMIT.toMillis() - 50, WAIT.toMillis());
            assertThat(peer.awaitEof(WAIT)).isTrue();
            assertThat(listener.messages()).isEmpty();
        }
    }

    @Test
    void anUnfinishedHeaderSectionTimesOutToo() throws Exception {
        try (SipTransport transport = connect()) {
            server.accept(WAIT).send("OPTIONS sip:a SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n");
            assertThat(closedWith(TransportException.Kind.PROTOCOL))
                    .hasMessageContaining("bytes without the blank line ending the headers arrived within the limit");
        }
    }

    @Test
    void aSlowButCompleteMessageArrivesAndIdleConnectionsStay() throws Exception {
        try (SipTransport transport = connect()) {
            TestStreamServer.Connection peer = server.accept(WAIT);
            String message = "MESSAGE sip:a SIP/2.0\r\nContent-Length: 5\r\n\r\nhello";
            peer.send(message.substring(0, 20));
            assertThat(listener.messages().poll(READ_LIMIT.toMillis() / 2, TimeUnit.MILLISECONDS)).isNull();
            peer.send(message.substring(20));
            assertThat(listener.nextMessage(WAIT)).isEqualTo(message);
            // idle (nothing pending) for longer than the read limit: no timeout
            assertThat(listener.messages().poll(READ_LIMIT.toMillis() * 2, TimeUnit.MILLISECONDS)).isNull();
            peer.send("\r\n\r\n" + message);   // keep-alive CRLFs hold nothing pending either
            assertThat(listener.nextMessage(WAIT)).isEqualTo(message);
            assertThat(listener.closedCalls()).isZero();
        }
    }

    @Test
    void invalidAndOversizedContentLengthsCloseWithWhatWasWrong() throws Exception {
        for (String value : new String[] {"-5", "abc", "99999999999999"}) {
            RecordingListener l = new RecordingListener();
            TransportConfig config = support.config(TransportKind.TCP, "127.0.0.1", server.port(),
                    TlsSettings.defaults()).withMaxMessageBytes(4096);
            try (SipTransport transport = SipTransport.connect(config, l).get(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                TestStreamServer.Connection peer = server.accept(WAIT);
                peer.send("MESSAGE sip:a SIP/2.0\r\nContent-Length: " + value + "\r\n\r\n");
                await().atMost(WAIT).until(() -> l.closedCalls() == 1);
                TransportException e = (TransportException) l.closeCauses().get(0);
                if (value.startsWith("9")) {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.TOO_LARGE);
                    assertThat(e).hasMessageContaining("exceeds the limit of 4096");
                } else {
                    assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
                    assertThat(e).hasMessage("invalid Content-Length '" + value + "'");
                }
                assertThat(peer.awaitEof(WAIT)).isTrue();
            }
        }
    }
}
