package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.audio.AudioAnalysis;
import io.github.rcsoftphone.media.audio.ToneSource;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many calls at once: five caller softphones (one JVM) place two calls each to one callee softphone, ten calls at
 * the same time, each playing its own frequency; two of them (from the same caller, to the same callee) are Opus,
 * the rest PCMU. Each of the callee's recordings must hold its own caller's tone and none of the nine others: no
 * media or codec state is shared between calls or between softphones. Also measures the threads each softphone and
 * each call costs, and checks that close() releases them all.
 */
class LocalEdgeManyCallsTest {
    private static final int CALLERS = 5;
    private static final int CALLS = 10;

    @TempDir
    Path dir;

    private static double hz(int call) {
        return 350 + 130 * call;
    }

    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet();
    }

    @Test
    void tenSimultaneousCallsKeepTheirOwnMediaAndCodecState() throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(CALLERS + 1);
        Map<String, Path> recordings = new ConcurrentHashMap<>();
        List<Call> answered = new CopyOnWriteArrayList<>();
        List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
        int base = threads().size();
        List<Softphone> callers = new ArrayList<>();
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
            edge.start();
            int withEdge = threads().size();
            try (Softphone callee = LocalEdgeTransferTest.phone(edge, accounts.get(0), TransportKind.TLS,
                    List.of("opus", "PCMU"), events,
                    call -> {
                        Path wav = dir.resolve(call.id().replaceAll("[^A-Za-z0-9._-]", "_") + ".wav");
                        try {
                            call.record(wav);
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                        recordings.put(call.id(), wav);
                        call.answer();
                        answered.add(call);
                    })) {
                int oneIdle = threads().size();
                for (int i = 1; i <= CALLERS; i++) {
                    callers.add(Softphone.builder().sipInfo(edge.sipInfo(accounts.get(i), TransportKind.TLS))
                            .tls(edge.clientTls()).mediaAddress(java.net.InetAddress.getLoopbackAddress()).build());
                }
                for (Softphone p : callers) {
                    p.register().get(10, TimeUnit.SECONDS);
                }
                int sixIdle = threads().size();
                Map<String, Double> sent = new TreeMap<>();
                List<Call> calls = new ArrayList<>();
                for (int i = 0; i < CALLS; i++) {
                    List<String> codecs = i % CALLERS == 0 ? List.of("opus") : List.of("PCMU");
                    Call c = callers.get(i % CALLERS).call(accounts.get(0).username(),
                            CallOptions.defaults().withCodecs(codecs));
                    c.play(new ToneSource(hz(i), codecs.get(0).equals("opus") ? 48000 : 8000, 0.5, null));
                    sent.put(c.id(), hz(i));
                    calls.add(c);
                }
                for (Call c : calls) {
                    c.answered().get(30, TimeUnit.SECONDS);
                }
                Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> answered.size() == CALLS
                        && answered.stream().allMatch(c -> c.stats().packetsReceived() > 150));
                int busy = threads().size();
                System.out.println("threads by name with 10 calls up: " + threads().stream()
                        .map(t -> t.getName().replaceAll("-?[0-9]+$", "-N"))
                        .collect(Collectors.groupingBy(n -> n, TreeMap::new, Collectors.counting())));
                String perCodec = answered.stream().map(c -> c.stats().codec())
                        .collect(Collectors.groupingBy(s -> s, TreeMap::new, Collectors.counting())).toString();
                calls.forEach(Call::hangup);
                for (Call c : answered) {
                    assertThat(c.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                }
                System.out.printf("threads: JVM %d, +edge %d, +1 registered softphone %d (%d), +5 more %d (%d each),"
                        + " 10 calls up %d (%+d: %.1f per call); codecs %s%n", base, withEdge, oneIdle,
                        oneIdle - withEdge, sixIdle, (sixIdle - oneIdle) / CALLERS, busy, busy - sixIdle,
                        (busy - sixIdle) / (double) CALLS, perCodec);
                for (Map.Entry<String, Double> e : sent.entrySet()) {
                    Path wav = recordings.get(e.getKey());
                    short[] pcm = AudioAnalysis.readWav(wav);
                    int rate = AudioAnalysis.wavSampleRate(wav);
                    double own = AudioAnalysis.toneLevelDbfs(pcm, rate, e.getValue());
                    double worstOther = Double.NEGATIVE_INFINITY;
                    for (int i = 0; i < CALLS; i++) {
                        if (hz(i) != e.getValue()) {
                            worstOther = Math.max(worstOther, AudioAnalysis.toneLevelDbfs(pcm, rate, hz(i)));
                        }
                    }
                    double dominant = AudioAnalysis.dominantFrequency(pcm, rate);
                    System.out.printf("call sent %.0f Hz: recorded %.1f Hz at %d Hz, own tone %.1f dBFS, strongest"
                            + " other tone %.1f dBFS%n", e.getValue(), dominant, rate, own, worstOther);
                    assertThat(dominant).isCloseTo(e.getValue(), within(5.0));
                    assertThat(own).isGreaterThan(-20);
                    assertThat(worstOther).as("no other call's tone").isLessThan(own - 40);
                }
            } finally {
                callers.forEach(Softphone::close);
            }
        }
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> threads().stream()
                .noneMatch(t -> t.getName().startsWith("softphone-") || t.getName().startsWith("sdes-")));
    }
}
