package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
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
 * Issue 6, blind transfer against real peers: the softphone (TLS) calls baresip A through Kamailio + rtpengine, then
 * transfers A to baresip B with a REFER that Kamailio relays in the dialog; A (the transferee) calls B itself and
 * sends NOTIFYs with sipfrag progress. A and B end up hearing each other; the softphone's call ends
 * {@code transferred}.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class TransferInteropTest {
    private static final String THIRD_AUTH_ID = "802398804018";
    private static final String THIRD_SIP_USER = "16505550102";

    @TempDir
    Path dir;

    private static double heardHz(BaresipPhone phone) throws Exception {
        List<Path> files = phone.recordings();
        Path biggest = files.stream().max((x, y) -> Long.compare(x.toFile().length(), y.toFile().length()))
                .orElseThrow();
        return AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(biggest), AudioAnalysis.wavSampleRate(biggest));
    }

    /** Kamailio + rtpengine, the softphone (TLS, PCMU), baresip A (700 Hz) and B (1200 Hz), all registered. */
    private record Peers(KamailioOptions options, RecordingListener events, MediaEdge edge, Softphone phone,
            BaresipPhone a, BaresipPhone b) implements AutoCloseable {
        static Peers start(Path dir) throws Exception {
            KamailioOptions options = KamailioOptions.defaults().toBuilder()
                    .user(THIRD_AUTH_ID, THIRD_SIP_USER, "Pa55-word.18").build();
            RecordingListener events = new RecordingListener();
            MediaEdge edge = MediaEdge.start(options);
            Softphone phone = null;
            BaresipPhone a = null;
            try {
                phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU"), events, TransportKind.TLS);
                a = baresip(dir, edge, options, KamailioOptions.SECOND_AUTH_ID, 700);
                BaresipPhone b = baresip(dir, edge, options, THIRD_AUTH_ID, 1200);
                Peers peers = new Peers(options, events, edge, phone, a, b);
                phone.register().get(10, TimeUnit.SECONDS);
                a.awaitRegistered(Duration.ofSeconds(15));
                b.awaitRegistered(Duration.ofSeconds(15));
                return peers;
            } catch (Exception | Error e) {
                if (a != null) {
                    a.close();
                }
                if (phone != null) {
                    phone.close();
                }
                edge.close();
                throw e;
            }
        }

        private static BaresipPhone baresip(Path dir, MediaEdge edge, KamailioOptions options, String authId, int hz)
                throws Exception {
            Account account = options.account(authId);
            Path tone = Tones.wav(dir.resolve("tone" + hz + ".wav"), hz, 8000, Duration.ofSeconds(25));
            return BaresipPhone.start(dir, BaresipPhone.Options.tls(account.authId(), account.sipUser(),
                    account.password(), options.domain(), edge.kamailio().caCertificate()).source(tone)
                    .recordInto(Files.createDirectory(dir.resolve("rec-" + hz))).autoAnswer(true));
        }

        @Override
        public void close() throws Exception {
            try (MediaEdge e = edge; Softphone p = phone; BaresipPhone x = a; BaresipPhone y = b) {
                // closed in reverse order
            }
        }
    }

    @Interop(peer = "baresip x2", transport = "TLS (SDES)", direction = "outbound", codec = "PCMU", feature = "blind transfer")
    @Test
    void softphoneTransfersBaresipAToBaresipBAndTheyTalk(MatrixRecorder matrix) throws Exception {
        Set<Thread> before = Threads.now();
        try (Peers peers = Peers.start(dir)) {
            KamailioOptions options = peers.options();
            Account a = options.account(KamailioOptions.SECOND_AUTH_ID);
            Account b = options.account(THIRD_AUTH_ID);
            RecordingListener events = peers.events();
            Softphone phone = peers.phone();
            BaresipPhone baresipA = peers.a();
            BaresipPhone baresipB = peers.b();
            Call call = phone.call(a.sipUser());
            call.play(new ToneSource(440, 8000, 0.5, null));
            call.answered().get(20, TimeUnit.SECONDS);
            baresipA.await("CALL_ESTABLISHED", Duration.ofSeconds(15));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> call.stats().packetsReceived() > 50);

            long t0 = System.nanoTime();
            try {
                call.transfer(b.sipUser()).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("transfer failed: " + e + "\n" + baresipA.describe(), e);
            }
            long transferMs = (System.nanoTime() - t0) / 1_000_000;
            matrix.measure("REFER to 200 NOTIFY", transferMs, "ms");
            Call.CallEnd end = call.ended().get(10, TimeUnit.SECONDS);
            baresipB.await("CALL_ESTABLISHED", Duration.ofSeconds(10));
            // A and B talk for a while: both record the other's tone
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> baresipB.recordings().stream().anyMatch(f -> f.toFile().length() > 48_000)
                            && baresipA.recordings().stream().anyMatch(f -> f.toFile().length() > 64_000));
            Awaitility.await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> true);
            baresipB.hangup();
            baresipB.await("CALL_CLOSED", Duration.ofSeconds(10));

            System.out.println("softphone transfers baresip A to baresip B: REFER to 200 NOTIFY " + transferMs
                    + " ms, " + end + ", progress " + events.of(SoftphoneEvent.TransferProgress.class));
            assertThat(end.reason()).isEqualTo(Call.CallEndReason.TRANSFERRED);
            assertThat(events.of(SoftphoneEvent.Transferred.class)).singleElement()
                    .isEqualTo(new SoftphoneEvent.Transferred(call.id(), b.sipUser()));
            assertThat(baresipA.log()).contains("REFER sip:").contains("Refer-To: <sip:" + b.sipUser() + "@");
            double bHeard = heardHz(baresipB);
            // A's recordings: the softphone's call first (440 Hz), then B's (1200 Hz): the newest file is B's
            List<Path> aFiles = baresipA.recordings();
            Path aLast = aFiles.get(aFiles.size() - 1);
            for (Path f : aFiles) {
                System.out.printf("baresip A recording %s: %.1f Hz, %d bytes%n", f.getFileName(),
                        AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(f), AudioAnalysis.wavSampleRate(f)),
                        f.toFile().length());
            }
            System.out.printf("baresip B heard %.1f Hz%n", bHeard);
            matrix.measure("B heard A", bHeard, "Hz");
            assertThat(aFiles.stream().map(f -> {
                try {
                    return AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(f), AudioAnalysis.wavSampleRate(f));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).anyMatch(hz -> Math.abs(hz - 1200) < 5)).as("A heard B's 1200 Hz (" + aLast + ")").isTrue();
            assertThat(bHeard).isCloseTo(700.0, within(5.0));
        }
        Threads.assertNoneLeft(before);
    }

    /**
     * Attended transfer, the REFER-sending side: the softphone calls baresip A, then baresip B (the consultation),
     * then refers A to B with {@code Replaces} of the consultation's dialog in the Refer-To (RFC 3891). A accepts,
     * calls B and reports 200: our call to A ends {@code TRANSFERRED} and A hears B. baresip 1.0 does not carry the
     * Replaces into its INVITE (it is not an attended-transfer transferee), so B answers A as a second call and the
     * softphone hangs the consultation up itself.
     */
    @Interop(peer = "baresip x2", transport = "TLS (SDES)", direction = "outbound", codec = "PCMU", feature = "attended transfer (Replaces)")
    @Test
    void softphoneTransfersBaresipAToBaresipBAttended(MatrixRecorder matrix) throws Exception {
        Set<Thread> before = Threads.now();
        try (Peers peers = Peers.start(dir)) {
            KamailioOptions options = peers.options();
            Account a = options.account(KamailioOptions.SECOND_AUTH_ID);
            Account b = options.account(THIRD_AUTH_ID);
            RecordingListener events = peers.events();
            Softphone phone = peers.phone();
            BaresipPhone baresipA = peers.a();
            BaresipPhone baresipB = peers.b();
            Call toA = phone.call(a.sipUser());
            toA.answered().get(20, TimeUnit.SECONDS);
            Call toB = phone.call(b.sipUser());
            toB.answered().get(20, TimeUnit.SECONDS);
            baresipB.await("CALL_ESTABLISHED", Duration.ofSeconds(15));

            long t0 = System.nanoTime();
            try {
                toA.transfer(toB).get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("attended transfer failed: " + e + "\n" + baresipA.describe() + "\n"
                        + baresipB.describe(), e);
            }
            long transferMs = (System.nanoTime() - t0) / 1_000_000;
            matrix.measure("REFER to 200 NOTIFY", transferMs, "ms");
            Call.CallEnd endA = toA.ended().get(10, TimeUnit.SECONDS);
            // baresip 1.0 as transferee copies the whole Refer-To (its ?Replaces= mangled) into To and sends no
            // Replaces header, so B takes A's INVITE as a second call and the consultation stays: we end it
            String replacesSent = baresipA.log().contains("\nReplaces:") ? "with" : "without";
            toB.hangup();
            Call.CallEnd endB = toB.ended().get(10, TimeUnit.SECONDS);
            System.out.println("attended transfer, baresip A to baresip B: " + transferMs + " ms; call to A " + endA
                    + "; consultation " + endB + "; A's INVITE to B went " + replacesSent + " a Replaces header");
            assertThat(endA.reason()).isEqualTo(Call.CallEndReason.TRANSFERRED);
            assertThat(baresipA.log()).contains("Refer-To: <sip:" + b.sipUser() + "@" + options.domain()
                    + "?Replaces=" + toB.id() + "%3Bto-tag%3D");
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .until(() -> baresipA.recordings().stream().anyMatch(f -> f.toFile().length() > 64_000));
            double aHeard = heardHz(baresipA);
            matrix.measure("A heard B", aHeard, "Hz");
            System.out.printf("attended: baresip A heard %.1f Hz%n", aHeard);
            assertThat(aHeard).isCloseTo(1200.0, within(5.0));
            baresipA.hangup();
        }
        Threads.assertNoneLeft(before);
    }
}
