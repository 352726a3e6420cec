package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A raw TCP caller calls softphones registered over TLS and WSS through the edge. */
class LocalEdgeCallTest {
    private static final LocalEdge.Account CALLER = new LocalEdge.Account("802398804001", "16505550001", "pw1");
    private static final LocalEdge.Account TLS_PHONE = new LocalEdge.Account("802398804002", "16505550002", "pw2");
    private static final LocalEdge.Account WSS_PHONE = new LocalEdge.Account("802398804003", "16505550003", "pw3");
    private static final LocalEdge.Account OFFLINE = new LocalEdge.Account("802398804004", "16505550004", "pw4");

    private LocalEdge edge;
    private RawSipClient caller;
    private String domain;

    @BeforeEach
    void start() throws Exception {
        edge = LocalEdge.builder().accounts(List.of(CALLER, TLS_PHONE, WSS_PHONE, OFFLINE)).build();
        edge.start();
        domain = edge.domain();
        caller = new RawSipClient(edge.port(TransportKind.TCP));
    }

    @AfterEach
    void stop() throws Exception {
        caller.close();
        edge.close();
        assertThat(LocalEdgeRegistrationTest.edgeThreads()).isEmpty();
    }

    private Softphone phone(LocalEdge.Account a, TransportKind kind, java.util.function.Consumer<Call> handler)
            throws Exception {
        Softphone p = Softphone.builder().sipInfo(edge.sipInfo(a, kind)).tls(edge.clientTls())
                .onIncomingCall(handler).build();
        p.register().get(10, TimeUnit.SECONDS);
        return p;
    }

    private String invite(String target, int cseq, String auth, String via, String sdp) {
        return "INVITE sip:" + target + "@" + domain + " SIP/2.0\n"
                + "Via: " + via + "\n"
                + "Max-Forwards: 70\n"
                + "From: \"Raw Caller\" <sip:" + CALLER.username() + "@" + domain + ">;tag=raw1\n"
                + "To: <sip:" + target + "@" + domain + ">\n"
                + "Call-ID: call-" + target + "@raw\n"
                + "CSeq: " + cseq + " INVITE\n"
                + "Contact: <sip:" + CALLER.username() + "@127.0.0.1:" + caller.localPort() + ";transport=tcp>\n"
                + (auth == null ? "" : "Proxy-Authorization: " + auth + "\n")
                + "Content-Type: application/sdp\n\n" + sdp;
    }

    /** Sends the INVITE, answers the 407 (and ACKs it), returns the authenticated INVITE's Via. */
    private String authenticatedInvite(String target, String sdp) throws Exception {
        String via = caller.via();
        caller.send(invite(target, 1, null, via, sdp));
        SipResponse challenge = caller.response();
        assertThat(challenge.statusCode()).isEqualTo(407);
        caller.send("ACK sip:" + target + "@" + domain + " SIP/2.0\nVia: " + via + "\nMax-Forwards: 70\n"
                + "From: <sip:" + CALLER.username() + "@" + domain + ">;tag=raw1\n"
                + "To: " + challenge.header("To").orElseThrow() + "\nCall-ID: call-" + target + "@raw\nCSeq: 1 ACK\n\n");
        String via2 = caller.via();
        caller.send(invite(target, 2, RawSipClient.proxyAuthorization(challenge, CALLER, "INVITE",
                "sip:" + target + "@" + domain), via2, sdp));
        return via2;
    }

    @Test
    void tlsPhoneAnswersThe200IsRelayedAndItsByeComesBackToTheCaller() throws Exception {
        List<Call> calls = Collections.synchronizedList(new ArrayList<>());
        try (DatagramSocket media = new DatagramSocket(0, InetAddress.getLoopbackAddress());
             Softphone callee = phone(TLS_PHONE, TransportKind.TLS, c -> {
                 calls.add(c);
                 c.answer();
             })) {
            StringBuilder sdp = new StringBuilder("v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                    + "m=audio " + media.getLocalPort() + " RTP/SAVP 0 101\na=rtpmap:0 PCMU/8000\n"
                    + "a=rtpmap:101 telephone-event/8000\na=sendrecv\n");
            for (SdesKeys.CryptoOffer c : SdesKeys.offer()) {
                sdp.append("a=crypto:").append(c.tag()).append(' ').append(c.suite()).append(" inline:")
                        .append(SdesKeys.inline(c.keySalt())).append('\n');
            }
            authenticatedInvite(TLS_PHONE.username(), sdp.toString());
            SipResponse ringing = caller.response();
            assertThat(ringing.statusCode()).isEqualTo(180);
            assertThat(ringing.vias()).hasSize(1);
            SipResponse ok = caller.response();
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.bodyText()).contains("RTP/SAVP", "a=crypto:");
            List<String> recordRoutes = ok.headers().values("Record-Route");
            assertThat(recordRoutes).hasSize(2);
            assertThat(recordRoutes.get(0)).contains("transport=tls", "flow=");
            assertThat(recordRoutes.get(1)).contains("transport=tcp", "flow=");
            assertThat(edge.stats().callsRouted()).isEqualTo(1);

            String contact = io.github.rcsoftphone.sip.message.NameAddr.parse(ok.header("Contact").orElseThrow()).uri().toString();
            caller.send("ACK " + contact + " SIP/2.0\nVia: " + caller.via() + "\nMax-Forwards: 70\n"
                    + "Route: " + recordRoutes.get(1) + "\nRoute: " + recordRoutes.get(0) + "\n"
                    + "From: <sip:" + CALLER.username() + "@" + domain + ">;tag=raw1\n"
                    + "To: " + ok.header("To").orElseThrow() + "\nCall-ID: " + ok.callId() + "\nCSeq: 2 ACK\n\n");
            await().atMost(Duration.ofSeconds(10)).until(() -> calls.size() == 1
                    && calls.get(0).state() == Call.CallState.CONNECTED);

            calls.get(0).hangup();
            SipRequest bye = caller.request();
            assertThat(bye.method()).isEqualTo("BYE");
            assertThat(bye.vias()).hasSize(2);
            assertThat(bye.header("Route")).isEmpty();
            assertThat(Integer.parseInt(bye.header("Max-Forwards").orElseThrow())).isLessThan(70);
            caller.send(SipResponse.forRequest(bye, 200, "OK", null).build());
            calls.get(0).ended().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void wssPhoneRingsWithPrcConfirmsAndACancelEndsIt() throws Exception {
        CompletableFuture<Call> ringing = new CompletableFuture<>();
        try (Softphone callee = phone(WSS_PHONE, TransportKind.WSS, ringing::complete)) {
            String sdp = "v=0\no=- 1 1 IN IP4 127.0.0.1\ns=-\nc=IN IP4 127.0.0.1\nt=0 0\n"
                    + "m=audio 9 RTP/SAVPF 0\na=rtpmap:0 PCMU/8000\na=rtcp-mux\na=setup:actpass\n"
                    + "a=fingerprint:sha-256 " + "AB:".repeat(31) + "AB\na=ice-ufrag:abcd\na=ice-pwd:abcdefghijklmnopqrstuv\n";
            String via = authenticatedInvite(WSS_PHONE.username(), sdp);
            assertThat(caller.response().statusCode()).isEqualTo(180);
            Call call = ringing.get(10, TimeUnit.SECONDS);
            assertThat(call.callerNumber()).isEqualTo(CALLER.username());
            assertThat(call.rcIds()).isPresent();
            await().atMost(Duration.ofSeconds(10)).until(() -> !edge.agentMessages().isEmpty());
            AgentMessage confirm = edge.agentMessages().get(0);
            assertThat(confirm.body()).contains("Cmd=\"17\"");
            assertThat(confirm.requestUri()).contains(domain);

            caller.send("CANCEL sip:" + WSS_PHONE.username() + "@" + domain + " SIP/2.0\nVia: " + via + "\n"
                    + "Max-Forwards: 70\nFrom: \"Raw Caller\" <sip:" + CALLER.username() + "@" + domain + ">;tag=raw1\n"
                    + "To: <sip:" + WSS_PHONE.username() + "@" + domain + ">\nCall-ID: call-" + WSS_PHONE.username()
                    + "@raw\nCSeq: 2 CANCEL\n\n");
            List<Integer> codes = new ArrayList<>(List.of(caller.response().statusCode(), caller.response().statusCode()));
            assertThat(codes).containsExactlyInAnyOrder(200, 487);
            call.ended().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void unknownNumberUnregisteredNumberOptionsUnknownMethodAndGarbage() throws Exception {
        caller.send("OPTIONS sip:" + domain + " SIP/2.0\nVia: " + caller.via() + "\nFrom: <sip:x@y>;tag=1\n"
                + "To: <sip:" + domain + ">\nCall-ID: o1\nCSeq: 1 OPTIONS\n\n");
        assertThat(caller.response().statusCode()).isEqualTo(200);
        caller.send("FOO sip:" + domain + " SIP/2.0\nVia: " + caller.via() + "\nFrom: <sip:x@y>;tag=1\n"
                + "To: <sip:" + domain + ">\nCall-ID: f1\nCSeq: 1 FOO\n\n");
        assertThat(caller.response().statusCode()).isEqualTo(501);
        caller.sendRaw("GARBAGE\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        caller.send("INVITE sip:" + domain + " SIP/2.0\nVia: " + caller.via() + "\nFrom: <sip:x@y>;tag=1\n"
                + "To: <sip:" + domain + ">\nCSeq: 1 INVITE\n\n");
        assertThat(caller.response().statusCode()).isEqualTo(400);
        authenticatedInvite("19995550000", "v=0\n");
        assertThat(caller.response().statusCode()).isEqualTo(404);
        authenticatedInvite(OFFLINE.username(), "v=0\n");
        assertThat(caller.response().statusCode()).isEqualTo(480);
        caller.sendRaw("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(edge.stats().activeConnections()).isEqualTo(1);
    }
}
