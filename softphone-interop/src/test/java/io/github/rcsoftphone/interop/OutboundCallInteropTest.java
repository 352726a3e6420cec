package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, outbound calls against real peers: the softphone, registered with Kamailio (which challenges its INVITE
 * with 407 like RingCentral's edge) calls an auto-answering peer through rtpengine; tones cross both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class OutboundCallInteropTest {

    @TempDir
    Path dir;

    /**
     * The softphone (TLS, SDES offer) calls baresip (TLS, {@code mediaenc=srtp-mand}, auto-answer, plays 1000 Hz);
     * the softphone plays 440 Hz, records baresip, hangs up.
     */
    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "outbound", codec = "PCMU", feature = "audio both ways")
    @Test
    void softphoneCallsBaresipOverTlsWithSdesAndBothSidesHearEachOther(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account callee = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("to-baresip.wav");
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(12));
        Path heardByBaresip = Files.createDirectory(dir.resolve("baresip-rec"));
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU", "opus"), events,
                        TransportKind.TLS);
                var baresip = BaresipPhone.start(dir, BaresipPhone.Options.tls(callee.authId(), callee.sipUser(),
                        callee.password(), options.domain(), edge.kamailio().caCertificate())
                        .source(source).recordInto(heardByBaresip).autoAnswer(true))) {
            phone.register().get(10, TimeUnit.SECONDS);
            baresip.awaitRegistered(Duration.ofSeconds(15));
            long t0 = System.nanoTime();
            Call call = phone.call(callee.sipUser());
            call.record(wav);
            call.play(new ToneSource(440, 8000, 0.5, null));
            call.answered().get(20, TimeUnit.SECONDS);
            long answeredMs = (System.nanoTime() - t0) / 1_000_000;
            matrix.measure("answered after", answeredMs, "ms");
            baresip.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                    .until(() -> baresip.recordings().stream().anyMatch(f -> f.toFile().length() > 48_000));
            call.hangup();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
            baresip.await("CALL_CLOSED", Duration.ofSeconds(10));
            System.out.println("softphone->baresip (TLS/SDES): answered after " + answeredMs + " ms, " + end);

            assertThat(call.direction()).isEqualTo(Call.Direction.OUTBOUND);
            assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
            assertThat(end.stats().codec()).isEqualTo("pcmu/8000");
            assertThat(end.stats().packetsReceived()).isGreaterThan(100);
            assertThat(events.of(SoftphoneEvent.Calling.class)).singleElement()
                    .satisfies(c -> assertThat(c.target()).isEqualTo(callee.sipUser()));
            assertThat(events.of(SoftphoneEvent.Answered.class)).hasSize(1);
            assertThat(edge.kamailio().countLogLines("RCTEST invite callee=" + callee.sipUser())).isEqualTo(1);
            short[] pcm = AudioAnalysis.readWav(wav);
            double hz = AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav));
            Path heard = baresip.recordings().get(0);
            double backHz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(heard), AudioAnalysis.wavSampleRate(heard));
            matrix.measure("softphone heard", hz, "Hz").measure("baresip heard", backHz, "Hz");
            System.out.printf("softphone->baresip (TLS/SDES): softphone recorded %.1f Hz over %.2f s, baresip heard %.1f Hz%n",
                    hz, pcm.length / 8000.0, backHz);
            assertThat(hz).isCloseTo(1000.0, within(5.0));
            assertThat(backHz).isCloseTo(440.0, within(5.0));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * The softphone (WSS, WebRTC offer: ICE controlling, DTLS actpass) calls headless Chromium + JsSIP (auto-answer,
     * 700 Hz microphone); the softphone plays 1000 Hz; the browser sees our BYE.
     */
    @Interop(peer = "Chromium+JsSIP", transport = "WSS (WebRTC)", direction = "outbound", codec = "Opus", feature = "audio both ways")
    @Test
    void softphoneCallsChromiumOverWssAndBothSidesHearEachOther(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account callee = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("to-browser.wav");
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("opus", "PCMU"), events,
                        TransportKind.WSS);
                BrowserPhone browser = BrowserPhone.start(dir, BrowserPhone.Options.of(callee.authId(),
                        callee.sipUser(), callee.password(), options.domain(), edge.wssUri(), 700).autoAnswer(true))) {
            phone.register().get(10, TimeUnit.SECONDS);
            browser.await("registered", Duration.ofSeconds(40));
            long t0 = System.nanoTime();
            Call call = phone.call("sip:" + callee.sipUser() + "@" + options.domain(), CallOptions.defaults());
            call.record(wav);
            call.play(new ToneSource(1000, 48000, 0.5, null));
            call.answered().get(30, TimeUnit.SECONDS);
            long answeredMs = (System.nanoTime() - t0) / 1_000_000;
            matrix.measure("answered after", answeredMs, "ms");
            browser.await("confirmed", Duration.ofSeconds(20));
            // the first seconds run the Opus encoder cold (interpreted) on a loaded machine: measure after them
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> call.stats().packetsSent() > 100);
            BrowserPhone.Measurement heard = browser.measure(Duration.ofMillis(2000));
            matrix.measure("browser heard", heard.frequencyHz(), "Hz").measure("browser level", heard.levelDb(), "dBFS");
            System.out.println("softphone->browser (WSS): answered after " + answeredMs + " ms; browser heard " + heard
                    + "; softphone " + call.stats());
            call.hangup();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
            browser.await("ended", Duration.ofSeconds(15));

            assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
            assertThat(end.stats().codec()).isEqualTo("opus/48000/2");
            assertThat(heard.codec()).isEqualToIgnoringCase("audio/opus");
            assertThat(heard.packetsReceived()).isGreaterThan(50);
            assertThat(heard.frequencyHz()).isCloseTo(1000.0, within(5.0));
            assertThat(heard.levelDb()).isGreaterThan(-20.0);
            short[] pcm = AudioAnalysis.readWav(wav);
            int rate = AudioAnalysis.wavSampleRate(wav);
            double hz = AudioAnalysis.dominantFrequency(pcm, rate);
            matrix.measure("softphone heard", hz, "Hz");
            System.out.printf("softphone->browser (WSS): softphone recorded %.1f Hz over %.2f s%n", hz,
                    pcm.length / (double) rate);
            assertThat(hz).isCloseTo(700.0, within(5.0));
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * The softphone calls Chromium + JsSIP (WSS, auto-answer) through Kamailio + rtpengine, which relays the
     * re-INVITEs too; tones both ways, then a hold: the browser (JsSIP sees a remote hold) hears silence while
     * packets keep coming; then unhold: the 1000 Hz tone is back; then our BYE ends the browser's call.
     */
    @Interop(peer = "Chromium+JsSIP", transport = "WSS (WebRTC)", direction = "outbound", codec = "Opus", feature = "hold and unhold")
    @Test
    void softphoneHoldsAndUnholdsChromium(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account callee = options.account(KamailioOptions.SECOND_AUTH_ID);
        RecordingListener events = new RecordingListener();
        Path wav = dir.resolve("before-hold.wav");
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("opus", "PCMU"), events,
                        TransportKind.WSS);
                BrowserPhone browser = BrowserPhone.start(dir, BrowserPhone.Options.of(callee.authId(),
                        callee.sipUser(), callee.password(), options.domain(), edge.wssUri(), 700).autoAnswer(true))) {
            phone.register().get(10, TimeUnit.SECONDS);
            browser.await("registered", Duration.ofSeconds(40));
            Call call = phone.call("sip:" + callee.sipUser() + "@" + options.domain(), CallOptions.defaults());
            call.record(wav);
            call.play(new ToneSource(1000, 48000, 0.5, null));
            call.answered().get(30, TimeUnit.SECONDS);
            browser.await("confirmed", Duration.ofSeconds(20));
            Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> call.stats().packetsSent() > 100);
            BrowserPhone.Measurement talking = browser.measure(Duration.ofMillis(2000));
            double recordedHz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(wav), AudioAnalysis.wavSampleRate(wav));

            long t0 = System.nanoTime();
            call.hold().get(15, TimeUnit.SECONDS);
            long holdMs = (System.nanoTime() - t0) / 1_000_000;
            browser.await("hold", Duration.ofSeconds(10));
            // the path to the browser holds up to a few seconds of audio (its jitter buffer grows with the bursts of
            // a cold, loaded start): wait for a whole silent second, then for the tone after the unhold
            long h0 = System.nanoTime();
            BrowserPhone.Measurement held = until(browser, m -> m.levelDb() < -60.0);
            long silentAfterMs = (System.nanoTime() - h0) / 1_000_000;
            BrowserPhone.Measurement heldLater = browser.measure(Duration.ofMillis(1000));
            long receivedOnHold = call.stats().packetsReceived();

            t0 = System.nanoTime();
            call.unhold().get(15, TimeUnit.SECONDS);
            long unholdMs = (System.nanoTime() - t0) / 1_000_000;
            browser.await("unhold", Duration.ofSeconds(10));
            long u0 = System.nanoTime();
            BrowserPhone.Measurement back = until(browser, m -> m.levelDb() > -20.0);
            long toneAfterMs = (System.nanoTime() - u0) / 1_000_000;
            matrix.measure("hold round trip", holdMs, "ms").measure("unhold round trip", unholdMs, "ms")
                    .measure("browser heard before the hold", talking.frequencyHz(), "Hz").measure("held level", heldLater.levelDb(), "dBFS")
                    .measure("back", back.frequencyHz(), "Hz").measure("softphone heard", recordedHz, "Hz");
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call.stats().packetsReceived() > receivedOnHold + 25);
            System.out.printf("softphone holds browser (WSS): talking %s; held %s, silent within %d ms (hold took %d"
                    + " ms); back %s within %d ms (unhold took %d ms); softphone recorded %.1f Hz before the hold%n",
                    talking, heldLater, silentAfterMs, holdMs, back, toneAfterMs, unholdMs, recordedHz);
            call.hangup();
            Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
            browser.await("ended", Duration.ofSeconds(15));

            assertThat(talking.frequencyHz()).isCloseTo(1000.0, within(5.0));
            assertThat(talking.levelDb()).isGreaterThan(-20.0);
            assertThat(recordedHz).isCloseTo(700.0, within(5.0));
            assertThat(held.levelDb()).as("silence while held").isLessThan(-60.0);
            assertThat(heldLater.levelDb()).as("still silent").isLessThan(-60.0);
            assertThat(heldLater.packetsReceived() - held.packetsReceived()).as("packets keep coming while held (1 s)")
                    .isBetween(35L, 65L);
            assertThat(back.frequencyHz()).isCloseTo(1000.0, within(5.0));
            assertThat(back.levelDb()).isGreaterThan(-20.0);
            assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
            assertThat(events.of(SoftphoneEvent.Held.class)).containsExactly(new SoftphoneEvent.Held(call.id(), true));
            assertThat(events.of(SoftphoneEvent.Unheld.class)).containsExactly(new SoftphoneEvent.Unheld(call.id(), true));
            assertThat(edge.kamailio().countLogLines("RCTEST reoffer INVITE caller_media=ws callee_media=ws")).isEqualTo(2);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }

    /** Measures one-second windows until one satisfies {@code wanted} (at most 20 s); returns that one. */
    private static BrowserPhone.Measurement until(BrowserPhone browser,
            java.util.function.Predicate<BrowserPhone.Measurement> wanted) {
        var last = new java.util.concurrent.atomic.AtomicReference<BrowserPhone.Measurement>();
        Awaitility.await().atMost(Duration.ofSeconds(20)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1))
                .until(() -> {
                    last.set(browser.measure(Duration.ofMillis(1000)));
                    System.out.println("browser window: " + last.get());
                    return wanted.test(last.get());
                });
        return last.get();
    }
}
