package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneRuntime;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Many softphones on one {@link SoftphoneRuntime}: the thread count does not grow with the number of softphones
 * (with a runtime each, every registered softphone had its own 4-6 threads), calls between softphones of the same
 * runtime work, closing one softphone leaves the others registered, and closing the runtime ends every thread.
 */
class SharedRuntimeTest {
    private static final int PHONES = 12;

    private static Set<Thread> threads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).collect(Collectors.toSet());
    }

    private static Set<String> ours(Set<Thread> before) {
        return threads().stream().filter(t -> !before.contains(t))
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool") && !n.startsWith("softphone-edge")
                        && !n.startsWith("awaitility") && !n.startsWith("Cleaner-")
                        // one per JVM, from loading libopus (JNA runs ldconfig -p once)
                        && !n.equals("JNA Cleaner") && !n.equals("process reaper"))
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    @ParameterizedTest
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void manySoftphonesShareOneSetOfThreads(TransportKind kind) throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(PHONES);
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).build()) {
            edge.start();
            Set<Thread> base = threads();
            List<Softphone> phones = new ArrayList<>();
            SoftphoneRuntime runtime = SoftphoneRuntime.create();
            try {
                for (LocalEdge.Account account : accounts) {
                    phones.add(Softphone.builder().runtime(runtime).sipInfo(edge.sipInfo(account, kind))
                            .tls(edge.clientTls()).mediaAddress(InetAddress.getLoopbackAddress()).build());
                }
                CompletableFuture.allOf(phones.stream().map(Softphone::register).toArray(CompletableFuture[]::new))
                        .get(30, TimeUnit.SECONDS);
                assertThat(edge.bindings()).hasSize(PHONES);
                Set<String> registered = ours(base);
                // every softphone: the runtime's softphone-sip and softphone-events, the shared connection pool
                // (softphone-io-#: TLS: a reader and a writer per connection; WSS: one selector thread for all
                // connections and a TLS worker or two); before: 4-6 threads per softphone
                assertThat(registered.stream().filter(n -> !n.startsWith("softphone-io-")).toList())
                        .as("threads of %d registered softphones: %s", PHONES, registered)
                        .containsExactlyInAnyOrder("softphone-sip", "softphone-events");
                long io = registered.stream().filter(n -> n.startsWith("softphone-io-")).count();
                assertThat(io).as("connection threads: %s", registered)
                        .isLessThanOrEqualTo(2L * PHONES);

                Softphone callee = phones.get(0);
                callee.onIncomingCall(Call::answer);
                Call call = phones.get(1).call(accounts.get(0).username(), CallOptions.defaults().withCodecs(List.of("PCMU")));
                call.answered().get(20, TimeUnit.SECONDS);
                call.hangup();
                assertThat(call.ended().get(10, TimeUnit.SECONDS).reason()).isEqualTo(Call.CallEndReason.HANGUP);

                phones.remove(PHONES - 1).close();
                Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> edge.bindings().size() == PHONES - 1);
                assertThat(phones.get(2).register().get(10, TimeUnit.SECONDS)).isNotNull();
            } finally {
                phones.forEach(Softphone::close);
                runtime.close();
            }
            assertThatThrownBy(() -> Softphone.builder().runtime(runtime)
                    .sipInfo(edge.sipInfo(accounts.get(0), kind)).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(ours(base)).isEmpty());
        }
    }
}
