package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.edge.LocalEdge;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
import io.github.rcsoftphone.interop.browser.BrowserPhone;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
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
 * The embedded local edge ({@code softphone-edge}, what {@code softphone demo} runs on) with real third-party SIP
 * stacks registered to it: baresip over TLS and headless Chromium + JsSIP over WSS, each called by the softphone
 * through the edge with no media relay in between; tones cross both ways.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LocalEdgeInteropTest {
    private static final LocalEdge.Account SOFTPHONE = new LocalEdge.Account("802398804016", "16505550100", "Pa55-sp");
    private static final LocalEdge.Account PEER = new LocalEdge.Account("802398804017", "16505550101", "Pa55-peer");

    @TempDir
    Path dir;

    private static Softphone softphone(LocalEdge edge, TransportKind kind, List<String> codecs) {
        return softphone(edge, kind, codecs, OpusImplementation.AUTO);
    }

    private static Softphone softphone(LocalEdge edge, TransportKind kind, List<String> codecs,
            OpusImplementation opus) {
        return Softphone.builder().sipInfo(edge.sipInfo(SOFTPHONE, kind)).tls(edge.clientTls()).codecs(codecs)
                .mediaAddress(InetAddress.getLoopbackAddress()).opus(opus).build();
    }

    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "outbound", codec = "PCMU", feature = "audio both ways", via = "embedded edge")
    @Test
    void baresipRegisteredOverTlsAnswersTheSoftphonesSdesCall(MatrixRecorder matrix) throws Exception {
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(12));
        Path heardByBaresip = Files.createDirectory(dir.resolve("baresip-rec"));
        Path wav = dir.resolve("from-baresip.wav");
        Set<Thread> before = Threads.now();
        try (LocalEdge edge = LocalEdge.builder().account(SOFTPHONE).account(PEER).build()) {
            edge.start();
            try (Softphone phone = softphone(edge, TransportKind.TLS, List.of("PCMU"));
                    var baresip = BaresipPhone.start(dir, BaresipPhone.Options.tls(PEER.authorizationId(),
                            PEER.username(), PEER.password(), edge.domain(), edge.caPem())
                            .outbound("sip:127.0.0.1:" + edge.port(TransportKind.TLS) + ";transport=tls")
                            .source(source).recordInto(heardByBaresip).autoAnswer(true))) {
                phone.register().get(10, TimeUnit.SECONDS);
                baresip.awaitRegistered(Duration.ofSeconds(15));
                assertThat(edge.bindings()).anyMatch(b -> b.username().equals(PEER.username()));
                Call call = phone.call(PEER.username());
                call.record(wav);
                call.play(new ToneSource(440, 8000, 0.5, null));
                call.answered().get(20, TimeUnit.SECONDS);
                baresip.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
                Awaitility.await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                        .until(() -> baresip.recordings().stream().anyMatch(f -> f.toFile().length() > 48_000));
                call.hangup();
                Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
                baresip.await("CALL_CLOSED", Duration.ofSeconds(10));

                assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
                assertThat(end.stats().packetsReceived()).as(baresip.log()).isGreaterThan(100);
                double hz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(wav), AudioAnalysis.wavSampleRate(wav));
                Path heard = baresip.recordings().get(0);
                double backHz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(heard),
                        AudioAnalysis.wavSampleRate(heard));
                matrix.measure("softphone heard", hz, "Hz").measure("baresip heard", backHz, "Hz");
                System.out.printf("local edge, softphone->baresip (TLS/SDES): softphone recorded %.1f Hz, baresip"
                        + " heard %.1f Hz, %s%n", hz, backHz, end.stats());
                assertThat(hz).isCloseTo(1000.0, within(5.0));
                assertThat(backHz).isCloseTo(440.0, within(5.0));
                assertThat(edge.stats().callsRouted()).isGreaterThanOrEqualTo(1);
            }
        }
        Threads.assertNoneLeft(before);
    }

    @Interop(peer = "Chromium+JsSIP", transport = "WSS (WebRTC)", direction = "outbound", codec = "Opus", feature = "audio both ways", via = "embedded edge")
    @Test
    void chromiumRegisteredOverWssAnswersTheSoftphonesWebRtcCall(MatrixRecorder matrix) throws Exception {
        Path wav = dir.resolve("from-browser.wav");
        Set<Thread> before = Threads.now();
        try (LocalEdge edge = LocalEdge.builder().account(SOFTPHONE).account(PEER).build()) {
            edge.start();
            // native libopus (CI installs libopus0): Chromium's libopus and ours on the same call
            try (Softphone phone = softphone(edge, TransportKind.WSS, List.of("opus", "PCMU"),
                    OpusImplementation.NATIVE);
                    BrowserPhone browser = BrowserPhone.start(dir, BrowserPhone.Options.of(PEER.authorizationId(),
                            PEER.username(), PEER.password(), edge.domain(),
                            "wss://127.0.0.1:" + edge.port(TransportKind.WSS), 700).autoAnswer(true))) {
                phone.register().get(10, TimeUnit.SECONDS);
                browser.await("registered", Duration.ofSeconds(40));
                Call call = phone.call(PEER.username());
                call.record(wav);
                call.play(new ToneSource(1000, 48000, 0.5, null));
                call.answered().get(30, TimeUnit.SECONDS);
                browser.await("confirmed", Duration.ofSeconds(20));
                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> call.stats().packetsSent() > 100);
                BrowserPhone.Measurement heard = browser.measure(Duration.ofMillis(2000));
                call.hangup();
                Call.CallEnd end = call.ended().get(15, TimeUnit.SECONDS);
                browser.await("ended", Duration.ofSeconds(15));

                short[] pcm = AudioAnalysis.readWav(wav);
                double hz = AudioAnalysis.dominantFrequency(pcm, AudioAnalysis.wavSampleRate(wav));
                matrix.measure("softphone heard", hz, "Hz").measure("browser heard", heard.frequencyHz(), "Hz");
                System.out.printf("local edge, softphone->Chromium (WSS/WebRTC): softphone recorded %.1f Hz, browser"
                        + " heard %s, %s%n", hz, heard, end.stats());
                assertThat(end.reason()).isEqualTo(Call.CallEndReason.HANGUP);
                assertThat(end.stats().codec()).isEqualTo("opus/48000/2");
                assertThat(heard.frequencyHz()).isCloseTo(1000.0, within(5.0));
                assertThat(heard.levelDb()).isGreaterThan(-20.0);
                assertThat(hz).isCloseTo(700.0, within(5.0));
            }
        }
        Threads.assertNoneLeft(before);
    }
}
