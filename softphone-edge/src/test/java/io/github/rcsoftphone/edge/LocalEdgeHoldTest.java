package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.assertj.core.data.Offset;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two softphones call each other through the embedded edge (both flavours): A plays a tone and holds, B's received
 * audio drops to silence while packets keep coming; A unholds and the tone is back. Both see held/unheld events.
 */
class LocalEdgeHoldTest {
    private static final LocalEdge.Account A = new LocalEdge.Account("802398804011", "16505550011", "pw1");
    private static final LocalEdge.Account B = new LocalEdge.Account("802398804012", "16505550012", "pw2");

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

    private Softphone phone(LocalEdge.Account account, TransportKind kind, List<SoftphoneEvent> events)
            throws Exception {
        Softphone p = Softphone.builder().sipInfo(edge.sipInfo(account, kind)).tls(edge.clientTls())
                .mediaAddress(InetAddress.getLoopbackAddress()).listener(events::add).build();
        p.register().get(10, TimeUnit.SECONDS);
        return p;
    }

    /** B's received audio at 8 kHz, as PCM bytes. */
    private static short[] samples(ByteArrayOutputStream heard) {
        byte[] b;
        synchronized (heard) {
            b = heard.toByteArray();
        }
        short[] s = new short[b.length / 2];
        for (int i = 0; i < s.length; i++) {
            s[i] = (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8));
        }
        return s;
    }

    /** The next {@code ms} of audio B hears. */
    private static short[] next(ByteArrayOutputStream heard, int ms) {
        int from = samples(heard).length;
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> samples(heard).length >= from + ms * 8);
        short[] all = samples(heard);
        return java.util.Arrays.copyOfRange(all, from, all.length);
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void aHoldSilencesWhatTheOtherPhoneHearsAndUnholdBringsTheToneBack(TransportKind kind) throws Exception {
        List<SoftphoneEvent> aEvents = new CopyOnWriteArrayList<>();
        List<SoftphoneEvent> bEvents = new CopyOnWriteArrayList<>();
        ByteArrayOutputStream heard = new ByteArrayOutputStream();
        CompletableFuture<Call> incoming = new CompletableFuture<>();
        try (Softphone a = phone(A, kind, aEvents); Softphone b = phone(B, kind, bEvents)) {
            b.onIncomingCall(call -> {
                call.onAudio(8000, pcm -> {
                    synchronized (heard) {
                        for (short s : pcm) {
                            heard.write(s & 0xff);
                            heard.write(s >> 8);
                        }
                    }
                });
                call.answer();
                incoming.complete(call);
            });
            Call call = a.call(B.username(), CallOptions.defaults().withCodecs(List.of("PCMU")));
            call.play(new ToneSource(440, 8000, 0.5, null));
            call.answered().get(20, TimeUnit.SECONDS);
            Call atB = incoming.get(10, TimeUnit.SECONDS);
            next(heard, 500);
            short[] tone = next(heard, 1000);
            assertThat(AudioAnalysis.dominantFrequency(tone, 8000)).isCloseTo(440, Offset.offset(5.0));
            double toneDb = AudioAnalysis.rmsDbfs(tone);

            long t0 = System.nanoTime();
            call.hold().get(10, TimeUnit.SECONDS);
            double holdMs = (System.nanoTime() - t0) / 1e6;
            assertThat(call.onHold()).isTrue();
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(atB::heldByFarEnd);
            next(heard, 300);   // what the jitter buffer still held
            long s0 = System.nanoTime();
            short[] held = next(heard, 1000);
            double rate = held.length / 160.0 / ((System.nanoTime() - s0) / 1e9);
            double heldDb = AudioAnalysis.rmsDbfs(held);
            assertThat(heldDb).as("B hears silence while A holds").isLessThan(-60);
            assertThat(rate).as("frames keep coming: A sends silence packets").isBetween(35.0, 65.0);
            assertThat(atB.stats().packetsReceived()).isPositive();

            t0 = System.nanoTime();
            call.unhold().get(10, TimeUnit.SECONDS);
            double unholdMs = (System.nanoTime() - t0) / 1e6;
            Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !atB.heldByFarEnd());
            next(heard, 300);
            short[] back = next(heard, 1000);
            assertThat(AudioAnalysis.dominantFrequency(back, 8000)).isCloseTo(440, Offset.offset(5.0));
            assertThat(AudioAnalysis.rmsDbfs(back)).isCloseTo(toneDb, Offset.offset(3.0));
            System.out.printf(Locale.ROOT, "%s hold: tone %.1f dBFS, held %.1f dBFS at %.1f packets/s, back %.1f dBFS;"
                    + " hold %.0f ms, unhold %.0f ms%n", kind, toneDb, heldDb, rate, AudioAnalysis.rmsDbfs(back),
                    holdMs, unholdMs);

            assertThat(aEvents).contains(new SoftphoneEvent.Held(call.id(), true), new SoftphoneEvent.Unheld(call.id(), true));
            assertThat(bEvents).contains(new SoftphoneEvent.Held(atB.id(), false), new SoftphoneEvent.Unheld(atB.id(), false));
            call.hangup();
            assertThat(atB.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
        }
    }
}
