package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalEdgeRegistrationTest {
    private static final LocalEdge.Account ALICE = new LocalEdge.Account("802398804016", "16505550100", "secret");
    private static final LocalEdge.Account BOB = new LocalEdge.Account("802398804017", "16505550101", "secret2");

    private static Softphone phone(LocalEdge edge, LocalEdge.Account a, TransportKind kind) {
        return Softphone.builder().sipInfo(edge.sipInfo(a, kind)).tls(edge.clientTls()).build();
    }

    @Test
    void softphonesRegisterOverWssAndTlsAndTheirBindingsComeAndGo() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(ALICE).account(BOB).build()) {
            edge.start();
            assertThat(edge.sipInfo(ALICE, TransportKind.WSS).outboundProxy())
                    .isEqualTo("127.0.0.1:" + edge.port(TransportKind.WSS));
            try (Softphone wss = phone(edge, ALICE, TransportKind.WSS);
                 Softphone tls = phone(edge, BOB, TransportKind.TLS)) {
                SoftphoneEvent.Registered a = wss.register().get(10, TimeUnit.SECONDS);
                SoftphoneEvent.Registered b = tls.register().get(10, TimeUnit.SECONDS);
                assertThat(a.expiresSeconds()).isLessThanOrEqualTo(60);
                assertThat(b.expiresSeconds()).isGreaterThan(0);
                assertThat(edge.bindings()).extracting(LocalEdge.Binding::username, LocalEdge.Binding::transport)
                        .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(ALICE.username(), TransportKind.WSS),
                                org.assertj.core.groups.Tuple.tuple(BOB.username(), TransportKind.TLS));
                assertThat(edge.bindings()).filteredOn(x -> x.transport() == TransportKind.WSS).singleElement()
                        .satisfies(x -> assertThat(x.contact()).contains(".invalid"));
                assertThat(edge.stats().registrations()).isEqualTo(2);
                assertThat(edge.stats().activeConnections()).isEqualTo(2);
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.bindings().isEmpty()
                    && edge.stats().activeConnections() == 0);
        }
    }

    @Test
    void wrongPasswordIsTheSoftphonesBadCredentials() throws Exception {
        try (LocalEdge edge = LocalEdge.builder().account(ALICE).build()) {
            edge.start();
            for (TransportKind kind : List.of(TransportKind.WSS, TransportKind.TLS)) {
                LocalEdge.Account wrong = new LocalEdge.Account(ALICE.authorizationId(), ALICE.username(), "nope");
                try (Softphone phone = phone(edge, wrong, kind)) {
                    assertThatThrownBy(() -> phone.register().join()).isInstanceOf(CompletionException.class)
                            .cause().isInstanceOf(SoftphoneException.class)
                            .satisfies(e -> assertThat(((SoftphoneException) e).reason())
                                    .isEqualTo(FailureReason.BAD_CREDENTIALS));
                }
                LocalEdge.Account stranger = new LocalEdge.Account("999", ALICE.username(), "secret");
                try (Softphone phone = phone(edge, stranger, kind)) {
                    assertThatThrownBy(() -> phone.register().join()).cause()
                            .satisfies(e -> assertThat(((SoftphoneException) e).reason())
                                    .isEqualTo(FailureReason.BAD_CREDENTIALS));
                }
            }
            assertThat(edge.bindings()).isEmpty();
        }
    }

    @Test
    void closeLeavesNoThreadNoPortNoFile() throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(3);
        assertThat(accounts).extracting(LocalEdge.Account::username).doesNotHaveDuplicates();
        LocalEdge edge = LocalEdge.builder().accounts(accounts).build();
        edge.start();
        Path ca = edge.caPem();
        List<Integer> ports = List.of(TransportKind.values()).stream().map(edge::port).toList();
        try (Softphone phone = phone(edge, accounts.get(2), TransportKind.WSS);
             RawSipClient idle = new RawSipClient(edge.port(TransportKind.TCP))) {
            phone.register().get(10, TimeUnit.SECONDS);
            assertThat(edgeThreads()).hasSizeGreaterThanOrEqualTo(6);
            edge.close();
            edge.close();
        }
        assertThat(edgeThreads()).isEmpty();
        assertThat(Files.exists(ca)).isFalse();
        for (int port : ports) {
            try (ServerSocket again = new ServerSocket(port, 5, InetAddress.getLoopbackAddress())) {
                assertThat(again.getLocalPort()).isEqualTo(port);
            }
        }
        assertThatThrownBy(() -> edge.port(TransportKind.WSS)).isInstanceOf(IllegalStateException.class);
    }

    static List<String> edgeThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("softphone-edge-")).toList();
    }
}
