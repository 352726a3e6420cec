package io.github.rcsoftphone.sip.transport;

import static io.github.rcsoftphone.sip.transport.TransportTestSupport.WAIT;
import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The WebSocket client against a raw peer that writes exactly the bytes a test wants (bad frames included). */
class WebSocketWireTest {
    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: (\\S+)");

    private TransportTestSupport support;
    private ServerSocket server;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws IOException {
        support = new TransportTestSupport("ws-wire");
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    }

    @AfterEach
    void stop() throws IOException {
        server.close();
        support.close();
    }

    private TransportConfig config() {
        return support.config(TransportKind.WS, "127.0.0.1", server.getLocalPort(), TlsSettings.defaults());
    }

    /** Accepts the client, reads its upgrade request and answers with {@code accept} applied to its key. */
    private Socket accept(boolean answer) throws IOException {
        server.setSoTimeout((int) WAIT.toMillis());
        Socket socket = server.accept();
        socket.setSoTimeout((int) WAIT.toMillis());
        String request = readHead(socket.getInputStream());
        Matcher m = KEY.matcher(request);
        assertThat(m.find()).isTrue();
        if (answer) {
            socket.getOutputStream().write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Accept: " + WebSocketCodec.acceptValue(m.group(1))
                    + "\r\nSec-WebSocket-Protocol: sip\r\n\r\n").getBytes(ISO_8859_1));
        }
        return socket;
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(ISO_8859_1);
    }

    /** Connects with {@code config}, the raw peer answering the upgrade. */
    private Opened open(TransportConfig config) throws Exception {
        CompletableFuture<SipTransport> connecting = SipTransport.connect(config, listener);
        Socket peer = accept(true);
        return new Opened(connecting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS), peer);
    }

    private record Opened(SipTransport transport, Socket peer) {
        void write(byte[] bytes) throws IOException {
            OutputStream out = peer.getOutputStream();
            out.write(bytes);
            out.flush();
        }

        WebSocketCodec.Frame next() throws IOException {
            return WebSocketCodec.read(new DataInputStream(peer.getInputStream()), 1 << 20);
        }
    }

    /** The connection fails with a PROTOCOL error whose message has {@code text}, after a 1002 close frame. */
    private void failsWith(Opened o, String text) throws Exception {
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class, e -> {
            assertThat(e.kind()).isEqualTo(TransportException.Kind.PROTOCOL);
            assertThat(e).hasMessageContaining(text);
        });
        WebSocketCodec.Frame close = o.next();
        assertThat(close.opcode()).isEqualTo(WebSocketCodec.CLOSE);
        assertThat(close.payload()).containsExactly(0x03, 0xEA);
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
        o.transport().close();
        assertThat(listener.closedCalls()).isEqualTo(1);
    }

    @Test
    void aMaskedServerFrameIsAProtocolError() throws Exception {
        Opened o = open(config());
        o.write(WebSocketCodec.encodeMasked(WebSocketCodec.TEXT, true, "hi".getBytes(UTF_8), 42));
        failsWith(o, "masked WebSocket frame from ws://127.0.0.1:");
    }

    @Test
    void aContinuationWithoutAMessageIsAProtocolError() throws Exception {
        Opened o = open(config());
        o.write(WebSocketCodec.encode(WebSocketCodec.CONTINUATION, true, "hi".getBytes(UTF_8)));
        failsWith(o, "continuation frame");
    }

    @Test
    void aNegativeLengthIsAProtocolError() throws Exception {
        Opened o = open(config());
        o.write(new byte[] {(byte) 0x81, 127, (byte) 0xff, 0, 0, 0, 0, 0, 0, 1});
        failsWith(o, "negative length");
    }

    @Test
    void aFrameThatStallsFailsAfterTheMessageReadTimeout() throws Exception {
        Opened o = open(config().withMessageReadTimeout(Duration.ofMillis(300)));
        byte[] frame = WebSocketCodec.encode(WebSocketCodec.TEXT, true, "0123456789".getBytes(UTF_8));
        o.write(java.util.Arrays.copyOf(frame, 5));
        failsWith(o, "incomplete WebSocket frame from ws://127.0.0.1:" + server.getLocalPort()
                + ": only 3 of 10 payload bytes arrived within the limit of 300 ms");
    }

    @Test
    void aFragmentedMessageThatStallsFailsAfterTheMessageReadTimeout() throws Exception {
        Opened o = open(config().withMessageReadTimeout(Duration.ofMillis(300)));
        o.write(WebSocketCodec.encode(WebSocketCodec.TEXT, false, "012".getBytes(UTF_8)));
        failsWith(o, "its last fragment did not arrive within the limit of 300 ms");
    }

    @Test
    void everyClientFrameIsMaskedWithAFreshMask() throws Exception {
        Opened o = open(config());
        Set<String> masks = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            o.transport().send(("MESSAGE " + i).getBytes(UTF_8)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            DataInputStream in = new DataInputStream(o.peer().getInputStream());
            int b0 = in.readUnsignedByte();
            int b1 = in.readUnsignedByte();
            assertThat(b0).isEqualTo(0x81);
            assertThat(b1 & 0x80).as("mask bit").isEqualTo(0x80);
            byte[] mask = in.readNBytes(4);
            byte[] payload = in.readNBytes(b1 & 0x7f);
            for (int j = 0; j < payload.length; j++) {
                payload[j] ^= mask[j & 3];
            }
            assertThat(new String(payload, UTF_8)).isEqualTo("MESSAGE " + i);
            masks.add(java.util.Arrays.toString(mask));
        }
        assertThat(masks).hasSize(20);
        o.transport().close();
    }

    @Test
    void pingsAreAnsweredWithTheirPayloadAndPongsIgnored() throws Exception {
        Opened o = open(config());
        o.write(WebSocketCodec.encode(WebSocketCodec.PONG, true, "x".getBytes(UTF_8)));
        o.write(WebSocketCodec.encode(WebSocketCodec.PING, true, "abc".getBytes(UTF_8)));
        WebSocketCodec.Frame pong = o.next();
        assertThat(pong.opcode()).isEqualTo(WebSocketCodec.PONG);
        assertThat(pong.masked()).isTrue();
        assertThat(pong.payload()).isEqualTo("abc".getBytes(UTF_8));
        o.write(WebSocketCodec.encode(WebSocketCodec.TEXT, true, "after".getBytes(UTF_8)));
        assertThat(listener.nextMessage(WAIT)).isEqualTo("after");
        o.transport().close();
        assertThat(o.next().opcode()).isEqualTo(WebSocketCodec.CLOSE);
    }

    @Test
    void aServerCloseIsAnsweredAndItsReasonReported() throws Exception {
        Opened o = open(config());
        o.write(WebSocketCodec.encode(WebSocketCodec.CLOSE, true, "\u0003\u00e9going away".getBytes(ISO_8859_1)));
        WebSocketCodec.Frame answer = o.next();
        assertThat(answer.opcode()).isEqualTo(WebSocketCodec.CLOSE);
        assertThat(answer.payload()).containsExactly(0x03, 0xE9);
        await().atMost(WAIT).until(() -> listener.closedCalls() == 1);
        assertThat(listener.closeCauses()).singleElement().isInstanceOfSatisfying(TransportException.class,
                e -> assertThat(e).hasMessageEndingWith("with code 1001 (going away)"));
        assertThat(o.peer().getInputStream().read()).isEqualTo(-1);
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void aPeerSilentAfterTheRequestTimesOutAsUnreachable() throws Exception {
        CompletableFuture<SipTransport> connecting = SipTransport.connect(
                config().withConnectTimeout(Duration.ofMillis(300)), listener);
        try (Socket peer = accept(false)) {
            Throwable thrown = catchThrowable(() -> connecting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.UNREACHABLE);
                        assertThat(e).hasMessageContaining("WebSocket upgrade not done within 300 ms");
                    });
            assertThat(peer.getInputStream().read()).isEqualTo(-1);
        }
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void aTlsHandshakeWithAPlainPeerIsATlsError() throws Exception {
        TransportConfig wss = support.config(TransportKind.WSS, "127.0.0.1", server.getLocalPort(),
                TlsSettings.defaults());
        CompletableFuture<SipTransport> connecting = SipTransport.connect(wss, listener);
        try (Socket peer = server.accept()) {
            peer.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n".getBytes(ISO_8859_1));
            Throwable thrown = catchThrowable(() -> connecting.get(WAIT.toMillis(), TimeUnit.MILLISECONDS));
            assertThat(thrown).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(TransportException.class, e -> {
                        assertThat(e.kind()).isEqualTo(TransportException.Kind.TLS);
                        assertThat(e).hasMessageStartingWith("TLS handshake with wss://127.0.0.1:"
                                + server.getLocalPort() + " failed: ");
                    });
        }
        await().atMost(WAIT).until(() -> support.ourThreads().isEmpty());
    }

    @Test
    void sharedClientsRunEveryConnectionOnOneThreadAndCloseThemAll() throws Exception {
        String prefix = support.threadPrefix + "-shared";
        WebSocketClients clients = new WebSocketClients(TransportConfig.daemonThreads(prefix));
        List<RecordingListener> listeners = new ArrayList<>();
        List<TestWebSocketServer.Connection> peers = new ArrayList<>();
        try (TestWebSocketServer ws = TestWebSocketServer.sip()) {
            TransportConfig config = support.config(TransportKind.WS, "127.0.0.1", ws.port(), TlsSettings.defaults())
                    .withWebSockets(clients);
            for (int i = 0; i < 20; i++) {
                RecordingListener each = new RecordingListener();
                listeners.add(each);
                SipTransport t = SipTransport.connect(config, each).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                peers.add(ws.accept(WAIT));
                t.send(("OPTIONS " + i).getBytes(UTF_8)).get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            }
            for (int i = 0; i < 20; i++) {
                assertThat(peers.get(i).nextText(WAIT)).isEqualTo("OPTIONS " + i);
            }
            assertThat(TransportTestSupport.threadsNamed(prefix)).hasSize(1);
            clients.close();
            assertThat(TransportTestSupport.threadsNamed(prefix)).isEmpty();
            for (int i = 0; i < 20; i++) {
                assertThat(listeners.get(i).closedCalls()).isEqualTo(1);
                assertThat(listeners.get(i).closeCauses()).singleElement().isInstanceOfSatisfying(
                        TransportException.class, e -> assertThat(e.kind()).isEqualTo(TransportException.Kind.CLOSED));
                assertThat(peers.get(i).awaitEof(WAIT)).isTrue();
            }
            Throwable late = catchThrowable(() -> SipTransport.connect(config, listener).get());
            assertThat(late).cause().isInstanceOf(TransportException.class).hasMessageContaining("closed");
        }
    }
}
