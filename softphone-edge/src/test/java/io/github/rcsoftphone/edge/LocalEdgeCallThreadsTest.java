package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.media.secure.SrtpKeys;
import io.github.rcsoftphone.media.secure.SrtpProfile;
import io.github.rcsoftphone.media.secure.SrtpSession;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A call owns no thread: one caller softphone places first 1, then 20 concurrent calls to one callee softphone
 * through the embedded edge, WebRTC (WSS: ICE + DTLS-SRTP) and SDES (TLS). Once set-up pools are idle, the threads
 * with 20 calls up are those with 1 call up (each softphone's media clock and media I/O thread) plus at most one more
 * media clock lane per core, none is named after a call, and closing both softphones leaves no thread and no socket behind.
 */
class LocalEdgeCallThreadsTest {
    private static final int CALLS = 20;

    private static List<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).toList();
    }

    /** Names of live threads not in {@code before}, sorted (ForkJoin and Awaitility helpers left out). */
    private static List<String> added(Set<Thread> before) {
        return threads().stream().filter(t -> !before.contains(t)).map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool") && !n.startsWith("awaitility")).sorted()
                .collect(Collectors.toList());
    }

    /** Pool threads that only live while set-up work runs and a few seconds after. */
    private static boolean transientPool(String name) {
        return name.startsWith("softphone-media-setup-") || name.contains("-worker-");
    }

    /** Sockets this process holds (Linux /proc). */
    private static long sockets() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(p -> {
                try {
                    return Files.readSymbolicLink(p).toString().startsWith("socket:");
                } catch (IOException e) {
                    return false;
                }
            }).count();
        }
    }

    /** The added threads once the set-up pools are idle (they end 5 s after their last task). */
    private static List<String> steady(Set<Thread> before) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> added(before).stream().noneMatch(LocalEdgeCallThreadsTest::transientPool));
        return added(before);
    }

    private static void awaitMedia(List<Call> answered, int calls) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> answered.size() == calls
                && answered.stream().allMatch(c -> c.stats().packetsReceived() > 25));
    }

    /**
     * jitsi-srtp's OpenSSL cipher classes start JVM-wide {@code Cleaner-N} threads when first used: use every SRTP
     * profile once before taking the baseline, so those library threads are not counted against the softphones.
     */
    private static void loadSrtpOnce() {
        for (SrtpProfile p : SrtpProfile.values()) {
            byte[] k = new byte[p.keyLength()];
            byte[] s = new byte[p.saltLength()];
            try (SrtpSession a = new SrtpSession(new SrtpKeys(p, k, s, k, s))) {
                byte[] rtp = new byte[32];
                rtp[0] = (byte) 0x80;
                byte[] srtp = a.protectRtp(rtp);
                a.unprotectRtp(srtp, 0, srtp.length);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void twentyCallsCostNoMoreThreadsThanOne(TransportKind kind) throws Exception {
        loadSrtpOnce();
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(2);
        List<Call> answered = new CopyOnWriteArrayList<>();
        List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
            edge.start();
            Set<Thread> withEdge = Set.copyOf(threads());
            long socketsWithEdge = sockets();
            Softphone callee = LocalEdgeTransferTest.phone(edge, accounts.get(0), kind, events, call -> {
                call.answer();
                answered.add(call);
            });
            Softphone caller = LocalEdgeTransferTest.phone(edge, accounts.get(1), kind, events, call -> { });
            List<Call> calls = new ArrayList<>();
            try {
                Set<Thread> idle = Set.copyOf(threads());
                calls.add(caller.call(accounts.get(0).username(), CallOptions.defaults()));
                calls.get(0).answered().get(30, TimeUnit.SECONDS);
                awaitMedia(answered, 1);
                List<String> oneCall = steady(idle);
                for (int i = 1; i < CALLS; i++) {
                    calls.add(caller.call(accounts.get(0).username(), CallOptions.defaults()));
                }
                for (Call c : calls) {
                    c.answered().get(60, TimeUnit.SECONDS);
                }
                awaitMedia(answered, CALLS);
                List<String> twentyCalls = steady(idle);
                System.out.printf("%s: threads added by 1 call %s, by %d calls %s; %d live threads in all%n", kind,
                        oneCall, CALLS, twentyCalls, threads().size());
                // the media clock spreads calls over up to one tick thread per core (softphone-media-2, ...)
                List<String> lanes = twentyCalls.stream().filter(n -> n.matches("softphone-media-\\d+")).toList();
                int cores = Runtime.getRuntime().availableProcessors();
                assertThat(lanes).as("extra media clock lanes of 2 softphones").hasSizeLessThanOrEqualTo(2 * (cores - 1));
                assertThat(twentyCalls.stream().filter(n -> !lanes.contains(n)).toList())
                        .as("threads with %d calls up vs 1 call", CALLS).isEqualTo(oneCall);
                assertThat(twentyCalls).as("no thread belongs to a call")
                        .noneMatch(n -> n.startsWith("webrtc-") || n.startsWith("sdes-"))
                        .hasSizeLessThanOrEqualTo(4 + lanes.size());
                long before = answered.stream().mapToLong(c -> c.stats().packetsReceived()).sum();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> answered.stream()
                        .mapToLong(c -> c.stats().packetsReceived()).sum() > before + CALLS * 10L);
                calls.forEach(Call::hangup);
                for (Call c : answered) {
                    assertThat(c.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.REMOTE_HANGUP);
                }
            } finally {
                caller.close();
                callee.close();
            }
            assertThat(added(withEdge)).as("threads left after close").isEmpty();
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(sockets()).as("sockets after close").isLessThanOrEqualTo(socketsWithEdge));
        }
    }
}
