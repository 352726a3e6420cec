package io.github.rcsoftphone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.sip.message.SipParser;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.TestWebSocketServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A real softphone fails over from its main outbound proxy to the backup one, over WebSockets on loopback. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SoftphoneFailoverTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private record Timed(SoftphoneEvent event, long nanos) {
    }

    private final List<Timed> events = new CopyOnWriteArrayList<>();
    private final ClosedInOrder resources = new ClosedInOrder();

    @AfterEach
    void closeAll() throws Exception {
        resources.closeAll(WAIT);
    }

    private Softphone phone(int mainPort, int backupPort) {
        SipInfo info = new SipInfo("sip.test", "127.0.0.1:" + mainPort, "16505550100", "pw", "802398804016",
                TransportKind.WS, "127.0.0.1:" + backupPort, List.of());
        Softphone phone = Softphone.builder().sipInfo(info)
                .listener(e -> events.add(new Timed(e, System.nanoTime()))).build();
        resources.add(phone::close);
        return phone;
    }

    private TestWebSocketServer server() throws Exception {
        TestWebSocketServer s = TestWebSocketServer.sip();
        resources.add(s);
        return s;
    }

    /** A port nothing listens on: connecting is refused. */
    private static int refusingPort() throws Exception {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Reads the next REGISTER on {@code c} and accepts it for 60 s (no challenge: the edge may do that). */
    private static SipRequest acceptRegister(TestWebSocketServer.Connection c) throws Exception {
        SipRequest register = (SipRequest) SipParser.parse(c.nextText(WAIT).getBytes(StandardCharsets.UTF_8));
        assertThat(register.method()).isEqualTo("REGISTER");
        String contact = register.header("Contact").orElseThrow().replaceAll(";expires=\\d+", "") + ";expires=60";
        c.sendText(SipResponse.forRequest(register, 200, "OK", "srv").header("Contact", contact).build().toString(), 1);
        return register;
    }

    /** Closes the phone on another thread and accepts its un-REGISTER on {@code c}. */
    private void closeAnsweringUnregister(Softphone phone, TestWebSocketServer.Connection c) throws Exception {
        CompletableFuture<Void> closed = CompletableFuture.runAsync(phone::close);
        assertThat(acceptRegister(c).header("Expires")).contains("0");
        closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    private <T extends SoftphoneEvent> List<Timed> since(long nanos, Class<T> type) {
        return events.stream().filter(t -> t.nanos() >= nanos && type.isInstance(t.event())).toList();
    }

    @Test
    void mainRefusingRegistersOnTheBackup() throws Exception {
        TestWebSocketServer backup = server();
        Softphone phone = phone(refusingPort(), backup.port());

        CompletableFuture<SoftphoneEvent.Registered> registered = phone.register();
        TestWebSocketServer.Connection c = backup.accept(WAIT);
        acceptRegister(c);

        SoftphoneEvent.Registered r = registered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(r.backup()).isTrue();
        assertThat(r.proxy()).isEqualTo("127.0.0.1:" + backup.port());
        await().atMost(WAIT).until(() -> !since(0, SoftphoneEvent.RegistrationFailed.class).isEmpty());
        assertThat(since(0, SoftphoneEvent.RegistrationFailed.class)).singleElement().satisfies(t -> {
            SoftphoneEvent.RegistrationFailed f = (SoftphoneEvent.RegistrationFailed) t.event();
            assertThat(f.reason()).isEqualTo(FailureReason.UNREACHABLE);
            assertThat(f.willRetry()).isTrue();
            assertThat(f.detail()).contains("main proxy").contains("next try: backup proxy");
        });
        closeAnsweringUnregister(phone, c);
    }

    @Test
    void mainDyingAfterRegistrationReRegistersOnTheBackup() throws Exception {
        TestWebSocketServer main = server();
        TestWebSocketServer backup = server();
        Softphone phone = phone(main.port(), backup.port());
        CompletableFuture<SoftphoneEvent.Registered> registered = phone.register();
        acceptRegister(main.accept(WAIT));
        SoftphoneEvent.Registered first = registered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(first.backup()).isFalse();
        assertThat(first.proxy()).isEqualTo("127.0.0.1:" + main.port());

        long diedAt = System.nanoTime();
        main.close(); // drops the connection and stops listening: reconnects to it are refused

        TestWebSocketServer.Connection c = backup.accept(WAIT);
        acceptRegister(c);
        await().atMost(WAIT).until(() -> !since(diedAt, SoftphoneEvent.Registered.class).isEmpty());
        Timed again = since(diedAt, SoftphoneEvent.Registered.class).get(0);
        SoftphoneEvent.Registered r = (SoftphoneEvent.Registered) again.event();
        assertThat(r.backup()).isTrue();
        assertThat(r.proxy()).isEqualTo("127.0.0.1:" + backup.port());
        assertThat(since(diedAt, SoftphoneEvent.ConnectionLost.class)).hasSize(1);
        assertThat(since(diedAt, SoftphoneEvent.Reconnected.class)).singleElement()
                .satisfies(t -> assertThat(((SoftphoneEvent.Reconnected) t.event()).backup()).isTrue());
        long ms = (again.nanos() - diedAt) / 1_000_000;
        System.out.println("re-registered on the backup " + ms + " ms after the main died");
        assertThat(ms).as("one retry of the main, then the backup, under the back-off").isLessThan(3000);
        closeAnsweringUnregister(phone, c);
    }
}
