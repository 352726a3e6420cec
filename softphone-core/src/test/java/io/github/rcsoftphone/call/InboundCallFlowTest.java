package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.AudioCodecs;
import io.github.rcsoftphone.media.codec.AudioDecoder;
import io.github.rcsoftphone.media.codec.AudioEncoder;
import io.github.rcsoftphone.media.rtp.RtpPacket;
import io.github.rcsoftphone.media.rtp.RtpSender;
import io.github.rcsoftphone.media.secure.DtlsIdentity;
import io.github.rcsoftphone.media.secure.DtlsRole;
import io.github.rcsoftphone.media.secure.IceCandidate;
import io.github.rcsoftphone.media.secure.IceParameters;
import io.github.rcsoftphone.media.secure.MediaListener;
import io.github.rcsoftphone.media.secure.WebRtcConfig;
import io.github.rcsoftphone.media.secure.WebRtcLocal;
import io.github.rcsoftphone.media.secure.WebRtcRemote;
import io.github.rcsoftphone.media.secure.WebRtcTransport;
import io.github.rcsoftphone.register.RegisterRequests;
import io.github.rcsoftphone.sched.EventLoop;
import io.github.rcsoftphone.sdp.Fingerprint;
import io.github.rcsoftphone.sdp.MediaDescription;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An incoming call end to end on loopback, without a SIP server: the test plays RingCentral's edge and the caller
 * (a WebRTC transport of its own, controlling, DTLS server as the offerer of actpass), the softphone's call layer
 * answers. Tones cross both ways through ICE + DTLS-SRTP.
 */
class InboundCallFlowTest {
    private static final String PRC = "<Msg><Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" Cmd=\"6\" "
            + "From=\"#1523016@sip.test:5060\" To=\"16505550100\"/><Bdy SrvLvl=\"-149699523\" SrvLvlExt=\"406\" "
            + "Phn=\"+16506666666\" Nm=\"WIRELESS CALLER\" ToPhn=\"+16502886382\" ToNm=\"Tyler Liu\" RecUrl=\"\"/></Msg>";

    @TempDir
    Path dir;

    private final EventLoop loop = new EventLoop("test-sip");
    private final MediaClock clock = new MediaClock();
    private final ExecutorService setup = Executors.newCachedThreadPool();
    private final List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
    private final ScriptedChannel channel = new ScriptedChannel();
    private WebRtcTransport caller;

    @AfterEach
    void close() {
        if (caller != null) {
            caller.close();
        }
        clock.close();
        loop.close();
        setup.shutdownNow();
    }

    private CallManager manager(List<String> codecs, java.util.function.Consumer<Call> handler) {
        return manager(codecs, handler, webrtc(), setup);
    }

    private static WebRtcConfig webrtc() {
        return WebRtcConfig.defaults(DtlsIdentity.generate(), false);
    }

    private CallManager manager(List<String> codecs, java.util.function.Consumer<Call> handler, WebRtcConfig webrtc,
            java.util.concurrent.Executor mediaSetup) {
        return manager(codecs, handler, webrtc, mediaSetup, io.github.rcsoftphone.media.secure.SdesConfig.defaults());
    }

    private CallManager manager(List<String> codecs, java.util.function.Consumer<Call> handler, WebRtcConfig webrtc,
            java.util.concurrent.Executor mediaSetup, io.github.rcsoftphone.media.secure.SdesConfig sdes) {
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:8443", "16505550100", "pw", "802398804016", TransportKind.WSS);
        RegisterRequests identity = new RegisterRequests(info, UUID.randomUUID(), "test", new SecureRandom());
        loop.execute(() -> identity.bind(channel));
        CallContext ctx = new CallContext(loop, identity, "802398804016", codecs, webrtc, sdes, clock, mediaSetup,
                events::add, Runnable::run);
        return new CallManager(ctx, handler);
    }

    /** The RingCentral WSS offer shape (the article's): no a=mid, actpass, rtcp-mux, both Opus payloads, PCMU. */
    private static String offer(WebRtcLocal local) {
        StringBuilder b = new StringBuilder();
        IceCandidate first = local.candidates().get(0);
        b.append("v=0\r\no=- 5880443394298904479 7252956430269573836 IN IP4 ").append(first.address()).append("\r\n")
                .append("s=SmcSip\r\nc=IN IP4 ").append(first.address()).append("\r\nt=0 0\r\n")
                .append("m=audio ").append(first.port()).append(" RTP/SAVPF 109 111 0 8 101\r\n")
                .append("a=rtpmap:109 OPUS/16000\r\na=fmtp:109 useinbandfec=1\r\n")
                .append("a=rtpmap:111 OPUS/48000/2\r\na=fmtp:111 useinbandfec=1\r\n")
                .append("a=rtpmap:0 pcmu/8000\r\na=rtpmap:8 pcma/8000\r\n")
                .append("a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n")
                .append("a=rtcp:").append(first.port()).append("\r\na=rtcp-mux\r\na=setup:actpass\r\n")
                .append("a=fingerprint:").append(local.fingerprintAlgorithm()).append(' ').append(local.fingerprint()).append("\r\n")
                .append("a=ice-ufrag:").append(local.ice().ufrag()).append("\r\na=ice-pwd:").append(local.ice().pwd()).append("\r\n");
        for (IceCandidate c : local.candidates()) {
            b.append("a=candidate:").append(c.foundation()).append(' ').append(c.component()).append(" UDP ")
                    .append(c.priority()).append(' ').append(c.address()).append(' ').append(c.port()).append(" typ ")
                    .append(c.type()).append("\r\n");
        }
        return b.toString();
    }

    private static SipRequest invite(String sdp) throws Exception {
        return invite(sdp, "90370e2a-dfe7-4f5a-8a4d-c5bc3b65fc71");
    }

    private static SipRequest invite(String sdp, String callId) throws Exception {
        String text = "INVITE sip:abc@def.invalid;transport=ws SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bK5Z5LTdovOUy\r\n"
                + "Record-Route: <sip:127.0.0.1:8443;transport=ws;lr>\r\n"
                + "To: \"WIRELESS CALLER\" <sip:16505550100@sip.test>\r\n"
                + "From: \"WIRELESS CALLER\" <sip:+16506666666@127.0.0.1>;tag=10.13.123.201-5070-51f012c3\r\n"
                + "Call-Id: " + callId + "\r\nCSeq: 470226345 INVITE\r\nMax-Forwards: 67\r\n"
                + "Contact: <sip:+16506666666@127.0.0.1:8443;transport=wss>\r\nContent-Type: application/sdp\r\n"
                + "P-rc: " + PRC + "\r\n"
                + "p-rc-api-ids: party-id=p-0a7c8d86db8a434fa4a0d029a9909f19-2;session-id=s-0a7c8d86db8a434fa4a0d029a9909f19\r\n"
                + "Content-Length: " + sdp.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + sdp;
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    private SipResponse next(int code) throws InterruptedException {
        return next(code, "INVITE");
    }

    /** The next response with this code to a {@code method} request (others, e.g. retransmitted 200s, are skipped). */
    private SipResponse next(int code, String method) throws InterruptedException {
        while (true) {
            SipResponse r = channel.responses.poll(20, TimeUnit.SECONDS);
            assertThat(r).as("a %d response to %s", code, method).isNotNull();
            if (r.statusCode() == code && r.cseq().method().equals(method)) {
                return r;
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PCMU", "opus", "opus109"})
    void answersRecordsAndTalksBack(String codec) throws Exception {
        Path wav = dir.resolve("call.wav");
        var calls = new CopyOnWriteArrayList<Call>();
        var frames = new java.util.concurrent.atomic.AtomicInteger();
        var frameSamples = new java.util.concurrent.ConcurrentLinkedQueue<Integer>();
        var digits = new StringBuffer();
        boolean only109 = codec.equals("opus109");
        CallManager manager = manager(List.of(only109 ? "opus" : codec), call -> {
            calls.add(call);
            call.onAudio(16000, pcm -> {
                frames.incrementAndGet();
                frameSamples.add(pcm.length);
            });
            call.onDtmf(digits::append);
            try {
                call.record(wav);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            call.play(new ToneSource(1000, 8000, 0.5, null));
            call.answer();
        });
        caller = WebRtcTransport.create(WebRtcConfig.defaults(DtlsIdentity.generate(), true));
        String offer = offer(caller.local());
        if (only109) {   // RingCentral's Opus with a 16000 clock, alone
            offer = offer.replace("RTP/SAVPF 109 111 0 8 101", "RTP/SAVPF 109 101")
                    .replace("a=rtpmap:111 OPUS/48000/2\r\na=fmtp:111 useinbandfec=1\r\n", "")
                    .replace("a=rtpmap:0 pcmu/8000\r\na=rtpmap:8 pcma/8000\r\n", "");
        }
        SipRequest invite = invite(offer);
        loop.execute(() -> manager.onRequest(channel, invite));

        SipResponse ringing = next(180);
        assertThat(ringing.to().tag()).isNotBlank();
        SipRequest confirm = channel.requests.poll(5, TimeUnit.SECONDS);
        assertThat(confirm.method()).isEqualTo("MESSAGE");
        assertThat(confirm.uri().toString()).isEqualTo("sip:#1523016@sip.test:5060");
        assertThat(confirm.header("Content-Type")).contains("x-rc/agent");
        assertThat(new String(confirm.body(), StandardCharsets.UTF_8)).contains("Cmd=\"17\"").contains("Cln=\"802398804016\"");

        SipResponse ok = next(200);
        assertThat(ok.to().tag()).isEqualTo(ringing.to().tag());
        assertThat(ok.header("Contact")).isPresent();
        assertThat(ok.headers().all("Record-Route")).as("the route set goes back in the 200")
                .containsExactly("<sip:127.0.0.1:8443;transport=ws;lr>");
        SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.UTF_8));
        MediaDescription audio = answer.audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("RTP/SAVPF");
        assertThat(audio.mid()).as("no a=mid when the offer had none").isEmpty();
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(answer.setup(audio)).contains(io.github.rcsoftphone.sdp.Setup.ACTIVE);
        int pt = Integer.parseInt(audio.formats().get(0));
        assertThat(pt).isEqualTo(codec.equals("PCMU") ? 0 : only109 ? 109 : 111);
        assertThat(calls).singleElement().satisfies(c -> {
            assertThat(c.callerNumber()).isEqualTo("+16506666666");
            assertThat(c.callerName()).isEqualTo("WIRELESS CALLER");
            assertThat(c.rcIds()).contains(new Call.RcIds("s-0a7c8d86db8a434fa4a0d029a9909f19",
                    "p-0a7c8d86db8a434fa4a0d029a9909f19-2"));
        });

        // the caller: start media towards the answer, send 440 Hz, collect what comes back
        Fingerprint fp = answer.fingerprint(audio).orElseThrow();
        var remote = new WebRtcRemote(new IceParameters(answer.ice(audio).orElseThrow().ufrag(),
                answer.ice(audio).orElseThrow().pwd()),
                audio.candidates().stream().map(WebRtcSdp::toIce).collect(Collectors.toList()), fp.algorithm(),
                HexFormat.ofDelimiter(":").withUpperCase().formatHex(fp.value()), DtlsRole.SERVER, true);
        String enc = codec.equals("PCMU") ? "PCMU" : "opus";
        int rate = codec.equals("PCMU") ? 8000 : only109 ? 16000 : 48000;
        int channels = codec.equals("PCMU") || only109 ? 1 : 2;
        AudioDecoder decoder = AudioCodecs.decoder(enc, rate, channels);
        ByteArrayOutputStream heard = TestMedia.listen(caller, decoder);
        caller.start(remote).get(15, TimeUnit.SECONDS);
        SipRequest ack = ack(invite, ringing.to().tag());
        loop.execute(() -> manager.onRequest(channel, ack));

        RtpSender sender = new RtpSender(new SecureRandom());
        TestMedia.sendTone(caller, sender, pt, enc, rate, channels);
        // RFC 4733 key presses: each event's packets repeated, end packets sent three times
        int tePt = Integer.parseInt(audio.formats().get(1));
        long eventTs = sender.nextTimestamp();
        for (char d : new char[] {'5', '#'}) {
            for (int k = 0; k < 6; k++) {
                byte[] ev = new io.github.rcsoftphone.media.codec.TelephoneEvent(
                        io.github.rcsoftphone.media.codec.TelephoneEvent.eventFor(d), k >= 3, 10, 160 * (k + 1)).encode();
                caller.sendRtp(sender.nextEvent(tePt, ev, eventTs, k == 0).encode());
            }
            eventTs += 1600;
        }
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> digits.length() >= 2);

        // a re-INVITE in the dialog (a refresh) is answered in the same call, not as a new one
        SipRequest reInvite = inDialog(invite, ringing.to().tag(), "INVITE", 470226346);
        loop.execute(() -> manager.onRequest(channel, reInvite));
        SipResponse reOk = next(200);
        while (reOk.cseq().sequence() != 470226346) {   // skip retransmissions of the first 200 (ACK sent late)
            reOk = next(200);
        }
        assertThat(new String(reOk.body(), StandardCharsets.UTF_8)).isEqualTo(new String(ok.body(), StandardCharsets.UTF_8));
        assertThat(calls).hasSize(1);

        assertThat(webrtcThreads(audio.port())).as("the call's media threads while it runs").isNotEmpty();
        SipRequest bye = bye(invite, ringing.to().tag());
        loop.execute(() -> manager.onRequest(channel, bye));
        next(200, "BYE");

        Call.CallEnd end = calls.get(0).ended().get(10, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
        // 90-100 audio packets and the 12 telephone-event packets of the two key presses (same stream, RFC 4733)
        assertThat(end.stats().packetsReceived()).isBetween(102L, 112L);
        assertThat(end.stats().packetsLost()).isZero();
        assertThat(end.stats().codec()).isEqualTo(codec.equals("PCMU") ? "pcmu/8000" : only109 ? "opus/16000" : "opus/48000/2");
        assertThat(events).anyMatch(e -> e instanceof SoftphoneEvent.Answered);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(wav) > 44);
        System.out.printf("%s: %d frames to the listener, %.2f s recorded, %s%n", codec, frames.get(),
                AudioAnalysis.readWav(wav).length / (double) AudioAnalysis.wavSampleRate(wav), end.stats());
        assertThat(digits.toString()).as("one digit per key press").isEqualTo("5#");
        assertThat(events.stream().filter(e -> e instanceof SoftphoneEvent.Dtmf).map(e -> ((SoftphoneEvent.Dtmf) e).digit())
                .toList()).containsExactly('5', '#');
        // live frames: at least most of the call (the fixed-depth jitter buffer may still hold some at BYE on a cold
        // JVM; those go to the recording only, which the recorded length below checks)
        assertThat(frames.get()).as("20 ms frames delivered").isBetween(50, 130);
        assertThat(frameSamples).as("320 samples = 20 ms at 16 kHz").allMatch(n -> n == 320);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(webrtcThreads(audio.port())).as("the call's media threads after it ended").isEmpty());

        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> Files.size(wav) > 44);
        int wavRate = AudioAnalysis.wavSampleRate(wav);
        short[] recorded = AudioAnalysis.readWav(wav);
        assertThat(recorded.length / (double) wavRate).as("recorded seconds: every packet received is recorded")
                .isBetween(1.98, 2.6);
        assertThat(AudioAnalysis.dominantFrequency(recorded, wavRate)).isCloseTo(440, org.assertj.core.data.Offset.offset(5.0));

        short[] back = TestMedia.samples(heard);
        assertThat(back.length).as("samples heard by the caller").isGreaterThan(decoder.sampleRate());
        assertThat(AudioAnalysis.dominantFrequency(back, decoder.sampleRate())).isCloseTo(1000, org.assertj.core.data.Offset.offset(5.0));
    }

    @Test
    void answersAnSdesOfferLikeTheTlsEdge() throws Exception {
        Path wav = dir.resolve("sdes.wav");
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = manager(List.of("PCMU"), call -> {
            calls.add(call);
            try {
                call.record(wav);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            call.play(new ToneSource(1000, 8000, 0.5, null));
            call.answer();
        });
        var sdesCaller = io.github.rcsoftphone.media.secure.SdesTransport.create(
                io.github.rcsoftphone.media.secure.SdesConfig.defaults().withBindAddress(java.net.InetAddress.getLoopbackAddress()));
        try {
            List<io.github.rcsoftphone.media.secure.SdesKeys.CryptoOffer> ours = io.github.rcsoftphone.media.secure.SdesKeys.offer();
            StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                    + "m=audio " + sdesCaller.localPort() + " RTP/SAVP 0 101\r\na=rtpmap:0 PCMU/8000\r\n"
                    + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-15\r\na=sendrecv\r\n");
            for (var c : ours) {
                sdp.append("a=crypto:").append(c.tag()).append(' ').append(c.suite()).append(" inline:")
                        .append(io.github.rcsoftphone.media.secure.SdesKeys.inline(c.keySalt())).append("\r\n");
            }
            SipRequest invite = invite(sdp.toString());
            loop.execute(() -> manager.onRequest(channel, invite));
            SipResponse ringing = next(180);
            SipResponse ok = next(200);
            SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.UTF_8));
            MediaDescription audio = answer.audio().orElseThrow();
            assertThat(audio.protocol()).isEqualTo("RTP/SAVP");
            assertThat(audio.candidates()).isEmpty();
            assertThat(answer.fingerprint(audio)).isEmpty();
            assertThat(audio.cryptos()).singleElement()
                    .satisfies(c -> assertThat(c.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80"));
            var answered = audio.cryptos().get(0);
            var chosen = io.github.rcsoftphone.media.secure.SdesKeys.answered(ours,
                    new io.github.rcsoftphone.media.secure.SdesKeys.CryptoOffer(answered.tag(), answered.suite(),
                            answered.keySalt())).orElseThrow();
            String host = answer.connection(audio).address();
            ByteArrayOutputStream heard = TestMedia.listen(sdesCaller, AudioCodecs.decoder("PCMU", 8000, 1));
            sdesCaller.start(chosen.remote(new java.net.InetSocketAddress(host, audio.port()),
                    new java.net.InetSocketAddress(host, audio.port() + 1))).get(5, TimeUnit.SECONDS);
            SipRequest ack = ack(invite, ringing.to().tag());
            loop.execute(() -> manager.onRequest(channel, ack));
            TestMedia.sendTone(sdesCaller, new RtpSender(new SecureRandom()), 0, "PCMU", 8000, 1);
            SipRequest bye = bye(invite, ringing.to().tag());
            loop.execute(() -> manager.onRequest(channel, bye));
            next(200, "BYE");
            Call.CallEnd end = calls.get(0).ended().get(10, TimeUnit.SECONDS);
            assertThat(end.stats().packetsReceived()).isBetween(95L, 100L);
            short[] recorded = AudioAnalysis.readWav(wav);
            assertThat(AudioAnalysis.dominantFrequency(recorded, 8000)).isCloseTo(440, org.assertj.core.data.Offset.offset(5.0));
            short[] back = TestMedia.samples(heard);
            assertThat(back.length).isGreaterThan(8000);
            assertThat(AudioAnalysis.dominantFrequency(back, 8000)).isCloseTo(1000, org.assertj.core.data.Offset.offset(5.0));
        } finally {
            sdesCaller.close();
        }
    }

    @Test
    void anSdesOfferWithoutAUsableCryptoLineGets488() throws Exception {
        SipResponse r = rejected488(List.of("PCMU"), "m=audio 4000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=crypto:1 F8_128_HMAC_SHA1_80 inline:d0RmdmcmVCspeEc3QGZiNWpVLFJhQX1cfHAwJSoj\r\n");
        assertThat(r.header("Warning").orElseThrow()).contains("no usable a=crypto line").contains("F8_128_HMAC_SHA1_80");
    }

    /** Offers {@code audio} (an m= section) to a softphone answering with {@code codecs}: the 488 it sends. */
    private SipResponse rejected488(List<String> codecs, String audio) throws Exception {
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = answering(codecs, calls);
        SipRequest invite = invite("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n" + audio);
        loop.execute(() -> manager.onRequest(channel, invite));
        next(180);
        SipResponse r = next(488);
        assertThat(calls.get(0).ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.NOT_ACCEPTABLE);
        return r;
    }

    @Test
    void cancelBeforeAnswerGives487AndEndsTheCall() throws Exception {
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = manager(List.of("PCMU"), calls::add);
        caller = WebRtcTransport.create(WebRtcConfig.defaults(DtlsIdentity.generate(), true));
        SipRequest invite = invite(offer(caller.local()));
        loop.execute(() -> manager.onRequest(channel, invite));
        next(180);
        SipRequest cancel = cancelOf(invite);
        loop.execute(() -> manager.onRequest(channel, cancel));
        next(200, "CANCEL");
        assertThat(next(487).cseq().method()).isEqualTo("INVITE");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !calls.isEmpty());
        assertThat(calls.get(0).ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.CANCELLED);
        assertThat(calls.get(0).accepted()).as("never accepted").isCompletedExceptionally();
    }

    /**
     * The 200 OK offers the socket prepared while the call rang, and the socket is closed when the call ends, also
     * when the set-up pool stopped taking tasks before (as while {@code SoftphoneRuntime.close()} runs): the close is
     * then done on the ending thread instead of being handed to a pool that refuses it and leaves the socket bound.
     */
    @ParameterizedTest(name = "set-up pool shut down before the hang-up: {0}")
    @ValueSource(booleans = {false, true})
    void theAnswerOffersTheSocketPreparedWhileTheCallRings(boolean poolShutDown) throws Exception {
        try (StunProbe stun = new StunProbe()) {
            var calls = new CopyOnWriteArrayList<Call>();
            ringing(stun, calls, setup);   // the listener does not answer at once
            // the answer's socket is bound while the call rings, before anybody answers: it asks our STUN server
            StunProbe.Request gathering = stun.next(Duration.ofSeconds(10));
            assertThat(gathering).as("a STUN request from the socket prepared while ringing").isNotNull();
            assertThat(udpPorts()).contains(gathering.port());
            stun.answer(gathering);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !calls.isEmpty());
            calls.get(0).answer();
            SipResponse ok = next(200);
            SessionDescription answer = SessionDescription.parse(new String(ok.body(), StandardCharsets.UTF_8));
            assertThat(answer.audio().orElseThrow().port()).as("the 200 OK offers the socket prepared while ringing")
                    .isEqualTo(gathering.port());
            if (poolShutDown) {
                setup.shutdown();
            }
            calls.get(0).hangup();
            calls.get(0).ended().get(5, TimeUnit.SECONDS);
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).alias("the answered call's socket is closed")
                    .until(() -> !udpPorts().contains(gathering.port()));
        }
    }

    /**
     * The race of the ring-time preparation with the end of the call: the call is cancelled while its socket is
     * bound but its preparation still runs (held by the gathering's STUN request, which the test answers only after
     * the 487), and the preparation must then close that exact socket itself, also when the set-up pool no longer
     * takes tasks (as after SoftphoneRuntime.close() or a test's teardown).
     */
    @ParameterizedTest(name = "set-up pool shut down: {0}")
    @ValueSource(booleans = {false, true})
    void mediaPreparedForACallThatEndedMeanwhileIsClosed(boolean poolShutDown) throws Exception {
        try (StunProbe stun = new StunProbe()) {
            var calls = new CopyOnWriteArrayList<Call>();
            Runnable cancel = ringing(stun, calls, setup);
            StunProbe.Request gathering = stun.next(Duration.ofSeconds(10));
            assertThat(gathering).as("the preparation's STUN request").isNotNull();
            cancel.run();
            if (poolShutDown) {
                setup.shutdown();
            }
            stun.answer(gathering);   // the preparation ends now, after the call
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).alias("the prepared socket is closed")
                    .until(() -> !udpPorts().contains(gathering.port()));
        }
    }

    @Test
    void aCallThatEndsBeforeItsPreparationStartsMakesNoSocket() throws Exception {
        try (StunProbe stun = new StunProbe()) {
            var calls = new CopyOnWriteArrayList<Call>();
            var held = new java.util.concurrent.LinkedBlockingQueue<Runnable>();   // a busy set-up pool
            ringing(stun, calls, held::add).run();
            assertThat(held).as("the preparation queued at ring").hasSize(1);
            held.take().run();   // the pool gets to it after the call ended
            assertThat(stun.next(Duration.ofMillis(300))).as("no socket was made for the ended call").isNull();
        }
    }

    /**
     * Rings a call from the test's caller on a manager (PCMU, not answering) whose WebRTC gathering asks {@code stun}
     * and whose set-up pool is {@code mediaSetup}; returns what cancels it (CANCEL, 487, the call ended CANCELLED).
     */
    private Runnable ringing(StunProbe stun, List<Call> calls, java.util.concurrent.Executor mediaSetup) throws Exception {
        CallManager manager = manager(List.of("PCMU"), calls::add, webrtc().withStunServers(List.of(stun.address())),
                mediaSetup);
        caller = WebRtcTransport.create(WebRtcConfig.defaults(DtlsIdentity.generate(), true));
        SipRequest invite = invite(offer(caller.local()));
        loop.execute(() -> manager.onRequest(channel, invite));
        next(180);
        SipRequest cancel = cancelOf(invite);
        return () -> {
            loop.execute(() -> manager.onRequest(channel, cancel));
            try {
                next(487);
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !calls.isEmpty());
                assertThat(calls.get(0).ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.CANCELLED);
            } catch (Exception e) {
                throw new AssertionError("cancelling the call", e);
            }
        };
    }

    @Test
    void aCancelledSdesCallClosesTheSocketPreparedWhileItRang() throws Exception {
        int port = freeUdpPortPair();
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = manager(List.of("PCMU"), calls::add, webrtc(), setup,
                io.github.rcsoftphone.media.secure.SdesConfig.defaults().withPorts(port, port + 1));
        SipRequest invite = invite("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/SAVP 0\r\na=rtpmap:0 PCMU/8000\r\na=sendrecv\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + io.github.rcsoftphone.media.secure.SdesKeys.inline(
                        io.github.rcsoftphone.media.secure.SdesKeys.offer().get(0).keySalt()) + "\r\n");
        loop.execute(() -> manager.onRequest(channel, invite));
        next(180);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).alias("the SDES socket bound while ringing")
                .until(() -> udpPorts().contains(port));
        SipRequest cancel = cancelOf(invite);
        loop.execute(() -> manager.onRequest(channel, cancel));
        next(487);
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).alias("the prepared SDES sockets are closed")
                .until(() -> !udpPorts().contains(port) && !udpPorts().contains(port + 1));
    }

    /** An even port p with p and p + 1 free now (a one-call SDES port range: RTP even, RTCP next). */
    private static int freeUdpPortPair() throws java.io.IOException {
        for (int i = 0; i < 50; i++) {
            int p;
            try (var probe = new java.net.DatagramSocket(0)) {
                p = probe.getLocalPort() & ~1;
            }
            try (var rtp = new java.net.DatagramSocket(p); var rtcp = new java.net.DatagramSocket(p + 1)) {
                return p;
            } catch (java.net.SocketException e) {
                // taken meanwhile: another
            }
        }
        throw new IllegalStateException("no two adjacent free UDP ports");
    }

    private static SipRequest cancelOf(SipRequest invite) throws Exception {
        return SipRequest.builder("CANCEL", invite.uri())
                .header("Via", invite.header("Via").orElseThrow()).header("To", invite.header("To").orElseThrow())
                .header("From", invite.header("From").orElseThrow()).header("Call-ID", invite.callId())
                .header("CSeq", invite.cseq().sequence() + " CANCEL").header("Max-Forwards", "70").build();
    }

    /** The local ports of this process's UDP sockets, IPv4 and IPv6 ({@code /proc/self/net/udp[6]}). */
    private static Set<Integer> udpPorts() throws java.io.IOException {
        Set<Integer> ports = new java.util.HashSet<>();
        Set<String> inodes = new java.util.HashSet<>();
        try (var fds = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/fd"))) {
            fds.forEach(fd -> {
                try {
                    String t = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (t.startsWith("socket:[")) {
                        inodes.add(t.substring(8, t.length() - 1));
                    }
                } catch (java.io.IOException e) {
                    // closed meanwhile
                }
            });
        }
        for (String table : List.of("udp", "udp6")) {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && f[1].contains(":") && inodes.contains(f[9])) {
                    ports.add(Integer.parseInt(f[1].substring(f[1].lastIndexOf(':') + 1), 16));
                }
            }
        }
        return ports;
    }

    @Test
    void anOfferWithoutACommonCodecGets488() throws Exception {
        SipResponse r = rejected488(List.of("PCMA"), "m=audio 4000 RTP/SAVPF 18\r\na=rtpmap:18 G729/8000\r\n");
        assertThat(r.header("Warning").orElseThrow()).containsIgnoringCase("codec");
    }

    /** A call manager that answers every call with PCMU, and a caller transport ready to offer. */
    private CallManager answeringPcmu(List<Call> calls) throws java.io.IOException {
        CallManager manager = answering(List.of("PCMU"), calls);
        caller = WebRtcTransport.create(WebRtcConfig.defaults(DtlsIdentity.generate(), true));
        return manager;
    }

    /** A call manager that answers every call with {@code codecs}, collecting the calls. */
    private CallManager answering(List<String> codecs, List<Call> calls) {
        return manager(codecs, call -> {
            calls.add(call);
            call.answer();
        });
    }

    /** The media threads of the transport on {@code port} (the softphone's, from its answer; the caller has its own). */
    private static Set<String> webrtcThreads(int port) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("webrtc-" + port + "-")).collect(Collectors.toSet());
    }

    @Test
    void theTwoHundredIsRetransmittedUntilTheAckComes() throws Exception {
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = answeringPcmu(calls);
        SipRequest invite = invite(offer(caller.local()));
        loop.execute(() -> manager.onRequest(channel, invite));
        SipResponse ringing = next(180);
        SipResponse first = next(200);
        long t0 = System.nanoTime();
        calls.get(0).accepted().get(5, TimeUnit.SECONDS);   // our 200 went out
        assertThat(calls.get(0).answered()).as("the caller never starts ICE: no media").isNotDone();
        SipResponse again = next(200);   // T1 = 500 ms later
        SipResponse third = next(200);   // 1 s after that
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;
        assertThat(again.toBytes()).isEqualTo(first.toBytes());
        assertThat(third.toBytes()).isEqualTo(first.toBytes());
        assertThat(elapsedMs).as("retransmitted at T1, then 2*T1").isBetween(1300L, 2500L);
        SipRequest ack = ack(invite, ringing.to().tag());
        loop.execute(() -> manager.onRequest(channel, ack));
        assertThat(channel.responses.poll(3, TimeUnit.SECONDS)).as("no retransmission after the ACK").isNull();
        assertThat(calls.get(0).state()).isNotEqualTo(Call.CallState.ENDED);
    }

    @Test
    void hangupSendsByeInTheDialogAndEndsTheCall() throws Exception {
        var calls = new CopyOnWriteArrayList<Call>();
        CallManager manager = answeringPcmu(calls);
        SipRequest invite = invite(offer(caller.local()));
        loop.execute(() -> manager.onRequest(channel, invite));
        SipResponse ringing = next(180);
        next(200);
        channel.requests.clear();
        calls.get(0).hangup();
        Call.CallEnd end = calls.get(0).ended().get(10, TimeUnit.SECONDS);
        assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
        SipRequest bye = channel.requests.poll(5, TimeUnit.SECONDS);
        assertThat(bye.method()).isEqualTo("BYE");
        assertThat(bye.uri().toString()).isEqualTo("sip:+16506666666@127.0.0.1:8443;transport=wss");
        assertThat(bye.headers().all("Route")).containsExactly("<sip:127.0.0.1:8443;transport=ws;lr>");
        assertThat(bye.from().tag()).isEqualTo(ringing.to().tag());
        assertThat(bye.to().tag()).isEqualTo("10.13.123.201-5070-51f012c3");
        assertThat(bye.callId()).isEqualTo(invite.callId());
    }

    private static SipRequest ack(SipRequest invite, String toTag) throws Exception {
        return inDialog(invite, toTag, "ACK", 470226345);
    }

    private static SipRequest bye(SipRequest invite, String toTag) throws Exception {
        return inDialog(invite, toTag, "BYE", 470226347);
    }

    private static SipRequest inDialog(SipRequest invite, String toTag, String method, long cseq) throws Exception {
        String text = method + " sip:abc@def.invalid;transport=ws SIP/2.0\r\n"
                + "Via: SIP/2.0/WSS 127.0.0.1:8443;branch=z9hG4bK" + method + cseq + "\r\n"
                + "To: <sip:16505550100@sip.test>;tag=" + toTag + "\r\n"
                + "From: " + invite.header("From").orElseThrow() + "\r\n"
                + "Call-Id: " + invite.callId() + "\r\nCSeq: " + cseq + " " + method + "\r\nMax-Forwards: 67\r\n"
                + "Content-Length: 0\r\n\r\n";
        return (SipRequest) SipParser.parse(text.getBytes(StandardCharsets.UTF_8));
    }
}
