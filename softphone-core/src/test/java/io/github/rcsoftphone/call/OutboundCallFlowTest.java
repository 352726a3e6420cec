package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.rtp.RtpSender;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.SdesConfig;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Outbound calls end to end on loopback without a SIP server: the test plays the edge (a {@link ScriptedChannel})
 * and the far end, whose media is the softphone's own answering code ({@link SdesSdp#prepare} or
 * {@link WebRtcSdp#prepare}) on a transport of its own. Tones cross both ways.
 */
class OutboundCallFlowTest {
    @TempDir
    Path dir;

    private final EventLoop loop = new EventLoop("test-sip");
    private final MediaClock clock = new MediaClock();
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private ScriptedChannel channel;
    private CallManager manager;
    private PreparedMedia farEnd;

    @AfterEach
    void close() {
        if (farEnd != null) {
            farEnd.transport().close();
        }
        clock.close();
        loop.close();
        setup.shutdownNow();
    }

    private void start(TransportKind kind) {
        channel = new ScriptedChannel(kind);
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:5061", "16505550100", "pw", "802398804016", kind);
        RegisterRequests identity = new RegisterRequests(info, UUID.randomUUID(), "test", new SecureRandom());
        loop.execute(() -> identity.bind(channel));
        CallContext ctx = new CallContext(loop, identity, "802398804016", List.of("opus", "PCMU", "PCMA"),
                WebRtcConfig.defaults(DtlsIdentity.generate(), false).withBindAddress(InetAddress.getLoopbackAddress()),
                SdesConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()), clock, setup, events::add,
                Runnable::run);
        manager = new CallManager(ctx, c -> { });
    }

    private Call call(String target, CallOptions options) {
        Call call = manager.outbound(target, options);
        loop.execute(() -> manager.place(call, channel));
        return call;
    }

    private SipRequest next(String method) throws InterruptedException {
        return channel.nextRequest(method);
    }

    private void reply(SipRequest invite, int code, String reason, String toTag, String... headers) {
        replyWithSdp(invite, code, reason, toTag, null, headers);
    }

    private void replyWithSdp(SipRequest invite, int code, String reason, String toTag, String sdp, String... headers) {
        SipResponse.Builder b = SipResponse.forRequest(invite, code, reason, toTag);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (sdp != null) {
            b.body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        }
        SipResponse r = b.build();
        loop.execute(() -> channel.reply(r));
    }

    /** The far end answers our offer with the softphone's own answering code (a transport of its own). */
    private String answer(SipRequest invite, List<String> codecs) throws Exception {
        SessionDescription offer = SessionDescription.parse(new String(invite.body(), StandardCharsets.UTF_8));
        var choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), codecs);
        farEnd = SdesSdp.isSdes(offer, offer.audio().orElseThrow())
                ? SdesSdp.prepare(SdesConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()), offer, choice,
                        "127.0.0.1")
                : WebRtcSdp.prepare(WebRtcConfig.defaults(DtlsIdentity.generate(), false)
                        .withBindAddress(InetAddress.getLoopbackAddress()), offer, choice);
        return farEnd.answer().toString();
    }

    private static String md5(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void authenticatesRingsIsAnsweredOverSdesAndTheFarEndHangsUp() throws Exception {
        start(TransportKind.TLS);
        Path wav = dir.resolve("out.wav");
        Call call = call("+16506666666", CallOptions.defaults().withCodecs(List.of("PCMU")).withCallerId("+16505550199"));
        call.record(wav);
        call.play(new ToneSource(1000, 8000, 0.5, null));
        assertThat(call.direction()).isEqualTo(Call.Direction.OUTBOUND);
        assertThat(call.remoteNumber()).isEqualTo("+16506666666");

        SipRequest first = next("INVITE");
        assertThat(call.state()).isEqualTo(Call.CallState.CALLING);
        assertThat(first.uri().toString()).isEqualTo("sip:+16506666666@sip.test");
        assertThat(first.header("P-Asserted-Identity")).contains("<sip:+16505550199@sip.test>");
        assertThat(first.header("Proxy-Authorization")).isEmpty();
        SessionDescription offer = SessionDescription.parse(new String(first.body(), StandardCharsets.UTF_8));
        assertThat(offer.audio().orElseThrow().protocol()).isEqualTo("RTP/SAVP");
        assertThat(offer.audio().orElseThrow().cryptos()).hasSize(3);

        reply(first, 407, "Proxy Authentication Required", "edge1",
                "Proxy-Authenticate", "Digest realm=\"sip.test\", nonce=\"n0nce\"");
        SipRequest ack407 = next("ACK");
        assertThat(ack407.vias().get(0).branch()).isEqualTo(first.vias().get(0).branch());
        assertThat(ack407.cseq().sequence()).isEqualTo(first.cseq().sequence());
        assertThat(ack407.to().tag()).isEqualTo("edge1");

        SipRequest invite = next("INVITE");
        assertThat(invite.callId()).isEqualTo(first.callId());
        assertThat(invite.from().tag()).isEqualTo(first.from().tag());
        assertThat(invite.cseq().sequence()).isEqualTo(first.cseq().sequence() + 1);
        assertThat(invite.vias().get(0).branch()).isNotEqualTo(first.vias().get(0).branch());
        String auth = invite.header("Proxy-Authorization").orElseThrow();
        String uri = "sip:+16506666666@sip.test";
        String expected = md5(md5("802398804016:sip.test:pw") + ":n0nce:" + md5("INVITE:" + uri));
        assertThat(auth).contains("username=\"802398804016\"").contains("uri=\"" + uri + "\"")
                .contains("response=\"" + expected + "\"");
        assertThat(invite.body()).isEqualTo(first.body());

        reply(invite, 100, "Trying", null);
        reply(invite, 180, "Ringing", "callee");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> call.state() == Call.CallState.RINGING);
        assertThat(events).anyMatch(e -> e instanceof SoftphoneEvent.Ringing r && r.callId().equals(call.id()));
        assertThat(events.get(0)).isEqualTo(new SoftphoneEvent.Calling(call.id(), "+16506666666"));

        String answer = answer(invite, List.of("PCMU"));
        replyWithSdp(invite, 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:5070;transport=tls>",
                "Record-Route", "<sip:p2.test;lr>", "Record-Route", "<sip:p1.test;lr>");
        SipRequest ack = next("ACK");
        assertThat(ack.uri().toString()).isEqualTo("sip:callee@127.0.0.1:5070;transport=tls");
        assertThat(ack.headers().all("Route")).as("the route set: Record-Route reversed")
                .containsExactly("<sip:p1.test;lr>", "<sip:p2.test;lr>");
        assertThat(ack.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        assertThat(ack.vias().get(0).branch()).isNotEqualTo(invite.vias().get(0).branch());
        assertThat(ack.to().tag()).isEqualTo("callee");

        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("PCMU", 8000, 1));
        farEnd.start().get().get(5, TimeUnit.SECONDS);
        call.answered().get(10, TimeUnit.SECONDS);
        assertThat(call.state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(events).anyMatch(e -> e instanceof SoftphoneEvent.Answered a && a.codec().equals("pcmu/8000"));

        replyWithSdp(invite, 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:5070;transport=tls>",
                "Record-Route", "<sip:p2.test;lr>", "Record-Route", "<sip:p1.test;lr>");
        assertThat(next("ACK").toBytes()).as("a retransmitted 200 is ACKed again").isEqualTo(ack.toBytes());

        TestMedia.sendTone(farEnd.transport(), new RtpSender(new SecureRandom()), 0, "PCMU", 8000, 1);
        SipRequest bye = SipRequest.builder("BYE", io.github.rcsoftphone.sip.message.SipUri.parse("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bKbye1").header("Max-Forwards", "70")
                .header("From", invite.header("To").orElseThrow() + ";tag=callee")
                .header("To", invite.header("From").orElseThrow()).header("Call-ID", invite.callId())
                .header("CSeq", "1 BYE").build();
        loop.execute(() -> manager.onRequest(channel, bye));
        SipResponse byeOk = channel.responses.poll(5, TimeUnit.SECONDS);
        assertThat(byeOk.statusCode()).isEqualTo(200);
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(CallEndReason.REMOTE_HANGUP);
        assertThat(end.stats().packetsReceived()).isBetween(95L, 100L);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> java.nio.file.Files.size(wav) > 8000);
        assertThat(AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(wav), 8000)).isCloseTo(440, Offset.offset(5.0));
        short[] back = TestMedia.samples(heard);
        assertThat(back.length).isGreaterThan(8000);
        assertThat(AudioAnalysis.dominantFrequency(back, 8000)).isCloseTo(1000, Offset.offset(5.0));
        assertThat(manager.size()).isZero();
    }

    @Test
    void webRtcCallIsAnsweredWithEarlyMediaAndOurHangupSendsBye() throws Exception {
        start(TransportKind.WSS);
        Call call = call("101", CallOptions.defaults());
        SipRequest invite = next("INVITE");
        assertThat(invite.uri().toString()).isEqualTo("sip:101@sip.test");
        SessionDescription offer = SessionDescription.parse(new String(invite.body(), StandardCharsets.UTF_8));
        var audio = offer.audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("111", "0", "8", "101");
        assertThat(offer.setup(audio)).contains(io.github.rcsoftphone.sdp.Setup.ACTPASS);

        String answer = answer(invite, List.of("PCMU"));   // active: the far end is the DTLS client
        replyWithSdp(invite, 183, "Session Progress", "callee", answer);
        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("PCMU", 8000, 1));
        farEnd.start().get().get(15, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> call.state() == Call.CallState.RINGING);
        assertThat(call.answered()).as("early media is not an answer").isNotDone();
        var frames = new java.util.concurrent.atomic.AtomicInteger();
        call.onAudio(8000, pcm -> frames.incrementAndGet());
        TestMedia.sendTone(farEnd.transport(), new RtpSender(new SecureRandom()), 0, "PCMU", 8000, 1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> frames.get() > 20);
        assertThat(call.answered()).isNotDone();

        replyWithSdp(invite, 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:8443;transport=ws>");
        SipRequest ack = next("ACK");
        assertThat(ack.headers().all("Route")).isEmpty();
        call.answered().get(10, TimeUnit.SECONDS);
        Awaitility.await().atMost(Duration.ofSeconds(5))
                .alias("the far end hears us").until(() -> TestMedia.samples(heard).length > 1600);

        call.hangup();
        SipRequest bye = next("BYE");
        assertThat(bye.uri().toString()).isEqualTo("sip:callee@127.0.0.1:8443;transport=ws");
        assertThat(bye.from().tag()).isEqualTo(invite.from().tag());
        assertThat(bye.to().tag()).isEqualTo("callee");
        assertThat(bye.cseq().sequence()).isGreaterThan(invite.cseq().sequence());
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.HANGUP);
    }

    @Test
    void acceptedCompletesAtTheTwoHundredBeforeMediaFlows() throws Exception {
        start(TransportKind.WSS);
        Call call = call("101", CallOptions.defaults());
        SipRequest invite = next("INVITE");
        String answer = answer(invite, List.of("PCMU"));   // the far end's transport waits: no ICE, no DTLS yet
        reply(invite, 180, "Ringing", "callee");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> call.state() == Call.CallState.RINGING);
        assertThat(call.accepted()).as("ringing is not accepted").isNotDone();

        replyWithSdp(invite, 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:8443;transport=ws>");
        call.accepted().get(5, TimeUnit.SECONDS);
        SipRequest ack = next("ACK");
        assertThat(ack.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        assertThat(call.answered()).as("media is not up before the far end starts ICE").isNotDone();
        assertThat(call.state()).isEqualTo(Call.CallState.RINGING);

        farEnd.start().get().get(15, TimeUnit.SECONDS);
        call.answered().get(10, TimeUnit.SECONDS);
        assertThat(call.state()).isEqualTo(Call.CallState.CONNECTED);
        call.hangup();
        next("BYE");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.HANGUP);
        assertThat(call.accepted()).as("stays completed after the end").isCompletedWithValue(null);
    }

    @Test
    void theInviteTransactionKeepsOnlyTheAckNotTheEndedCall() throws Exception {
        start(TransportKind.TLS);
        SipRequest[] sent = new SipRequest[2];   // the INVITE and its ACK
        String answer = connectAndHangUp(sent);
        java.lang.ref.WeakReference<Call> ended = lastEnded;
        lastEnded = null;
        // the channel still holds the INVITE transaction (like SipConnection for Timer M, 32 s), yet the call is gone
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100))
                .alias("the ended call is garbage").until(() -> {
                    System.gc();
                    return ended.get() == null;
                });
        replyWithSdp(sent[0], 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:5070;transport=tls>");
        assertThat(next("ACK").toBytes()).as("a retransmitted 200 is still ACKed").isEqualTo(sent[1].toBytes());
    }

    private java.lang.ref.WeakReference<Call> lastEnded;

    /** An SDES call that is answered and hung up by us; returns the far end's answer. */
    private String connectAndHangUp(SipRequest[] sent) throws Exception {
        Call call = call("101", CallOptions.defaults());
        sent[0] = next("INVITE");
        String answer = answer(sent[0], List.of("PCMU"));
        replyWithSdp(sent[0], 200, "OK", "callee", answer, "Contact", "<sip:callee@127.0.0.1:5070;transport=tls>");
        sent[1] = next("ACK");
        farEnd.start().get().get(5, TimeUnit.SECONDS);
        call.answered().get(10, TimeUnit.SECONDS);
        call.hangup();
        next("BYE");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.HANGUP);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> manager.size() == 0);
        lastEnded = new java.lang.ref.WeakReference<>(call);
        return answer;
    }

    @Test
    void hangupWhileRingingCancelsAndThe487EndsTheCallCancelled() throws Exception {
        start(TransportKind.WSS);
        Call call = call("+16506666666", CallOptions.defaults());
        SipRequest invite = next("INVITE");
        call.hangup();
        assertThat(channel.requests.poll(300, TimeUnit.MILLISECONDS)).as("no CANCEL before a provisional").isNull();
        reply(invite, 100, "Trying", null);
        SipRequest cancel = next("CANCEL");
        assertThat(cancel.uri()).isEqualTo(invite.uri());
        assertThat(cancel.vias().get(0).branch()).isEqualTo(invite.vias().get(0).branch());
        assertThat(cancel.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        assertThat(cancel.callId()).isEqualTo(invite.callId());
        assertThat(cancel.header("From")).isEqualTo(invite.header("From"));
        assertThat(call.ended()).isNotDone();
        reply(invite, 487, "Request Terminated", "callee");
        assertThat(next("ACK").cseq().method()).isEqualTo("ACK");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.CANCELLED);
        assertThat(call.answered()).isCompletedExceptionally();
        assertThat(call.accepted()).isCompletedExceptionally();
    }

    @Test
    void theRingTimeoutCancelsAndEndsWithNoAnswer() throws Exception {
        start(TransportKind.WSS);
        Call call = call("+16506666666", CallOptions.defaults().withRingTimeout(Duration.ofMillis(300)));
        SipRequest invite = next("INVITE");
        reply(invite, 180, "Ringing", "callee");
        SipRequest cancel = next("CANCEL");
        assertThat(cancel.cseq().sequence()).isEqualTo(invite.cseq().sequence());
        reply(invite, 487, "Request Terminated", "callee");
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(CallEndReason.NO_ANSWER);
        assertThat(end.detail()).contains("no answer");
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @CsvSource({"486,Busy Here,BUSY", "600,Busy Everywhere,BUSY", "603,Decline,DECLINED", "404,Not Found,NOT_FOUND",
            "484,Address Incomplete,NOT_FOUND", "480,Temporarily Unavailable,UNAVAILABLE", "503,Service Unavailable,UNAVAILABLE",
            "500,Server Internal Error,UNAVAILABLE", "408,Request Timeout,NO_ANSWER", "488,Not Acceptable Here,FAILED"})
    void finalErrorsMapToEndReasons(int code, String phrase, CallEndReason reason) throws Exception {
        start(TransportKind.WSS);
        Call call = call("+16506666666", CallOptions.defaults());
        SipRequest invite = next("INVITE");
        reply(invite, code, phrase, "callee");
        assertThat(next("ACK").vias().get(0).branch()).isEqualTo(invite.vias().get(0).branch());
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(reason);
        assertThat(end.detail()).isEqualTo(code + " " + phrase);
        assertThat(call.accepted()).isCompletedExceptionally();
        assertThat(events).anyMatch(e -> e instanceof SoftphoneEvent.Ended x && x.reason() == reason);
    }

    @Test
    void aSecondChallengeAfterCredentialsFails() throws Exception {
        start(TransportKind.TLS);
        Call call = call("+16506666666", CallOptions.defaults());
        SipRequest first = next("INVITE");
        reply(first, 407, "Proxy Authentication Required", "e1", "Proxy-Authenticate", "Digest realm=\"sip.test\", nonce=\"a\"");
        next("ACK");
        SipRequest second = next("INVITE");
        reply(second, 407, "Proxy Authentication Required", "e2", "Proxy-Authenticate", "Digest realm=\"sip.test\", nonce=\"b\"");
        next("ACK");
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(CallEndReason.FAILED);
        assertThat(end.detail()).isEqualTo("authentication rejected");
        assertThat(call.answer()).isCompletedExceptionally();
    }

    /** Ends {@code call} with a 486 to {@code invite} and waits for the end. */
    private void busy(Call call, SipRequest invite) throws Exception {
        reply(invite, 486, "Busy Here", "callee");
        next("ACK");
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(CallEndReason.BUSY);
    }

    /** Challenges {@code invite} with a 407 for {@code nonce}; the ACK is taken, the next INVITE returned. */
    private SipRequest challengeAndNext(SipRequest invite, String toTag, String nonce) throws Exception {
        reply(invite, 407, "Proxy Authentication Required", toTag, "Proxy-Authenticate",
                "Digest realm=\"sip.test\", nonce=\"" + nonce + "\", qop=\"auth\"");
        next("ACK");
        return next("INVITE");
    }

    @Test
    void laterInvitesAnswerTheLastChallengeAheadOfTimeAndFallBackWhenRefused() throws Exception {
        start(TransportKind.TLS);
        Call first = call("+16506666666", CallOptions.defaults());
        SipRequest unauthenticated = next("INVITE");
        assertThat(unauthenticated.header("Proxy-Authorization")).as("nothing to answer yet").isEmpty();
        SipRequest authenticated = challengeAndNext(unauthenticated, "e1", "n1");
        assertThat(authenticated.header("Proxy-Authorization").orElseThrow()).contains("nonce=\"n1\"", "nc=00000001");
        busy(first, authenticated);

        // the next call answers the same challenge at once, the nonce count going on
        Call second = call("+16506666666", CallOptions.defaults());
        SipRequest preauthenticated = next("INVITE");
        assertThat(preauthenticated.cseq().sequence()).isEqualTo(1);
        assertThat(preauthenticated.header("Proxy-Authorization").orElseThrow())
                .contains("nonce=\"n1\"", "nc=00000002", "uri=\"sip:+16506666666@sip.test\"");
        // the edge no longer takes that nonce: the fresh challenge is answered as on a first call
        SipRequest renewed = challengeAndNext(preauthenticated, "e2", "n2");
        assertThat(renewed.header("Proxy-Authorization").orElseThrow()).contains("nonce=\"n2\"", "nc=00000001");
        busy(second, renewed);

        // a 403 to a pre-authenticated INVITE: once more without credentials, then the usual challenge
        Call third = call("+16506666666", CallOptions.defaults());
        SipRequest refused = next("INVITE");
        assertThat(refused.header("Proxy-Authorization").orElseThrow()).contains("nonce=\"n2\"", "nc=00000002");
        reply(refused, 403, "Forbidden", "e3");
        next("ACK");
        SipRequest plain = next("INVITE");
        assertThat(plain.header("Proxy-Authorization")).isEmpty();
        assertThat(plain.cseq().sequence()).isEqualTo(refused.cseq().sequence() + 1);
        SipRequest answered = challengeAndNext(plain, "e4", "n3");
        assertThat(answered.header("Proxy-Authorization").orElseThrow()).contains("nonce=\"n3\"");
        busy(third, answered);
        assertThat(((OutboundCall) third).failureStatus()).isEqualTo(486);
    }

    @Test
    void targetsAndReasons() {
        assertThat(OutboundCall.targetUri("+16505550100", "sip.test").toString()).isEqualTo("sip:+16505550100@sip.test");
        assertThat(OutboundCall.targetUri(" 101 ", "sip.test").toString()).isEqualTo("sip:101@sip.test");
        assertThat(OutboundCall.targetUri("sip:bob@example.test;transport=tls", "sip.test").toString())
                .isEqualTo("sip:bob@example.test;transport=tls");
        assertThatThrownBy(() -> OutboundCall.targetUri(" ", "sip.test")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboundCall.targetUri("a b", "sip.test")).isInstanceOf(IllegalArgumentException.class);
        assertThat(OutboundCall.reasonFor(604)).isEqualTo(CallEndReason.NOT_FOUND);
        assertThat(OutboundCall.reasonFor(502)).isEqualTo(CallEndReason.UNAVAILABLE);
        assertThat(OutboundCall.reasonFor(403)).isEqualTo(CallEndReason.FAILED);
    }
}
