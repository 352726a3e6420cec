package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallControlException;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.SdesConfig;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.OfferAnswer;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sdp.Setup;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.message.SipUri;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Hold, unhold, far-end hold, mute and session timers on an established outbound call: the test plays the edge (a
 * {@link ScriptedChannel}) and the far end, whose media is the softphone's own answering code on a transport of its
 * own (SDES, so calls come up at once; one WebRTC case checks ICE/DTLS parameters are kept).
 */
class HoldFlowTest {
    private final EventLoop loop = new EventLoop("test-sip");
    private final MediaClock clock = new MediaClock();
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private ScriptedChannel channel;
    private CallManager manager;
    private PreparedMedia farEnd;
    private SipRequest invite;
    private long farCseq = 100;
    private long okSentNanos;
    private ToneSource playFirst;

    @AfterEach
    void close() {
        if (farEnd != null) {
            farEnd.transport().close();
        }
        clock.close();
        loop.close();
        setup.shutdownNow();
    }

    private CallContext context;
    private Duration mediaTimeout = CallContext.DEFAULT_MEDIA_TIMEOUT;

    private void start(TransportKind kind) {
        channel = new ScriptedChannel(kind);
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:5061", "16505550100", "pw", "802398804016", kind);
        RegisterRequests identity = new RegisterRequests(info, UUID.randomUUID(), "test", new SecureRandom());
        loop.execute(() -> identity.bind(channel));
        CallContext ctx = new CallContext(loop, identity, "802398804016", List.of("opus", "PCMU", "PCMA"),
                WebRtcConfig.defaults(DtlsIdentity.generate(), false).withBindAddress(InetAddress.getLoopbackAddress()),
                SdesConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()), clock, setup, events::add,
                Runnable::run, mediaTimeout);
        context = ctx;
        manager = new CallManager(ctx, c -> { });
    }

    private SipRequest next(String method) throws InterruptedException {
        return channel.nextRequest(method);
    }

    private SipResponse response(String method) throws InterruptedException {
        return channel.nextResponse(method, 10);
    }

    private void reply(SipRequest request, int code, String reason, String sdp, String... headers) {
        SipResponse.Builder b = SipResponse.forRequest(request, code, reason, "callee");
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (sdp != null) {
            b.body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        }
        SipResponse r = b.build();
        loop.execute(() -> channel.reply(r));
    }

    /** Places a call, answers it (PCMU) with the far end's media, ACK; {@code okHeaders} go into the 200. */
    private Call connected(TransportKind kind, CallOptions options, String... okHeaders) throws Exception {
        return connected(kind, "PCMU", options, okHeaders);
    }

    private Call connected(TransportKind kind, String codec, CallOptions options, String... okHeaders) throws Exception {
        start(kind);
        Call call = answeredBy(codec, options, sdp -> sdp, okHeaders);
        farEnd.start().get().get(15, TimeUnit.SECONDS);
        call.answered().get(10, TimeUnit.SECONDS);
        return call;
    }

    /** Places a call that the far end answers with its SDP passed through {@code edit}; returns after the ACK. */
    private Call answeredBy(String codec, CallOptions options, java.util.function.UnaryOperator<String> edit,
            String... okHeaders) throws Exception {
        Call call = manager.outbound("+16506666666", options.withCodecs(List.of(codec)));
        if (playFirst != null) {
            call.play(playFirst);   // from the first packet on
        }
        loop.execute(() -> manager.place(call, channel));
        invite = next("INVITE");
        SessionDescription offer = sdp(invite.body());
        var choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of(codec));
        farEnd = SdesSdp.isSdes(offer, offer.audio().orElseThrow())
                ? SdesSdp.prepare(SdesConfig.defaults().withBindAddress(InetAddress.getLoopbackAddress()), offer, choice,
                        "127.0.0.1")
                : WebRtcSdp.prepare(WebRtcConfig.defaults(DtlsIdentity.generate(), false)
                        .withBindAddress(InetAddress.getLoopbackAddress()), offer, choice);
        String[] headers = Arrays.copyOf(okHeaders, okHeaders.length + 2);
        headers[okHeaders.length] = "Contact";
        headers[okHeaders.length + 1] = "<sip:callee@127.0.0.1:5070;transport=tls>";
        okSentNanos = System.nanoTime();
        reply(invite, 200, "OK", edit.apply(farEnd.answer().toString()), headers);
        next("ACK");
        return call;
    }

    @Test
    void aDtlsFingerprintMismatchEndsTheCallMediaFailedAndTheNextCallConnects() throws Exception {
        start(TransportKind.WSS);
        Call bad = answeredBy("PCMU", CallOptions.defaults(), HoldFlowTest::otherFingerprint);
        farEnd.start().get();   // the far end, DTLS client, presents the certificate that no longer matches our SDP's
        Call.CallEnd end = bad.ended().get(30, TimeUnit.SECONDS);
        SipRequest bye = next("BYE");
        System.out.println("fingerprint mismatch: " + end);
        assertThat(end.reason()).isEqualTo(Call.CallEndReason.MEDIA_FAILED);
        assertThat(end.detail()).contains("FINGERPRINT_MISMATCH");
        assertThat(bye.callId()).isEqualTo(bad.id());
        farEnd.transport().close();

        Call good = answeredBy("PCMU", CallOptions.defaults(), sdp -> sdp);
        farEnd.start().get().get(15, TimeUnit.SECONDS);
        good.answered().get(10, TimeUnit.SECONDS);
        assertThat(good.state()).isEqualTo(Call.CallState.CONNECTED);
    }

    /** {@code sdp} with the first hex digit of its {@code a=fingerprint} digest changed. */
    private static String otherFingerprint(String sdp) {
        int i = sdp.indexOf(' ', sdp.indexOf("a=fingerprint:")) + 1;
        char c = sdp.charAt(i);
        return sdp.substring(0, i) + (c == '0' ? '1' : '0') + sdp.substring(i + 1);
    }

    private static SessionDescription sdp(byte[] body) throws Exception {
        return SessionDescription.parse(new String(body, StandardCharsets.UTF_8));
    }

    private static BigInteger version(SessionDescription s) {
        return new BigInteger(s.origin().sessionVersion());
    }

    private static Direction direction(SessionDescription s) {
        return s.direction(s.audio().orElseThrow());
    }

    /** The far end's answer SDP with another direction (version bumped). */
    private String farSdp(Direction d) {
        return HoldSdp.withDirection(farEnd.answer(), d).toString();
    }

    /** A request from the far end in the dialog (it is the UAS of the INVITE: its From is our To). */
    private SipRequest fromFarEnd(String method, String sdp, String... headers) throws Exception {
        long cseq = farCseq++;
        SipRequest.Builder b = SipRequest.builder(method, SipUri.parse("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5070;branch=z9hG4bKfar" + cseq).header("Max-Forwards", "70")
                .header("From", invite.header("To").orElseThrow() + ";tag=callee")
                .header("To", invite.header("From").orElseThrow()).header("Call-ID", invite.callId())
                .header("CSeq", cseq + " " + method);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        if (sdp != null) {
            b.body("application/sdp", sdp.getBytes(StandardCharsets.UTF_8));
        }
        SipRequest r = b.build();
        loop.execute(() -> manager.onRequest(channel, r));
        return r;
    }

    /** Waits until {@code ms} more of 8 kHz audio reached the far end and returns it, with how long that took. */
    private record Heard(short[] pcm, long nanos) {
        double packetsPerSecond() {
            return pcm.length / 160.0 / (nanos / 1e9);
        }
    }

    private static Heard hear(ByteArrayOutputStream heard, int ms) {
        int from = TestMedia.samples(heard).length;
        long t0 = System.nanoTime();
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> TestMedia.samples(heard).length >= from + ms * 8);
        long nanos = System.nanoTime() - t0;
        short[] all = TestMedia.samples(heard);
        return new Heard(Arrays.copyOfRange(all, from, all.length), nanos);
    }

    @Test
    void holdSendsSendonlyVersionPlusOneSameKeyThenUnholdAndSilenceFlowsMeanwhile() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("PCMU", 8000, 1));
        call.play(new ToneSource(1000, 8000, 0.5, null));
        Heard tone = hear(heard, 600);
        assertThat(AudioAnalysis.dominantFrequency(tone.pcm(), 8000)).isCloseTo(1000, Offset.offset(5.0));
        SessionDescription first = sdp(invite.body());
        SessionDescription answer = farEnd.answer();

        var held = call.hold();
        SipRequest reInvite = next("INVITE");
        assertThat(reInvite.callId()).isEqualTo(invite.callId());
        assertThat(reInvite.cseq().sequence()).isGreaterThan(invite.cseq().sequence());
        assertThat(reInvite.to().tag()).isEqualTo("callee");
        SessionDescription holdSdp = sdp(reInvite.body());
        MediaDescription a = holdSdp.audio().orElseThrow();
        assertThat(direction(holdSdp)).isEqualTo(Direction.SENDONLY);
        assertThat(version(holdSdp)).isEqualTo(version(first).add(BigInteger.ONE));
        assertThat(holdSdp.origin().sessionId()).isEqualTo(first.origin().sessionId());
        assertThat(a.port()).isEqualTo(first.audio().orElseThrow().port());
        assertThat(a.formats()).isEqualTo(first.audio().orElseThrow().formats());
        assertThat(a.cryptos()).as("the key the answer chose, only").singleElement()
                .isEqualTo(first.audio().orElseThrow().cryptos().stream()
                        .filter(c -> c.tag() == answer.audio().orElseThrow().cryptos().get(0).tag()).findFirst().orElseThrow());
        assertThat(held).isNotDone();
        reply(reInvite, 200, "OK", farSdp(Direction.RECVONLY));
        SipRequest ack = next("ACK");
        assertThat(ack.cseq().sequence()).isEqualTo(reInvite.cseq().sequence());
        held.get(5, TimeUnit.SECONDS);
        assertThat(call.onHold()).isTrue();
        assertThat(events).contains(new SoftphoneEvent.Held(call.id(), true));

        hear(heard, 200);   // what was in flight
        Heard onHold = hear(heard, 1000);
        System.out.printf("on hold: %.1f packets/s, %.1f dBFS%n", onHold.packetsPerSecond(),
                AudioAnalysis.rmsDbfs(onHold.pcm()));
        assertThat(AudioAnalysis.rmsDbfs(onHold.pcm())).as("silence while held").isLessThan(-60);
        assertThat(onHold.packetsPerSecond()).as("packets keep flowing while held").isBetween(35.0, 65.0);

        var unheld = call.unhold();
        SipRequest resume = next("INVITE");
        SessionDescription resumeSdp = sdp(resume.body());
        assertThat(direction(resumeSdp)).isEqualTo(Direction.SENDRECV);
        assertThat(version(resumeSdp)).isEqualTo(version(first).add(BigInteger.TWO));
        assertThat(resume.cseq().sequence()).isGreaterThan(reInvite.cseq().sequence());
        reply(resume, 200, "OK", farSdp(Direction.SENDRECV));
        next("ACK");
        unheld.get(5, TimeUnit.SECONDS);
        assertThat(call.onHold()).isFalse();
        assertThat(events).contains(new SoftphoneEvent.Unheld(call.id(), true));
        hear(heard, 200);
        Heard back = hear(heard, 600);
        assertThat(AudioAnalysis.dominantFrequency(back.pcm(), 8000)).as("the tone is back").isCloseTo(1000, Offset.offset(5.0));
        assertThat(AudioAnalysis.rmsDbfs(back.pcm())).isGreaterThan(-20);
    }

    @Test
    void anOpusCallOnHoldSendsTrueSilenceNotTheToneEncodersTail() throws Exception {
        playFirst = new ToneSource(1000, 48000, 0.5, null);
        Call call = connected(TransportKind.TLS, "opus", CallOptions.defaults());
        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("opus", 48000, 2));
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestMedia.samples(heard).length > 48000);
        var held = call.hold();
        reply(next("INVITE"), 200, "OK", farSdp(Direction.RECVONLY));
        next("ACK");
        held.get(5, TimeUnit.SECONDS);
        int from = TestMedia.samples(heard).length + 48000 / 5;   // what was in flight
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> TestMedia.samples(heard).length > from + 48000);
        short[] all = TestMedia.samples(heard);
        double db = AudioAnalysis.rmsDbfs(Arrays.copyOfRange(all, from, all.length));
        System.out.printf("opus on hold: %.1f dBFS%n", db);
        assertThat(db).as("silence, not a repeated frame holding the tone's tail").isLessThan(-60);
    }

    @Test
    void aWebRtcHoldKeepsIceCredentialsFingerprintAndTheDtlsRole() throws Exception {
        Call call = connected(TransportKind.WSS, CallOptions.defaults());
        SessionDescription first = sdp(invite.body());
        MediaDescription firstAudio = first.audio().orElseThrow();
        var held = call.hold();
        SipRequest reInvite = next("INVITE");
        SessionDescription holdSdp = sdp(reInvite.body());
        MediaDescription a = holdSdp.audio().orElseThrow();
        assertThat(direction(holdSdp)).isEqualTo(Direction.SENDONLY);
        assertThat(version(holdSdp)).isEqualTo(version(first).add(BigInteger.ONE));
        assertThat(holdSdp.ice(a)).isEqualTo(first.ice(firstAudio));
        assertThat(holdSdp.fingerprint(a)).isEqualTo(first.fingerprint(firstAudio));
        assertThat(a.candidates()).isEqualTo(firstAudio.candidates());
        // the far end answered active (it is the DTLS client): we stay the server, passive, no new handshake
        assertThat(holdSdp.setup(a)).contains(Setup.PASSIVE);
        reply(reInvite, 200, "OK", farSdp(Direction.RECVONLY));
        next("ACK");
        held.get(5, TimeUnit.SECONDS);
        assertThat(call.onHold()).isTrue();
    }

    @Test
    void a491IsRetriedAfterTheRandomDelayAndA488LeavesTheCallAsItWas() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        SessionDescription first = sdp(invite.body());
        var held = call.hold();
        SipRequest reInvite = next("INVITE");
        long t0 = System.nanoTime();
        reply(reInvite, 491, "Request Pending", null);
        assertThat(next("ACK").cseq().sequence()).as("the 491 is ACKed").isEqualTo(reInvite.cseq().sequence());
        SipRequest again = next("INVITE");
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(waitedMs).as("RFC 3261 14.1: 2.1-4 s for the Call-ID owner").isBetween(2000L, 5000L);
        assertThat(again.cseq().sequence()).isEqualTo(reInvite.cseq().sequence() + 1);
        assertThat(version(sdp(again.body()))).isEqualTo(version(first).add(BigInteger.ONE));
        assertThat(held).isNotDone();
        reply(again, 200, "OK", farSdp(Direction.RECVONLY));
        next("ACK");
        held.get(5, TimeUnit.SECONDS);

        var unheld = call.unhold();
        SipRequest resume = next("INVITE");
        reply(resume, 488, "Not Acceptable Here", null);
        next("ACK");
        assertThat(unheld).failsWithin(Duration.ofSeconds(5)).withThrowableOfType(ExecutionException.class)
                .satisfies(e -> assertThat(((CallControlException) e.getCause()).statusCode()).isEqualTo(488));
        assertThat(call.onHold()).as("still held").isTrue();
        assertThat(call.state()).isEqualTo(Call.CallState.CONNECTED);
        assertThat(events).doesNotContain(new SoftphoneEvent.Unheld(call.id(), true));
    }

    @Test
    void aFarEndThatFallsSilentIsHungUpAfterTheMediaTimeout() throws Exception {
        mediaTimeout = Duration.ofSeconds(1);
        Call call = connected(TransportKind.TLS, CallOptions.defaults());   // the far end never sends RTP or RTCP
        long answeredAt = System.nanoTime();
        SipRequest bye = next("BYE");
        long ms = (System.nanoTime() - answeredAt) / 1_000_000;
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        System.out.println("media timeout 1 s: BYE " + ms + " ms after the answer; " + end);
        assertThat(end.reason()).isEqualTo(Call.CallEndReason.MEDIA_TIMEOUT);
        assertThat(end.detail()).contains("no RTP or RTCP").contains("1 s");
        assertThat(bye.callId()).isEqualTo(invite.callId());
        assertThat(ms).isBetween(900L, 2500L);
    }

    @Test
    void forgedAndReplayedSrtpIsDroppedAndCountedInTheCallStats() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        MediaDescription ours = sdp(invite.body()).audio().orElseThrow();
        io.github.rcsoftphone.sdp.Crypto theirs = farEnd.answer().audio().orElseThrow().cryptos().get(0);
        io.github.rcsoftphone.sdp.Crypto mine = ours.cryptos().stream().filter(c -> c.tag() == theirs.tag())
                .findFirst().orElseThrow();
        var profile = io.github.rcsoftphone.media.secure.SdesKeys.profileOf(theirs.suite());
        int k = profile.keyLength();
        byte[] t = theirs.keySalt();
        byte[] m = mine.keySalt();
        var keys = new io.github.rcsoftphone.media.secure.SrtpKeys(profile, Arrays.copyOf(t, k),
                Arrays.copyOfRange(t, k, t.length), Arrays.copyOf(m, k), Arrays.copyOfRange(m, k, m.length));
        InetAddress lo = InetAddress.getLoopbackAddress();
        try (var farKeys = new io.github.rcsoftphone.media.secure.SrtpSession(keys);
                java.net.DatagramSocket socket = new java.net.DatagramSocket(0, lo)) {
            byte[] plain = new io.github.rcsoftphone.media.rtp.RtpSender(0x5eed, 1, 0)
                    .next(0, new byte[160], 160, false).encode();
            byte[] good = farKeys.protectRtp(plain);
            byte[] forged = good.clone();
            forged[forged.length - 1] ^= 1;
            for (byte[] packet : List.of(forged, good, good)) {
                socket.send(new java.net.DatagramPacket(packet, packet.length, lo, ours.port()));
            }
            Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> call.stats().srtpAuthFailures() == 1 && call.stats().srtpReplays() == 1);
        }
        call.hangup();
        Call.CallStats end = call.ended().get(5, TimeUnit.SECONDS).stats();
        assertThat(end.srtpAuthFailures()).isEqualTo(1);
        assertThat(end.srtpReplays()).isEqualTo(1);
    }

    @Test
    void theMediaTimeoutSleepsWhileTheFarEndHoldsUsAndStartsAfreshWhenItResumes() throws Exception {
        mediaTimeout = Duration.ofMillis(1500);
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        fromFarEnd("INVITE", farSdp(Direction.INACTIVE));
        assertThat(response("INVITE").statusCode()).isEqualTo(200);
        Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4))
                .until(() -> call.state() == Call.CallState.CONNECTED);

        fromFarEnd("INVITE", farSdp(Direction.SENDRECV));
        assertThat(response("INVITE").statusCode()).isEqualTo(200);
        long resumedAt = System.nanoTime();
        next("BYE");
        long ms = (System.nanoTime() - resumedAt) / 1_000_000;
        assertThat(call.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.MEDIA_TIMEOUT);
        assertThat(ms).as("the whole timeout after the far end resumed").isBetween(1300L, 3000L);
    }

    @Test
    void farEndHoldIsAnsweredRecvonlyAndWeStopSendingRtpUntilItResumes() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("PCMU", 8000, 1));
        call.play(new ToneSource(1000, 8000, 0.5, null));
        hear(heard, 200);
        SessionDescription ours = sdp(invite.body());

        fromFarEnd("INVITE", farSdp(Direction.SENDONLY));
        SipResponse ok = response("INVITE");
        assertThat(ok.statusCode()).isEqualTo(200);
        SessionDescription answer = sdp(ok.body());
        assertThat(direction(answer)).isEqualTo(Direction.RECVONLY);
        assertThat(version(answer)).isEqualTo(version(ours).add(BigInteger.ONE));
        assertThat(answer.audio().orElseThrow().cryptos()).hasSize(1);
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> call.heldByFarEnd());
        assertThat(events).contains(new SoftphoneEvent.Held(call.id(), false));
        assertThat(call.onHold()).isFalse();
        int before = TestMedia.samples(heard).length;
        Awaitility.await().during(Duration.ofMillis(800)).atMost(Duration.ofSeconds(2))
                .until(() -> TestMedia.samples(heard).length <= before + 5 * 160);   // at most what was in flight

        fromFarEnd("INVITE", farSdp(Direction.SENDRECV));
        SipResponse resumed = response("INVITE");
        SessionDescription again = sdp(resumed.body());
        assertThat(direction(again)).isEqualTo(Direction.SENDRECV);
        assertThat(version(again)).isEqualTo(version(ours).add(BigInteger.TWO));
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !call.heldByFarEnd());
        assertThat(events).contains(new SoftphoneEvent.Unheld(call.id(), false));
        Heard back = hear(heard, 400);
        assertThat(AudioAnalysis.dominantFrequency(back.pcm(), 8000)).isCloseTo(1000, Offset.offset(5.0));

        fromFarEnd("INVITE", farSdp(Direction.SENDRECV));   // a refresh with an unchanged offer
        assertThat(version(sdp(response("INVITE").body()))).as("unchanged SDP, unchanged version")
                .isEqualTo(version(ours).add(BigInteger.TWO));
    }

    @Test
    void aMutedCallWithNothingPlayingStillSendsFiftyPacketsASecond() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults());
        ByteArrayOutputStream heard = TestMedia.listen(farEnd.transport(), AudioCodecs.decoder("PCMU", 8000, 1));
        call.mute(true);
        hear(heard, 200);
        Heard silent = hear(heard, 2000);
        System.out.printf("muted, nothing playing: %.1f packets/s, %.1f dBFS%n", silent.packetsPerSecond(),
                AudioAnalysis.rmsDbfs(silent.pcm()));
        assertThat(silent.packetsPerSecond()).isBetween(40.0, 60.0);
        assertThat(AudioAnalysis.rmsDbfs(silent.pcm())).isLessThan(-60);
        call.play(new ToneSource(1000, 8000, 0.5, null));
        Heard muted = hear(heard, 600);
        assertThat(AudioAnalysis.rmsDbfs(muted.pcm())).as("a playing source is muted").isLessThan(-60);
        call.mute(false);
        hear(heard, 200);
        assertThat(AudioAnalysis.dominantFrequency(hear(heard, 600).pcm(), 8000)).isCloseTo(1000, Offset.offset(5.0));
    }

    @Test
    void asRefresherWeReInviteAtHalfTheIntervalWithTheSameSdp() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults(), "Session-Expires", "2;refresher=uac",
                "Require", "timer");
        assertThat(invite.header("Supported")).contains("timer");
        assertThat(invite.header("Session-Expires")).contains("1800");
        assertThat(invite.header("Min-SE")).contains("90");
        SessionDescription first = sdp(invite.body());
        SipRequest refresh = next("INVITE");
        long ms = (System.nanoTime() - okSentNanos) / 1_000_000;
        assertThat(ms).as("half of 2 s after the 200").isBetween(900L, 1700L);
        assertThat(refresh.header("Session-Expires")).contains("2;refresher=uac");
        assertThat(version(sdp(refresh.body()))).as("a refresh does not change our SDP").isEqualTo(version(first));
        reply(refresh, 200, "OK", farEnd.answer().toString(), "Session-Expires", "2;refresher=uac");
        next("ACK");
        assertThat(next("INVITE").cseq().sequence()).as("the next refresh").isGreaterThan(refresh.cseq().sequence());
        assertThat(call.state()).isEqualTo(Call.CallState.CONNECTED);
    }

    @Test
    void whenTheFarEndStopsRefreshingWeSendByeAndEndWithSessionExpired() throws Exception {
        Call call = connected(TransportKind.TLS, CallOptions.defaults(), "Session-Expires", "3;refresher=uas");
        SipRequest bye = next("BYE");
        long ms = (System.nanoTime() - okSentNanos) / 1_000_000;
        assertThat(ms).as("3 s - min(32 s, 1 s) after the 200").isBetween(1900L, 3000L);
        Call.CallEnd end = call.ended().get(5, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(Call.CallEndReason.SESSION_EXPIRED);
        assertThat(bye.callId()).isEqualTo(invite.callId());
    }

    @Test
    void a422IsRetriedWithItsMinSe() throws Exception {
        start(TransportKind.TLS);
        Call call = manager.outbound("+16506666666", CallOptions.defaults().withSessionExpires(Duration.ofSeconds(600)));
        loop.execute(() -> manager.place(call, channel));
        SipRequest first = next("INVITE");
        assertThat(first.header("Session-Expires")).contains("600");
        SipResponse tooSmall = SipResponse.forRequest(first, 422, "Session Interval Too Small", "e1")
                .header("Min-SE", "1900").build();
        loop.execute(() -> channel.reply(tooSmall));
        next("ACK");
        SipRequest second = next("INVITE");
        assertThat(second.header("Session-Expires")).contains("1900");
        assertThat(second.header("Min-SE")).contains("1900");
        assertThat(second.cseq().sequence()).isEqualTo(first.cseq().sequence() + 1);
        assertThat(second.body()).isEqualTo(first.body());
        call.hangup();
    }

    @Test
    void anUpdateRefreshIsAnsweredWithoutSdpAndAShortIntervalGets422() throws Exception {
        connected(TransportKind.TLS, CallOptions.defaults());
        fromFarEnd("UPDATE", null, "Session-Expires", "1200;refresher=uac", "Supported", "timer");
        SipResponse ok = response("UPDATE");
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.bodyLength()).isZero();
        assertThat(ok.header("Session-Expires")).contains("1200;refresher=uac");
        fromFarEnd("INVITE", farEnd.answer().toString(), "Session-Expires", "1800", "Supported", "timer");
        SipResponse refreshed = response("INVITE");
        assertThat(refreshed.header("Session-Expires")).as("the UAS picks the refresher: the UAC supports timers")
                .contains("1800;refresher=uac");
        assertThat(refreshed.header("Require")).contains("timer");
        fromFarEnd("INVITE", farEnd.answer().toString(), "Session-Expires", "30");
        SipResponse small = response("INVITE");
        assertThat(small.statusCode()).isEqualTo(422);
        assertThat(small.header("Min-SE")).contains("90");
    }

    @Test
    void anInboundCallAcceptsRingCentralsSessionTimerAndAnswersAFarEndHold() throws Exception {
        start(TransportKind.TLS);
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager inbound = new CallManager(context, c -> {
            calls.add(c);
            c.answer();
        });
        List<io.github.rcsoftphone.media.secure.SdesKeys.CryptoOffer> keys = io.github.rcsoftphone.media.secure.SdesKeys.offer();
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/SAVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
                + "a=sendrecv\r\n");
        for (var c : keys) {
            sdp.append("a=crypto:").append(c.tag()).append(' ').append(c.suite()).append(" inline:")
                    .append(io.github.rcsoftphone.media.secure.SdesKeys.inline(c.keySalt())).append("\r\n");
        }
        SipRequest rcInvite = SipRequest.builder("INVITE", SipUri.parse("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKrc1").header("Max-Forwards", "70")
                .header("From", "<sip:+16506666666@sip.test>;tag=rc").header("To", "<sip:16505550100@sip.test>")
                .header("Call-ID", "rc-call-1").header("CSeq", "1 INVITE")
                .header("Contact", "<sip:+16506666666@127.0.0.1:5061;transport=tls>")
                .header("Supported", "timer").header("Session-Expires", "14400;refresher=uac").header("Min-SE", "90")
                .body("application/sdp", sdp.toString().getBytes(StandardCharsets.UTF_8)).build();
        loop.execute(() -> inbound.onRequest(channel, rcInvite));
        SipResponse ok;
        do {
            ok = response("INVITE");
        } while (ok.statusCode() != 200);
        assertThat(ok.header("Session-Expires")).contains("14400;refresher=uac");
        assertThat(ok.header("Require")).contains("timer");
        assertThat(ok.header("Supported")).contains("timer");
        SessionDescription answer = sdp(ok.body());
        String tag = ok.to().tag();
        SipRequest ack = SipRequest.builder("ACK", SipUri.parse("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKrc2").header("Max-Forwards", "70")
                .header("From", "<sip:+16506666666@sip.test>;tag=rc").header("To", "<sip:16505550100@sip.test>;tag=" + tag)
                .header("Call-ID", "rc-call-1").header("CSeq", "1 ACK").build();
        loop.execute(() -> inbound.onRequest(channel, ack));
        calls.get(0).answered().get(10, TimeUnit.SECONDS);

        String holdOffer = sdp.toString().replace("a=sendrecv", "a=inactive").replace("o=- 1 1", "o=- 1 2");
        SipRequest hold = SipRequest.builder("INVITE", SipUri.parse("sip:16505550100@127.0.0.1:50600;transport=tls"))
                .header("Via", "SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bKrc3").header("Max-Forwards", "70")
                .header("From", "<sip:+16506666666@sip.test>;tag=rc").header("To", "<sip:16505550100@sip.test>;tag=" + tag)
                .header("Call-ID", "rc-call-1").header("CSeq", "2 INVITE")
                .header("Supported", "timer").header("Session-Expires", "14400;refresher=uac")
                .body("application/sdp", holdOffer.getBytes(StandardCharsets.UTF_8)).build();
        loop.execute(() -> inbound.onRequest(channel, hold));
        SipResponse held = response("INVITE");
        while (held.cseq().sequence() != 2) {
            held = response("INVITE");
        }
        SessionDescription heldAnswer = sdp(held.body());
        assertThat(direction(heldAnswer)).isEqualTo(Direction.INACTIVE);
        assertThat(version(heldAnswer)).isEqualTo(version(answer).add(BigInteger.ONE));
        assertThat(heldAnswer.audio().orElseThrow().cryptos()).isEqualTo(answer.audio().orElseThrow().cryptos());
        assertThat(held.header("Require")).contains("timer");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> calls.get(0).heldByFarEnd());
        assertThat(events).contains(new SoftphoneEvent.Held("rc-call-1", false));
        calls.get(0).hangup();
        assertThat(calls.get(0).ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.HANGUP);
    }
}
