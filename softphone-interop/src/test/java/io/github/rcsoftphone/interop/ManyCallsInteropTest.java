package io.github.rcsoftphone.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.interop.kamailio.KamailioOptions;
import io.github.rcsoftphone.interop.matrix.Interop;
import io.github.rcsoftphone.interop.matrix.MatrixRecorder;
import io.github.rcsoftphone.interop.peers.MediaEdge;
import io.github.rcsoftphone.interop.sipp.SippCaller;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, many calls: five sipp callers, each streaming its own frequency as PCMU, call the softphone (TLS, SDES via
 * rtpengine) at the same time through Kamailio. Each of the five recordings holds its own caller's frequency and
 * none of the four others.
 */
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ManyCallsInteropTest {
    private static final int[] TONES = {400, 650, 900, 1150, 1400};

    @TempDir
    Path dir;

    @Interop(peer = "sipp x5", transport = "TLS (SDES)", direction = "inbound", codec = "PCMU", feature = "five simultaneous calls, own tone each")
    @Test
    void fiveSimultaneousSippCallersEachRecordingHoldsOnlyItsOwnTone(MatrixRecorder matrix) throws Exception {
        KamailioOptions options = KamailioOptions.defaults();
        RecordingListener events = new RecordingListener();
        Map<String, Path> recordings = new ConcurrentHashMap<>();
        Map<String, Call> calls = new ConcurrentHashMap<>();
        Set<Thread> before = Threads.now();
        try (MediaEdge edge = MediaEdge.start(options);
                Softphone phone = InboundCallInteropTest.softphone(edge, options, List.of("PCMU"), events,
                        TransportKind.TLS)) {
            phone.onIncomingCall(call -> {
                Path wav = dir.resolve("rec-" + calls.size() + "-" + call.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".wav");
                try {
                    call.record(wav);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                recordings.put(call.id(), wav);
                calls.put(call.id(), call);
                call.answer();
            });
            phone.register().get(10, TimeUnit.SECONDS);
            List<SippCaller> sipps = new ArrayList<>();
            try {
                for (int i = 0; i < TONES.length; i++) {
                    Path work = Files.createDirectory(dir.resolve("sipp-" + TONES[i]));
                    sipps.add(SippCaller.start(work, SippCaller.Call.to(options.account().sipUser(), options.domain())
                            .tone(TONES[i]).talk(Duration.ofSeconds(6))));
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> calls.size() == TONES.length
                        && calls.values().stream().allMatch(c -> c.state() == Call.CallState.CONNECTED));
                int concurrent = (int) calls.values().stream().filter(c -> c.state() == Call.CallState.CONNECTED).count();
                matrix.text("connected at once", String.valueOf(concurrent));
                for (SippCaller s : sipps) {
                    SippCaller.Result r = s.await(Duration.ofSeconds(40));
                    assertThat(r.ok()).as(r.log()).isTrue();
                }
                System.out.println("five sipp callers: " + concurrent + " calls connected at once");
            } finally {
                sipps.forEach(SippCaller::close);
            }
            for (Call c : calls.values()) {
                assertThat(c.ended().get(20, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
            }
            List<Integer> found = new ArrayList<>();
            for (Path wav : recordings.values()) {
                short[] pcm = AudioAnalysis.readWav(wav);
                int rate = AudioAnalysis.wavSampleRate(wav);
                double hz = AudioAnalysis.dominantFrequency(pcm, rate);
                int own = TONES[0];
                for (int t : TONES) {
                    if (Math.abs(t - hz) < Math.abs(own - hz)) {
                        own = t;
                    }
                }
                double ownDb = AudioAnalysis.toneLevelDbfs(pcm, rate, own);
                double worstOther = Double.NEGATIVE_INFINITY;
                for (int t : TONES) {
                    if (t != own) {
                        worstOther = Math.max(worstOther, AudioAnalysis.toneLevelDbfs(pcm, rate, t));
                    }
                }
                System.out.printf("recording %s: %.2f s, dominant %.1f Hz, own tone %.1f dBFS, strongest other"
                        + " tone %.1f dBFS%n", wav.getFileName(), pcm.length / (double) rate, hz, ownDb, worstOther);
                assertThat(hz).isCloseTo(own, within(5.0));
                matrix.measure("call " + own + " Hz heard", hz, "Hz");
                assertThat(worstOther).as("no other caller's tone in " + wav).isLessThan(ownDb - 40);
                found.add(own);
            }
            assertThat(found).containsExactlyInAnyOrder(400, 650, 900, 1150, 1400);
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> edge.rtpengine().calls().isEmpty());
        }
        Threads.assertNoneLeft(before);
    }
}
