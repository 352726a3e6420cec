package io.github.rcsoftphone.sip.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transport.SipTransport;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.sip.transport.TransportListener;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.testing.FakeScheduler;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SipConnectionTest {
    private final FakeScheduler loop = new FakeScheduler();
    private final List<SipRequest> incoming = new ArrayList<>();
    private final List<Throwable> closedWith = new ArrayList<>();
    private final FakeTransport transport = new FakeTransport();
    private TransportListener listener;
    private SipChannel channel;

    @BeforeEach
    void open() {
        SipChannel.Handler handler = new SipChannel.Handler() {
            @Override
            public void onRequest(SipChannel c, SipRequest request) {
                incoming.add(request);
            }

            @Override
            public void onClosed(SipChannel c, Throwable cause) {
                closedWith.add(cause);
            }
        };
        CompletableFuture<SipChannel> opened = SipConnection.open(loop, handler, "wss://edge.test:8083", l -> {
            listener = l;
            return CompletableFuture.completedFuture(transport);
        });
        loop.runPending();
        channel = opened.join();
    }

    private static SipRequest options(String branch) throws Exception {
        return SipRequest.builder("OPTIONS", SipUri.parse("sip:sip.test"))
                .header("Via", "SIP/2.0/WSS a.invalid;branch=" + branch)
                .header("From", "<sip:a@sip.test>;tag=1").header("To", "<sip:sip.test>")
                .header("Call-ID", "c1").header("CSeq", "1 OPTIONS").build();
    }

    private void deliver(String text) {
        listener.onMessage(text.replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8));
        loop.runPending();
    }

    private static String response(int code, String branch, String method) {
        return "SIP/2.0 " + code + " X\nVia: SIP/2.0/WSS a.invalid;branch=" + branch
                + "\nFrom: <sip:a@sip.test>;tag=1\nTo: <sip:sip.test>;tag=2\nCall-ID: c1\nCSeq: 1 " + method
                + "\nContent-Length: 0\n\n";
    }

    @Test
    void matchesTheFinalResponseByBranchAndMethodIgnoringProvisionals() throws Exception {
        var f1 = channel.request(options("z9hG4bK1"), Duration.ofSeconds(5));
        var f2 = channel.request(options("z9hG4bK2"), Duration.ofSeconds(5));
        loop.runPending();
        assertThat(transport.sent).hasSize(2);
        assertThat(SipParser.parse(transport.sent.get(0))).isInstanceOf(SipRequest.class);

        deliver(response(100, "z9hG4bK2", "OPTIONS"));
        deliver(response(200, "z9hG4bK2", "INVITE"));
        assertThat(f2).isNotDone();
        deliver(response(486, "z9hG4bK2", "OPTIONS"));
        assertThat(f2.join().statusCode()).isEqualTo(486);
        assertThat(f1).isNotDone();
        deliver(response(200, "z9hG4bK1", "OPTIONS"));
        assertThat(f1.join().statusCode()).isEqualTo(200);
    }

    private static SipRequest invite(String branch) throws Exception {
        return SipRequest.builder("INVITE", SipUri.parse("sip:101@sip.test"))
                .header("Via", "SIP/2.0/WSS a.invalid;branch=" + branch).header("Route", "<sip:edge.test;lr>")
                .header("From", "<sip:a@sip.test>;tag=1").header("To", "<sip:101@sip.test>")
                .header("Call-ID", "c1").header("CSeq", "1 INVITE").build();
    }

    @Test
    void anInviteReportsProvisionalsAcksANon2xxAndPassesRetransmitted2xxOn() throws Exception {
        List<Integer> others = new ArrayList<>();
        var rejected = channel.request(invite("z9hG4bKa"), Duration.ofSeconds(5), r -> others.add(r.statusCode()));
        loop.runPending();
        deliver(response(100, "z9hG4bKa", "INVITE"));
        deliver(response(180, "z9hG4bKa", "INVITE"));
        assertThat(others).containsExactly(100, 180);
        assertThat(rejected).isNotDone();
        deliver(response(486, "z9hG4bKa", "INVITE"));
        assertThat(rejected.join().statusCode()).isEqualTo(486);
        SipRequest ack = (SipRequest) SipParser.parse(transport.sent.get(transport.sent.size() - 1));
        assertThat(ack.method()).isEqualTo("ACK");
        assertThat(ack.uri().toString()).isEqualTo("sip:101@sip.test");
        assertThat(ack.vias()).singleElement().satisfies(v -> assertThat(v.branch()).isEqualTo("z9hG4bKa"));
        assertThat(ack.cseq().toString()).isEqualTo("1 ACK");
        assertThat(ack.to().tag()).isEqualTo("2");
        assertThat(ack.headers().all("Route")).containsExactly("<sip:edge.test;lr>");

        others.clear();
        int sent = transport.sent.size();
        var accepted = channel.request(invite("z9hG4bKb"), Duration.ofSeconds(5), r -> others.add(r.statusCode()));
        loop.runPending();
        deliver(response(200, "z9hG4bKb", "INVITE"));
        assertThat(accepted.join().statusCode()).isEqualTo(200);
        assertThat(transport.sent).as("the INVITE only: a 2xx is the caller's to ACK").hasSize(sent + 1);
        deliver(response(200, "z9hG4bKb", "INVITE"));
        assertThat(others).as("the retransmitted 2xx").containsExactly(200);
        loop.advance(SipConnection.TIMER_M);
        deliver(response(200, "z9hG4bKb", "INVITE"));
        assertThat(others).as("nothing after Timer M").containsExactly(200);
    }

    @Test
    void aCancelIsItsOwnTransactionOnTheInvitesBranch() throws Exception {
        SipRequest invite = invite("z9hG4bKc");
        var inviteDone = channel.request(invite, Duration.ofSeconds(5), r -> { });
        SipRequest cancel = InviteRequests.cancel(invite);
        assertThat(cancel.vias().get(0).branch()).isEqualTo("z9hG4bKc");
        assertThat(cancel.cseq().toString()).isEqualTo("1 CANCEL");
        assertThat(cancel.uri()).isEqualTo(invite.uri());
        assertThat(cancel.headers().all("Route")).containsExactly("<sip:edge.test;lr>");
        var cancelDone = channel.request(cancel, Duration.ofSeconds(5));
        loop.runPending();
        deliver(response(200, "z9hG4bKc", "CANCEL"));
        assertThat(cancelDone.join().statusCode()).isEqualTo(200);
        assertThat(inviteDone).isNotDone();
        deliver(response(487, "z9hG4bKc", "INVITE"));
        assertThat(inviteDone.join().statusCode()).isEqualTo(487);
    }

    @Test
    void timesOutWhenNoFinalResponseArrives() throws Exception {
        var f = channel.request(options("z9hG4bK1"), Duration.ofSeconds(5));
        loop.advance(Duration.ofMillis(4999));
        assertThat(f).isNotDone();
        loop.advance(Duration.ofMillis(1));
        assertThat(f).isCompletedExceptionally();
        assertThat(f.handle((v, e) -> e).join()).isInstanceOf(TransactionTimeoutException.class)
                .hasMessageContaining("OPTIONS unanswered for 5000 ms");
        deliver(response(200, "z9hG4bK1", "OPTIONS"));
        assertThat(closedWith).isEmpty();
    }

    @Test
    void malformedInputIsDroppedAndTheConnectionKeepsWorking() throws Exception {
        deliver("this is not SIP\n\n");
        deliver("INVITE sip:a@b SIP/2.0\nContent-Length: 900\n\nshort");
        deliver("OPTIONS sip:u@a.invalid SIP/2.0\nVia: SIP/2.0/WSS 1.2.3.4;branch=z9hG4bKx\nFrom: <sip:e@sip.test>;tag=9\n"
                + "To: <sip:u@sip.test>\nCall-ID: q\nCSeq: 5 OPTIONS\nContent-Length: 0\n\n");
        assertThat(incoming).singleElement().satisfies(r -> assertThat(r.method()).isEqualTo("OPTIONS"));
        assertThat(closedWith).isEmpty();
    }

    private static final String GOOD_HEAD = "OPTIONS sip:u@a.invalid SIP/2.0\nVia: SIP/2.0/WSS 1.2.3.4;branch=z9hG4bKx\n"
            + "From: <sip:e@sip.test>;tag=9\nTo: <sip:u@sip.test>\nCall-ID: q\nCSeq: 5 OPTIONS\n";

    private SipResponse lastSent() throws Exception {
        return (SipResponse) SipParser.parse(transport.sent.get(transport.sent.size() - 1));
    }

    @Test
    void aRequestWithABrokenBodyOrContentLengthGets400AndTheNextOneIsHandled() throws Exception {
        deliver(GOOD_HEAD + "Content-Length: 900\n\nshort");
        assertThat(transport.sent).hasSize(1);
        assertThat(lastSent().statusCode()).isEqualTo(400);
        assertThat(lastSent().reasonPhrase()).startsWith("Bad Request (Content-Length 900 exceeds the 5 bytes available");
        assertThat(lastSent().callId()).isEqualTo("q");
        assertThat(lastSent().vias()).singleElement().satisfies(v -> assertThat(v.branch()).isEqualTo("z9hG4bKx"));
        for (String value : new String[] {"-3", "ten"}) {
            deliver(GOOD_HEAD + "Content-Length: " + value + "\n\n");
            assertThat(lastSent().statusCode()).isEqualTo(400);
            assertThat(lastSent().reasonPhrase()).contains("invalid Content-Length '" + value + "'");
        }
        assertThat(transport.sent).hasSize(3);
        assertThat(incoming).isEmpty();
        deliver(GOOD_HEAD + "Content-Length: 0\n\n");
        assertThat(incoming).singleElement().satisfies(r -> assertThat(r.method()).isEqualTo("OPTIONS"));
        assertThat(closedWith).isEmpty();
    }

    @Test
    void aRequestMissingAMandatoryHeaderGets400NamingIt() throws Exception {
        String[][] cases = {{"From: <sip:e@sip.test>;tag=9\n", "From"}, {"To: <sip:u@sip.test>\n", "To"},
            {"Call-ID: q\n", "Call-ID"}};
        for (String[] c : cases) {
            deliver(GOOD_HEAD.replace(c[0], "") + "Content-Length: 0\n\n");
            assertThat(lastSent().statusCode()).as(c[1]).isEqualTo(400);
            assertThat(lastSent().reasonPhrase()).isEqualTo("Bad Request (message has no " + c[1] + " header)");
        }
        deliver(GOOD_HEAD.replace("5 OPTIONS", "5 INVITE") + "Content-Length: 0\n\n");
        assertThat(lastSent().reasonPhrase()).isEqualTo("Bad Request (CSeq method INVITE is not the request's OPTIONS)");
        deliver(GOOD_HEAD.replace("From: <sip:e@sip.test>;tag=9", "From: <sip:e@sip.test;tag=9") + "Content-Length: 0\n\n");
        assertThat(lastSent().reasonPhrase()).startsWith("Bad Request (malformed From header");
        assertThat(transport.sent).hasSize(5);
        assertThat(incoming).isEmpty();
        assertThat(closedWith).isEmpty();
    }

    @Test
    void whatCannotBeAnsweredIsDroppedWithoutAResponse() throws Exception {
        deliver(GOOD_HEAD.replace("Via: SIP/2.0/WSS 1.2.3.4;branch=z9hG4bKx\n", "") + "Content-Length: 0\n\n");
        deliver(GOOD_HEAD.replace("CSeq: 5 OPTIONS\n", "") + "Content-Length: 0\n\n");
        deliver(GOOD_HEAD.replace("OPTIONS", "ACK").replace("Call-ID: q\n", "") + "Content-Length: 0\n\n");
        deliver(GOOD_HEAD + "X-A: 1\n".repeat(300) + "Content-Length: 0\n\n");           // too many headers
        deliver(GOOD_HEAD + "X-Big: " + "b".repeat(20_000) + "\nContent-Length: 0\n\n"); // one huge header
        deliver("SIP/2.0 200 OK\nFrom: <sip:a@sip.test>;tag=1\nTo: <sip:b@sip.test>\nCall-ID: c\nCSeq: 1 OPTIONS\n"
                + "Content-Length: 0\n\n");                                                    // a response without Via
        assertThat(transport.sent).isEmpty();
        assertThat(incoming).isEmpty();
        deliver(GOOD_HEAD + "Content-Length: 0\n\n");
        assertThat(incoming).hasSize(1);
        assertThat(closedWith).isEmpty();
    }

    @Test
    void aLostConnectionFailsPendingTransactionsAndTellsTheOwnerOnce() throws Exception {
        var f = channel.request(options("z9hG4bK1"), Duration.ofSeconds(5));
        loop.runPending();
        listener.onClosed(new java.io.IOException("reset"));
        listener.onClosed(new java.io.IOException("again"));
        loop.runPending();
        assertThat(f.handle((v, e) -> e).join()).isInstanceOf(ChannelClosedException.class).hasMessageContaining("reset");
        assertThat(closedWith).hasSize(1);
        var late = channel.request(options("z9hG4bK3"), Duration.ofSeconds(5));
        loop.runPending();
        assertThat(late).isCompletedExceptionally();
        assertThat(loop.pendingTimers()).isZero();
    }

    @Test
    void respondsThroughTheTransport() throws Exception {
        channel.respond(SipResponse.forRequest(options("z9hG4bK9"), 200, "OK", "t").build());
        loop.runPending();
        assertThat(new String(transport.sent.get(0), StandardCharsets.UTF_8)).startsWith("SIP/2.0 200 OK\r\n");
    }

    @Test
    void aResponseFromTheLoopGoesOutBeforeTheLoopsQueuedTasks() throws Exception {
        try (EventLoop real = new EventLoop("test-sip")) {
            FakeTransport t = new FakeTransport();
            SipChannel c = SipConnection.open(real, new SipChannel.Handler() {
                @Override
                public void onRequest(SipChannel ch, SipRequest request) {
                }

                @Override
                public void onClosed(SipChannel ch, Throwable cause) {
                }
            }, "wss://edge.test:8083", l -> CompletableFuture.completedFuture(t)).get(5, TimeUnit.SECONDS);
            SipResponse ok = SipResponse.forRequest(options("z9hG4bK9"), 200, "OK", "t1").build();
            CompletableFuture<Integer> sentBeforeQueued = new CompletableFuture<>();
            CompletableFuture<Integer> sentFromOtherThread = new CompletableFuture<>();
            real.execute(() -> {
                real.execute(() -> sentBeforeQueued.complete(t.sent.size()));
                c.respond(ok);
            });
            assertThat(sentBeforeQueued.get(5, TimeUnit.SECONDS)).isEqualTo(1);
            c.respond(ok);   // not on the loop: hops onto it
            real.execute(() -> sentFromOtherThread.complete(t.sent.size()));
            assertThat(sentFromOtherThread.get(5, TimeUnit.SECONDS)).isEqualTo(2);
        }
    }

    private static final class FakeTransport implements SipTransport {
        final List<byte[]> sent = new ArrayList<>();

        @Override
        public CompletableFuture<Void> send(byte[] message) {
            sent.add(message);
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public TransportKind kind() {
            return TransportKind.WSS;
        }

        @Override
        public String remoteDescription() {
            return "wss://edge.test:8083";
        }

        @Override
        public InetSocketAddress localAddress() {
            return null;
        }

        @Override
        public void close() {
        }
    }
}
