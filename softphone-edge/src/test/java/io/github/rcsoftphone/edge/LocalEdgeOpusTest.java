package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.media.codec.OpusImplementation;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Opus calls between a softphone on native libopus and one on the pure-Java codec, through the embedded edge: each
 * hears the other's tone at its frequency and level. Skipped only where libopus is not installed.
 */
class LocalEdgeOpusTest {
    private static final LocalEdge.Account A = new LocalEdge.Account("802398804021", "16505550021", "pw1");
    private static final LocalEdge.Account B = new LocalEdge.Account("802398804022", "16505550022", "pw2");

    private LocalEdge edge;

    @BeforeEach
    void start() throws Exception {
        edge = LocalEdge.builder().accounts(List.of(A, B)).build();
        edge.start();
    }

    @AfterEach
    void stop() {
        edge.close();
        assertThat(LocalEdgeRegistrationTest.edgeThreads()).isEmpty();
    }

    private Softphone phone(LocalEdge.Account account, TransportKind kind, OpusImplementation opus) throws Exception {
        Softphone p = Softphone.builder().sipInfo(edge.sipInfo(account, kind)).tls(edge.clientTls())
                .mediaAddress(InetAddress.getLoopbackAddress()).opus(opus).build();
        p.register().get(10, TimeUnit.SECONDS);
        return p;
    }

    @Test
    void theBuilderTakesTheImplementationAndDefaultsToAuto() {
        Softphone.Builder builder = Softphone.builder().sipInfo(edge.sipInfo(A, TransportKind.WSS));
        try (Softphone auto = builder.build()) {
            assertThat(auto.config().opus()).isEqualTo(OpusImplementation.AUTO);
        }
        try (Softphone java = builder.opus(OpusImplementation.JAVA).build()) {
            assertThat(java.config().opus()).isEqualTo(OpusImplementation.JAVA);
        }
        assertThatThrownBy(() -> builder.opus(null)).isInstanceOf(NullPointerException.class);
        if (OpusImplementation.nativeAvailable()) {
            try (Softphone nativeOpus = builder.opus(OpusImplementation.NATIVE).build()) {
                assertThat(nativeOpus.config().opus()).isEqualTo(OpusImplementation.NATIVE);
            }
        } else {
            assertThatThrownBy(builder.opus(OpusImplementation.NATIVE)::build)
                    .isInstanceOf(io.github.rcsoftphone.media.codec.OpusUnavailableException.class)
                    .hasMessageContaining("libopus");
        }
    }

    @ParameterizedTest(name = "{0} calls {1} over {2}")
    @CsvSource({"NATIVE,JAVA,WSS", "JAVA,NATIVE,TLS"})
    void nativeAndJavaOpusHearEachOther(OpusImplementation callerOpus, OpusImplementation calleeOpus,
            TransportKind kind) throws Exception {
        Assumptions.assumeTrue(OpusImplementation.nativeAvailable(), "libopus is not installed");
        Tap atCaller = new Tap();
        Tap atCallee = new Tap();
        CompletableFuture<Call> incoming = new CompletableFuture<>();
        try (Softphone a = phone(A, kind, callerOpus); Softphone b = phone(B, kind, calleeOpus)) {
            b.onIncomingCall(call -> {
                call.onAudio(16000, atCallee::add);
                call.play(new ToneSource(1000, 16000, 0.5, null));
                call.answer();
                incoming.complete(call);
            });
            Call call = a.call(B.username(), CallOptions.defaults().withCodecs(List.of("opus")));
            call.onAudio(16000, atCaller::add);
            call.play(new ToneSource(440, 16000, 0.5, null));
            call.answered().get(20, TimeUnit.SECONDS);
            Call atB = incoming.get(10, TimeUnit.SECONDS);
            // a cold JVM on a loaded machine needs a moment before its media clock keeps time
            atCaller.next(1000);
            atCallee.next(1000);
            short[] heardByCallee = atCallee.toneWindow(440);
            short[] heardByCaller = atCaller.toneWindow(1000);
            double level = AudioAnalysis.rmsDbfs(new ToneSource(440, 16000, 0.5, null).read(16000));
            assertThat(AudioAnalysis.dominantFrequency(heardByCallee, 16000)).isCloseTo(440, Offset.offset(5.0));
            assertThat(AudioAnalysis.dominantFrequency(heardByCaller, 16000)).isCloseTo(1000, Offset.offset(5.0));
            assertThat(AudioAnalysis.rmsDbfs(heardByCallee)).isCloseTo(level, Offset.offset(3.0));
            assertThat(AudioAnalysis.rmsDbfs(heardByCaller)).isCloseTo(level, Offset.offset(3.0));
            System.out.printf(Locale.ROOT, "%s (%s) -> %s (%s): %.1f / %.1f dBFS heard, tone %.1f dBFS%n",
                    callerOpus, kind, calleeOpus, call.stats().codec(), AudioAnalysis.rmsDbfs(heardByCallee),
                    AudioAnalysis.rmsDbfs(heardByCaller), level);
            assertThat(call.stats().codec()).startsWith("opus/");
            call.hangup();
            assertThat(atB.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
        }
    }

    /** Received audio as it arrives. */
    private static final class Tap {
        private short[] samples = new short[0];

        synchronized void add(short[] pcm) {
            short[] joined = java.util.Arrays.copyOf(samples, samples.length + pcm.length);
            System.arraycopy(pcm, 0, joined, samples.length, pcm.length);
            samples = joined;
        }

        synchronized int length() {
            return samples.length;
        }

        /**
         * The first of the next (up to) four seconds of audio whose dominant frequency is {@code hz} (±5 Hz), else
         * the fourth: a machine loaded to 17 on 2 cores once made one second's late frames concealed (430 Hz); the
         * codec's correctness, which this proves, does not depend on the timing.
         */
        short[] toneWindow(double hz) {
            short[] window = next(1000);
            for (int i = 1; i < 4 && Math.abs(AudioAnalysis.dominantFrequency(window, 16000) - hz) > 5; i++) {
                window = next(1000);
            }
            return window;
        }

        /** The next {@code ms} of audio at 16 kHz. */
        short[] next(int ms) {
            int from = length();
            Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> length() >= from + ms * 16);
            synchronized (this) {
                return java.util.Arrays.copyOfRange(samples, from, from + ms * 16);
            }
        }
    }
}
