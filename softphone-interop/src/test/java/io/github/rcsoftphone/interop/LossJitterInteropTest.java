package io.github.rcsoftphone.interop;

import io.github.rcsoftphone.interop.matrix.Interop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.interop.baresip.BaresipPhone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions.Account;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.support.ImpairedPath;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.sip.transport.TlsSettings;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, faults: 5% packet loss and 50 ms delay with ±25 ms jitter on the media path from rtpengine to the softphone
 * (an {@link ImpairedPath}: this kernel has no {@code tc netem}), during a call from baresip over TLS with SRTP keyed
 * by SDES. The recording stays continuous (loss concealment and the jitter buffer fill the holes: the 1000 Hz tone's
 * envelope never drops to silence for more than one 20 ms frame) and the call's statistics show the loss and jitter.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LossJitterInteropTest {
    private static final int RTP_PORT = 41000;
    private static final int FRAME = 160;   // 20 ms at 8 kHz
    private static final double SILENT_DBFS = -40;

    @TempDir
    Path dir;

    @Interop(peer = "baresip", transport = "TLS (SDES)", direction = "inbound", feature = "5% loss, 50 ms jitter: recording continuous, loss in the stats")
    @Test
    void aCallThroughFivePercentLossAndFiftyMsJitterIsRecordedWithoutGapsAndTheStatsShowIt() throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        Account caller = options.account(KamailioOptions.SECOND_AUTH_ID);
        Account callee = options.account();
        Path wav = dir.resolve("impaired.wav");
        Path source = Tones.wav(dir.resolve("tone1000.wav"), 1000, 8000, Duration.ofSeconds(30));
        Set<Thread> before = Threads.now();
        Call.CallEnd end;
        long dropped;
        long forwarded;
        try (MediaEdge edge = MediaEdge.start(options);
                ImpairedPath path = ImpairedPath.start(dir, "30000:30999", List.of(RTP_PORT, RTP_PORT + 1), 0.05,
                        Duration.ofMillis(50), Duration.ofMillis(25));
                Softphone phone = Softphone.builder()
                        .sipInfo(new SipInfo(options.domain(), edge.kamailio().outboundProxy(TransportKind.TLS),
                                callee.sipUser(), callee.password(), callee.authId(), TransportKind.TLS))
                        .tls(TlsSettings.trusting(edge.kamailio().caCertificate())).codecs(List.of("PCMU"))
                        .mediaPorts(RTP_PORT, RTP_PORT + 1).build();
                BaresipPhone baresip = BaresipPhone.start(dir, BaresipPhone.Options.tls(caller.authId(),
                        caller.sipUser(), caller.password(), options.domain(), edge.kamailio().caCertificate())
                        .source(source))) {
            CompletableFuture<Call> answered = new CompletableFuture<>();
            phone.onIncomingCall(call -> {
                try {
                    call.record(wav);
                } catch (java.io.IOException e) {
                    answered.completeExceptionally(e);
                }
                call.answer().thenRun(() -> answered.complete(call));
            });
            phone.register().get(10, TimeUnit.SECONDS);
            baresip.awaitRegistered(Duration.ofSeconds(15));
            baresip.dial("sip:" + callee.sipUser() + "@" + options.domain());
            Call call = answered.get(20, TimeUnit.SECONDS);
            Awaitility.await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                    .until(() -> call.stats().packetsReceived() >= 600);   // 12 s of audio
            baresip.hangup();
            end = call.ended().get(15, TimeUnit.SECONDS);
            dropped = path.dropped();
            forwarded = path.forwarded();
        }
        Threads.assertNoneLeft(before);

        Call.CallStats stats = end.stats();
        double lostPercent = 100.0 * stats.packetsLost() / (stats.packetsReceived() + stats.packetsLost());
        short[] pcm = AudioAnalysis.readWav(wav);
        // from 1 s in (the jitter buffer settles) to 0.5 s before the end (the hang-up)
        short[] middle = Arrays.copyOfRange(pcm, 8000, Math.max(8000, pcm.length - 4000));
        int frames = middle.length / FRAME;
        int silent = 0;
        int longestSilentRun = 0;
        int run = 0;
        double quietest = 0;
        for (int f = 0; f < frames; f++) {
            double db = AudioAnalysis.rmsDbfs(Arrays.copyOfRange(middle, f * FRAME, (f + 1) * FRAME));
            quietest = Math.min(quietest, db);
            if (db < SILENT_DBFS) {
                silent++;
                run++;
                longestSilentRun = Math.max(longestSilentRun, run);
            } else {
                run = 0;
            }
        }
        double hz = AudioAnalysis.dominantFrequency(pcm, 8000);
        System.out.printf("5%% loss, 50+-25 ms delay (relay dropped %d of %d, %.1f%%): %s; loss %.1f%%;"
                        + " recording %.2f s, dominant %.1f Hz, %d of %d frames below %.0f dBFS, longest silent run %d,"
                        + " quietest frame %.1f dBFS%n", dropped, dropped + forwarded,
                100.0 * dropped / (dropped + forwarded), stats, lostPercent, pcm.length / 8000.0, hz, silent, frames,
                SILENT_DBFS, longestSilentRun, quietest);

        assertThat(end.reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
        assertThat(lostPercent).as("the stats show the loss").isBetween(2.0, 9.0);
        assertThat(stats.jitterMs()).as("the stats show the jitter").isGreaterThan(5.0);
        assertThat(hz).isCloseTo(1000.0, within(5.0));
        assertThat(longestSilentRun).as("no gap longer than one 20 ms frame").isLessThanOrEqualTo(1);
    }
}
