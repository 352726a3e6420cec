package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.CalleeCodecs;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 3 against real peers: Kamailio + rtpengine turn plain and browser offers into RingCentral's WSS shape
 * (RTP/SAVPF, ICE, DTLS actpass, rtcp-mux, no ssrc, P-rc); our softphone, registered over WSS, answers.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class InboundCallInteropTest {

    @TempDir
    Path dir;

    private static Softphone softphone(MediaEdge edge, KamailioOptions options, List<String> codecs, RecordingListener events) {
        return softphone(edge, options, codecs, events, TransportKind.WSS);
    }

    /** A softphone for the default account, registering over {@code kind} with the edge's test CA. */
    static Softphone softphone(MediaEdge edge, KamailioOptions options, List<String> codecs,
            RecordingListener events, TransportKind kind) {
        Account account = options.account();
        SipInfo info = new SipInfo(options.domain(), edge.kamailio().outboundProxy(kind), account.sipUser(),
                account.password(), account.authId(), kind);
        return Softphone.builder().sipInfo(info).tls(TlsSettings.trusting(edge.kamailio().caCertificate()))
                .listener(events).codecs(codecs).build();
    }

    /** Records to {@code wav}, plays {@code play} when given, answers; {@code answered} completes with the call. */
    private static void answer(Call call, Path wav, Path play, CompletableFuture<Call> answered) {
        try {
            call.record(wav);
            if (play != null) {
                call.play(play);
            }
        } catch (java.io.IOException e) {
            answered.completeExceptionally(e);
            return;
        }
        call.answer().whenComplete((v, e) -> {
            if (e != null) {
                answered.completeExceptionally(e);
            } else {
                answered.complete(call);
            }
        });
    }

    /**
     * (1) sipp calls with a 440 Hz PCMU stream; the recording holds 440 Hz for as long as sipp talked. Over WSS the
     * softphone gets a WebRTC offer; over TLS rtpengine's SDES offer (issue 5, scenario 3).
     */
    @Interop(peer = "sipp", transport = "{param}", direction = "inbound", codec = "{param}", feature = "audio: caller's 440 Hz recorded")
    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void sippCallsAndTheRecordingHolds440Hz(TransportKind kind, MatrixRecorder matrix) throws Exception {
        matrix.set("transport", kind == TransportKind.TLS ? "TLS (SDES)" : "WSS (WebRTC)");
        matrix.set("codec", kind == TransportKind.WSS ? "Opus (PCMU transcoded)" : "PCMU");
        KamailioOptions options = KamailioOptions.defaults();
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("sipp-call.wav");
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options)) {
            CompletableFuture<Call> answered = new CompletableFuture<>();
            try (Softphone phone = softphone(edge, options, List.of("opus", "PCMU"), events, kind)) {
                phone.onIncomingCall(call -> answer(call, wav, null, answered));
                phone.register().get(10, TimeUnit.SECONDS);
                Duration talk = Duration.ofSeconds(5);
                try (SippCaller sipp = SippCaller.start(dir, SippCaller.Call.to(options.account().sipUser(), options.domain())
                        .tone(440).talk(talk))) {
                    Call call = answered.get(20, TimeUnit.SECONDS);
                    Call.CallEnd end = call.ended().get(30, TimeUnit.SECONDS);
                    SippCaller.Result r = sipp.await(Duration.ofSeconds(30));
                    assertThat(r.ok()).as(r.log()).isTrue();
                    System.out.println("sipp->softphone " + kind + ": " + end + " " + events);

                    assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                    assertThat(call.callerNumber()).isEqualTo("16505559999");
                    assertThat(call.callerName()).isEqualTo("PSTN Caller");
                    assertThat(end.stats().packetsReceived()).isGreaterThan(200);
                    assertThat(end.stats().codec()).isEqualTo(kind == TransportKind.WSS ? "opus/48000/2" : "pcmu/8000");
                    if (kind == TransportKind.WSS) {   // the edge sends P-rc and p-rc-api-ids to WebSocket devices
                        assertThat(call.rcIds()).isPresent();
                        assertThat(edge.kamailio().countLogLines("RCTEST rc-agent from=" + options.account().sipUser()))
                                .as("receive-confirm (Cmd 17) reached the edge").isEqualTo(1);
                        assertThat(edge.kamailio().countLogLines("Cmd=\"17\"")).isGreaterThanOrEqualTo(1);
                    }
                }
            }
            short[] pcm = AudioAnalysis.readWav(wav);
            int rate = AudioAnalysis.wavSampleRate(wav);
            double seconds = pcm.length / (double) rate;
            double hz = AudioAnalysis.dominantFrequency(pcm, rate);
            matrix.measure("softphone heard", hz, "Hz").measure("level", AudioAnalysis.rmsDbfs(pcm), "dBFS").measure("recorded", seconds, "s");
            System.out.printf("sipp->softphone " + kind + ": recorded %.2f s at %d Hz, dominant %.1f Hz, %.1f dBFS%n", seconds, rate, hz,
                    AudioAnalysis.rmsDbfs(pcm));
            assertThat(hz).isCloseTo(440.0, within(5.0));
            assertThat(seconds).isBetween(4.0, 6.5);
            assertThat(edge.rtpengine().calls()).isEmpty();
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * Issue 5 (1): baresip over TLS with SRTP required (SDES) calls the softphone registered over TLS; rtpengine
     * offers RingCentral's TLS shape (RTP/SAVP, one AES_CM_128_HMAC_SHA1_80 line, no ICE). baresip plays 1000 Hz,
     * the softphone plays 440 Hz: each side records the other's tone.
     */
    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "inbound", codec = "PCMU", feature = "audio both ways")
    @Test
    void baresipCallsOverTlsWithSdesAndBothSidesHearEachOther(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("baresip-call.wav");
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(12));
        Path heardByBaresip = Files.createDirectory(dir.resolve("baresip-rec"));
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = softphone(edge, options, List.of("PCMU", "opus"), events, TransportKind.TLS);
                var baresip = io.github.rcsoftphone.interop.baresip.BaresipPhone.start(dir,
                        io.github.rcsoftphone.interop.baresip.BaresipPhone.Options.tls(caller.authId(), caller.sipUser(),
                                caller.password(), options.domain(), edge.kamailio().caCertificate())
                                .source(source).recordInto(heardByBaresip))) {
            CompletableFuture<Call> answered = new CompletableFuture<>();
            phone.onIncomingCall(call -> {
                call.play(new ToneSource(440, 8000, 0.5, null));
                answer(call, wav, null, answered);
            });
            phone.register().get(10, TimeUnit.SECONDS);
            baresip.awaitRegistered(Duration.ofSeconds(15));
            baresip.dial("sip:" + options.account().sipUser() + "@" + options.domain());
            Call call = answered.get(20, TimeUnit.SECONDS);
            baresip.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> baresip.recordings().stream().anyMatch(f -> f.toFile().length() > 48_000));
            baresip.hangup();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
            System.out.println("baresip->softphone (TLS/SDES): " + end);

            assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
            assertThat(end.stats().codec()).isEqualTo("pcmu/8000");
            assertThat(end.stats().packetsReceived()).isGreaterThan(100);
            short[] pcm = AudioAnalysis.readWav(wav);
            double hz = AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav));
            short[] back = AudioAnalysis.readWav(baresip.recordings().get(0));
            double backHz = AudioAnalysis.dominantFrequency(back, AudioAnalysis.wavSampleRate(baresip.recordings().get(0)));
            matrix.measure("softphone heard", hz, "Hz").measure("baresip heard", backHz, "Hz");
            System.out.printf("baresip->softphone (TLS/SDES): softphone recorded %.1f Hz over %.2f s, baresip heard %.1f Hz%n",
                    hz, pcm.length / 8000.0, backHz);
            assertThat(hz).isCloseTo(1000.0, within(5.0));
            assertThat(backHz).isCloseTo(440.0, within(5.0));
        }
        Threads.assertNoneLeft(before);
    }

    /** (2) A browser (JsSIP, 700 Hz mic) calls; the softphone plays 1000 Hz: each side hears the other. */
    @Interop(peer = "Chromium+JsSIP", transport = "WSS (WebRTC)", direction = "inbound", codec = "{param}", feature = "audio both ways")
    @ParameterizedTest
    @EnumSource(value = CalleeCodecs.class, names = {"OPUS", "PCMU"})
    void browserCallsAndBothSidesHearEachOther(CalleeCodecs codecs, MatrixRecorder matrix) throws Exception {
        matrix.set("codec", codecs);
        KamailioOptions options = KamailioOptions.builder().calleeCodecs(codecs).build();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("browser-call.wav");
        // played from a file at 16 kHz: resampled to the codec
        Path prompt = Tones.wav(dir.resolve("prompt-1000hz-16k.wav"), 1000, 16000, Duration.ofSeconds(30));
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = softphone(edge, options, List.of("opus", "PCMU"), events);
                BrowserPhone browser = BrowserPhone.start(dir, BrowserPhone.Options.of(caller.authId(), caller.sipUser(),
                        caller.password(), options.domain(), edge.wssUri(), 700))) {
            CompletableFuture<Call> answered = new CompletableFuture<>();
            phone.onIncomingCall(call -> answer(call, wav, prompt, answered));
            phone.register().get(10, TimeUnit.SECONDS);
            browser.await("registered", Duration.ofSeconds(40));
            browser.call("sip:" + options.account().sipUser() + "@" + options.domain());
            Call call = answered.get(30, TimeUnit.SECONDS);
            browser.await("confirmed", Duration.ofSeconds(20));
            // the first seconds run the Opus encoder cold (interpreted) on a loaded machine: measure after them
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> call.stats().packetsSent() > 100);
            BrowserPhone.Measurement heard = browser.measure(Duration.ofMillis(2000));
            matrix.measure("browser heard", heard.frequencyHz(), "Hz").measure("browser level", heard.levelDb(), "dBFS");
            System.out.println("browser->softphone " + codecs + ": browser heard " + heard + "; softphone " + call.stats());
            browser.hangup();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);

            assertThat(heard.codec()).isEqualToIgnoringCase(codecs == CalleeCodecs.OPUS ? "audio/opus" : "audio/PCMU");
            assertThat(heard.packetsReceived()).isGreaterThan(50);
            assertThat(heard.frequencyHz()).isCloseTo(1000.0, within(5.0));
            assertThat(heard.levelDb()).isGreaterThan(-20.0);
            assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
            assertThat(end.stats().codec()).startsWith(codecs == CalleeCodecs.OPUS ? "opus/48000" : "pcmu/8000");
            assertThat(events.of(SoftphoneEvent.Answered.class)).hasSize(1);
            short[] pcm = AudioAnalysis.readWav(wav);
            int rate = AudioAnalysis.wavSampleRate(wav);
            double hz = AudioAnalysis.dominantFrequency(pcm, rate);
            matrix.measure("softphone heard", hz, "Hz");
            System.out.printf("browser->softphone %s: recorded %.2f s, dominant %.1f Hz%n", codecs, pcm.length / (double) rate, hz);
            assertThat(hz).isCloseTo(700.0, within(5.0));
        }
        Threads.assertNoneLeft(before);
    }
}
