package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three in-JVM softphones through the embedded edge: A calls B, B transfers A to C (blind: REFER and NOTIFYs
 * relayed in the dialog, A's new INVITE routed to C); A and C end up hearing each other, B's call ends
 * {@code TRANSFERRED}. A is a WSS (WebRTC) device, B and C are TLS (SDES) devices.
 */
class LocalEdgeTransferTest {
    private static final LocalEdge.Account A = new LocalEdge.Account("802398804011", "16505550011", "pwa");
    private static final LocalEdge.Account B = new LocalEdge.Account("802398804012", "16505550012", "pwb");
    private static final LocalEdge.Account C = new LocalEdge.Account("802398804013", "16505550013", "pwc");

    @TempDir
    Path dir;

    static Softphone phone(LocalEdge edge, LocalEdge.Account a, TransportKind kind, List<SoftphoneEvent> events,
            Consumer<Call> incoming) throws Exception {
        return phone(edge, a, kind, List.of("PCMU"), events, incoming);
    }

    /** A softphone registered with {@code edge}, media on loopback. */
    static Softphone phone(LocalEdge edge, LocalEdge.Account a, TransportKind kind, List<String> codecs,
            List<SoftphoneEvent> events, Consumer<Call> incoming) throws Exception {
        Softphone p = Softphone.builder().sipInfo(edge.sipInfo(a, kind)).tls(edge.clientTls())
                .mediaAddress(InetAddress.getLoopbackAddress()).codecs(codecs)
                .listener(events::add).onIncomingCall(incoming).build();
        p.register().get(10, TimeUnit.SECONDS);
        return p;
    }

    private static void record(Call call, Path wav) {
        try {
            call.record(wav);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void bTransfersAToCBlindAndAAndCTalk() throws Exception {
        List<SoftphoneEvent> aEvents = new CopyOnWriteArrayList<>();
        List<SoftphoneEvent> bEvents = new CopyOnWriteArrayList<>();
        List<SoftphoneEvent> cEvents = new CopyOnWriteArrayList<>();
        CompletableFuture<Call> atB = new CompletableFuture<>();
        CompletableFuture<Call> atC = new CompletableFuture<>();
        CompletableFuture<Call> aToC = new CompletableFuture<>();
        Path heardByA = dir.resolve("a.wav");
        Path heardByC = dir.resolve("c.wav");
        try (LocalEdge edge = LocalEdge.builder().accounts(List.of(A, B, C)).build()) {
            edge.start();
            try (Softphone a = phone(edge, A, TransportKind.WSS, aEvents, c -> { });
                    Softphone b = phone(edge, B, TransportKind.TLS, bEvents, c -> {
                        c.answer();
                        atB.complete(c);
                    });
                    Softphone c = phone(edge, C, TransportKind.TLS, cEvents, call -> {
                        record(call, heardByC);
                        call.play(new ToneSource(1000, 8000, 0.5, null));
                        call.answer();
                        atC.complete(call);
                    })) {
                a.onTransferredCall(call -> {
                    record(call, heardByA);
                    call.play(new ToneSource(440, 8000, 0.5, null));
                    aToC.complete(call);
                });
                Call aToB = a.call(B.username());
                aToB.answered().get(15, TimeUnit.SECONDS);
                Call bFromA = atB.get(5, TimeUnit.SECONDS);
                bFromA.answered().get(10, TimeUnit.SECONDS);

                long t0 = System.nanoTime();
                bFromA.transfer(C.username()).get(20, TimeUnit.SECONDS);
                long transferMs = (System.nanoTime() - t0) / 1_000_000;
                assertThat(bFromA.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.TRANSFERRED);
                assertThat(aToB.ended().get(5, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.TRANSFERRED);
                Call newCall = aToC.get(5, TimeUnit.SECONDS);
                newCall.answered().get(10, TimeUnit.SECONDS);
                Call cCall = atC.get(5, TimeUnit.SECONDS);
                assertThat(cCall.callerNumber()).isEqualTo(A.username());

                Awaitility.await().atMost(Duration.ofSeconds(15)).until(() -> newCall.stats().packetsReceived() > 100
                        && cCall.stats().packetsReceived() > 100);
                newCall.hangup();
                assertThat(cCall.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                newCall.ended().get(5, TimeUnit.SECONDS);

                assertThat(bEvents).contains(new SoftphoneEvent.Transferred(bFromA.id(), C.username()));
                assertThat(bEvents).filteredOn(e -> e instanceof SoftphoneEvent.TransferProgress)
                        .extracting(e -> ((SoftphoneEvent.TransferProgress) e).statusCode()).contains(100, 200);
                assertThat(aEvents).contains(new SoftphoneEvent.Transferred(aToB.id(), C.username()));
                double aHz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(heardByA), 8000);
                double cHz = AudioAnalysis.dominantFrequency(AudioAnalysis.readWav(heardByC), 8000);
                System.out.printf("local edge transfer: REFER to 200 NOTIFY %d ms; A heard %.1f Hz, C heard %.1f Hz%n",
                        transferMs, aHz, cHz);
                assertThat(aHz).isCloseTo(1000, within(5.0));
                assertThat(cHz).isCloseTo(440, within(5.0));
                assertThat(Files.size(heardByA)).isGreaterThan(16_000);
            }
        }
        assertThat(LocalEdgeRegistrationTest.edgeThreads()).isEmpty();
    }
}
