package io.github.rcsoftphone;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.sip.message.SipMessage;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.StreamFramer;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.TestStreamServer;
import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A registered softphone gets bad input from its edge. Over WebSocket the framing stays intact, so each bad message is
 * answered (400, 488, 501) or dropped and the phone goes on answering; over TCP a message that breaks the framing
 * closes the connection and the phone reconnects and registers again by itself.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoftphoneLimitsTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";

    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private final ClosedInOrder resources = new ClosedInOrder();

    @AfterEach
    void closeAll() throws Exception {
        resources.closeAll(WAIT);
    }

    /** The edge's end of one connection. */
    private interface Peer {
        void send(String message) throws Exception;

        /** The next message from the phone. */
        SipMessage next() throws Exception;
    }

    private Softphone phone(TransportKind kind, int port) {
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:" + port, "16505550100", "pw", "802398804016", kind, null,
                List.of());
        Softphone phone = Softphone.builder().sipInfo(info).listener(events::add).build();
        resources.add(phone::close);
        return phone;
    }

    private static Peer ws(TestWebSocketServer.Connection c) {
        return new Peer() {
            public void send(String message) throws Exception {
                c.sendText(message, 1);
            }

            public SipMessage next() throws Exception {
                return SipParser.parse(c.nextText(WAIT).getBytes(UTF_8));
            }
        };
    }

    private static Peer stream(TestStreamServer.Connection c) throws Exception {
        StreamFramer framer = new StreamFramer(65536);
        Deque<byte[]> ready = new ArrayDeque<>();
        InputStream in = c.socket().getInputStream();
        c.socket().setSoTimeout((int) WAIT.toMillis());
        return new Peer() {
            public void send(String message) {
                c.send(message);
            }

            public SipMessage next() throws Exception {
                byte[] chunk = new byte[8192];
                while (ready.isEmpty()) {
                    int n = in.read(chunk);
                    if (n < 0) {
                        throw new AssertionError("the phone closed the connection");
                    }
                    ready.addAll(framer.feed(chunk, 0, n));
                }
                return SipParser.parse(ready.poll());
            }
        };
    }

    /** The next response from the phone to our request with Call-ID {@code callId}, skipping anything else. */
    private static SipResponse response(Peer peer, String callId) throws Exception {
        while (true) {
            if (peer.next() instanceof SipResponse r && r.callId().equals(callId)) {
                return r;
            }
        }
    }

    private static void acceptRegister(Peer peer) throws Exception {
        SipMessage m = peer.next();
        assertThat(m).isInstanceOf(SipRequest.class);
        SipRequest register = (SipRequest) m;
        assertThat(register.method()).isEqualTo("REGISTER");
        String contact = register.header("Contact").orElseThrow().replaceAll(";expires=\\d+", "") + ";expires=60";
        peer.send(SipResponse.forRequest(register, 200, "OK", "srv").header("Contact", contact).build().toString());
    }

    /** Closes the phone on another thread, answering its un-REGISTER (anything else it sends is skipped). */
    private static void closeAnsweringUnregister(Softphone phone, Peer peer) throws Exception {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(phone::close);
        while (!closed.isDone()) {
            SipMessage m;
            try {
                m = peer.next();
            } catch (AssertionError | SocketTimeoutException | InterruptedException e) {
                break;
            }
            if (m instanceof SipRequest r && r.isMethod("REGISTER")) {
                peer.send(SipResponse.forRequest(r, 200, "OK", "srv").build().toString());
            }
        }
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private static String request(String method, String callId, String extraHeaders, String body) {
        return method + " sip:16505550100@127.0.0.1 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1:5099;branch=z9hG4bK" + callId
                + "\r\nFrom: <sip:+16505559999@sip.test>;tag=f" + callId + "\r\nTo: <sip:16505550100@sip.test>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 " + method + "\r\nMax-Forwards: 70\r\n" + extraHeaders
                + "Content-Length: " + body.getBytes(UTF_8).length + "\r\n\r\n" + body;
    }

    @Test
    void overWebSocketEachBadMessageIsAnsweredOrDroppedAndThePhoneGoesOn() throws Exception {
        TestWebSocketServer server = TestWebSocketServer.sip();
        resources.add(server);
        Softphone phone = phone(TransportKind.WS, server.port());
        CompletableFuture<SoftphoneEvent.Registered> registered = phone.register();
        Peer edge = ws(server.accept(WAIT));
        acceptRegister(edge);
        registered.get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // a Content-Length larger than the WebSocket message: 400, RFC 3261 18.3
        edge.send(request("OPTIONS", "short", "", "").replace("Content-Length: 0", "Content-Length: 500")
                + "only 17 bytes...");
        SipResponse r = response(edge, "short");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.reasonPhrase()).contains("Content-Length 500 exceeds the 16 bytes available");
        // negative and non-numeric Content-Length: 400
        edge.send(request("OPTIONS", "negative", "", "").replace("Content-Length: 0", "Content-Length: -1"));
        assertThat(response(edge, "negative").reasonPhrase()).contains("invalid Content-Length '-1'");
        edge.send(request("OPTIONS", "nan", "", "").replace("Content-Length: 0", "Content-Length: many"));
        assertThat(response(edge, "nan").statusCode()).isEqualTo(400);
        // a request missing a mandatory header: 400 naming it
        edge.send(request("OPTIONS", "nofrom", "", "").replaceAll("From: [^\r]*\r\n", ""));
        assertThat(response(edge, "nofrom").reasonPhrase()).isEqualTo("Bad Request (message has no From header)");
        // over the 64 KiB limit, too many headers, a header over 16 KiB: dropped (no answer), connection stays
        edge.send(request("MESSAGE", "huge", "", "x".repeat(70_000)));
        edge.send(request("OPTIONS", "many", "X-A: 1\r\n".repeat(300), ""));
        edge.send(request("OPTIONS", "long", "X-Long: " + "l".repeat(17_000) + "\r\n", ""));
        // a malformed SDP offer: 488 at once, no ringing, no incoming call
        edge.send(request("INVITE", "badsdp", "Content-Type: application/sdp\r\n", "v=0\r\nthis is not SDP\r\n"));
        SipResponse notAcceptable = response(edge, "badsdp");
        assertThat(notAcceptable.statusCode()).isEqualTo(488);
        assertThat(notAcceptable.header("Warning").orElseThrow()).contains("malformed SDP");
        // an unknown method: 501
        edge.send(request("FROBNICATE", "unknown", "", ""));
        assertThat(response(edge, "unknown").statusCode()).isEqualTo(501);
        // and the phone still answers: OPTIONS 200, a good INVITE rings
        edge.send(request("OPTIONS", "good", "", ""));
        assertThat(response(edge, "good").statusCode()).isEqualTo(200);
        edge.send(request("INVITE", "goodcall", "Content-Type: application/sdp\r\n", SDP));
        assertThat(response(edge, "goodcall").statusCode()).isEqualTo(180);
        // the listener runs on the callback thread: the event may trail the 180 on the wire
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof SoftphoneEvent.IncomingCall));
        assertThat(events).filteredOn(e -> e instanceof SoftphoneEvent.IncomingCall).hasSize(1);
        assertThat(events).noneMatch(e -> e instanceof SoftphoneEvent.ConnectionLost);
        closeAnsweringUnregister(phone, edge);
    }

    @Test
    void overTcpAMessageBreakingTheFramingCostsTheConnectionAndThePhoneRegistersAgain() throws Exception {
        TestStreamServer server = TestStreamServer.plain();
        resources.add(server);
        Softphone phone = phone(TransportKind.TCP, server.port());
        CompletableFuture<SoftphoneEvent.Registered> registered = phone.register();
        TestStreamServer.Connection first = server.accept(WAIT);
        Peer edge = stream(first);
        acceptRegister(edge);
        registered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        edge.send(request("OPTIONS", "before", "", ""));
        assertThat(response(edge, "before").statusCode()).isEqualTo(200);

        long lostAt = System.nanoTime();
        edge.send(request("MESSAGE", "lying", "", "").replace("Content-Length: 0", "Content-Length: 100000"));
        assertThat(first.awaitEof(WAIT)).as("the phone closes the connection").isTrue();

        Peer again = stream(server.accept(WAIT));
        acceptRegister(again);
        await().atMost(WAIT).until(() -> events.stream().anyMatch(e -> e instanceof SoftphoneEvent.Reconnected));
        assertThat(events).filteredOn(e -> e instanceof SoftphoneEvent.ConnectionLost).singleElement()
                .satisfies(e -> assertThat(((SoftphoneEvent.ConnectionLost) e).detail())
                        .contains("exceeds the limit of 65536"));
        System.out.printf("re-registered %d ms after the oversized message%n", (System.nanoTime() - lostAt) / 1_000_000);
        again.send(request("OPTIONS", "after", "", ""));
        assertThat(response(again, "after").statusCode()).isEqualTo(200);
        closeAnsweringUnregister(phone, again);
    }
}
