package io.github.rcsoftphone.interop;

import io.github.rcsoftphone.interop.matrix.Interop;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.interop.sipp.Sipp;
import io.github.rcsoftphone.interop.support.Processes;
import io.github.rcsoftphone.interop.support.TcpPorts;
import io.github.rcsoftphone.media.secure.SdesKeys;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * sipp (a real, independent SIP implementation) plays the edge of a softphone registered over TCP and sends it bad
 * input on the registered connection (scenario {@code sipp/limits-uas.xml}): a malformed SDP offer gets 488, an
 * unknown method 501, a request without From 400; a request with 300 headers and one with a 17 KB header are
 * dropped unanswered; a good OPTIONS and a good SDES call are still answered; finally a Content-Length over the 64 KiB
 * limit costs the connection, and the phone connects again and registers with a second sipp on the same port
 * ({@code sipp/limits-reregister.xml}), where it answers OPTIONS again.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SippLimitsInteropTest {
    private static final String USER = "16505550100";

    @TempDir
    Path dir;

    @Interop(peer = "sipp", via = "sipp as the edge", transport = "TCP", feature = "malformed, oversized and lying messages answered or dropped; re-registers after a framing loss")
    @Test
    void badInputFromARealPeerIsAnsweredOrDroppedAndAFramingLossReRegisters() throws Exception {
        Set<Thread> before = Threads.now();
        int port = TcpPorts.free();
        String inline = SdesKeys.inline(SdesKeys.offer().get(0).keySalt());
        Map<String, String> tokens = Map.of("USER", USER, "MEDIA_PORT", Integer.toString(TcpPorts.free() & ~1),
                "INLINE", inline, "MANY_HEADERS", "      X-A: 1\n".repeat(300).stripTrailing(),
                "LONG_VALUE", "v".repeat(17_000));
        Process first = Sipp.startTcpServer(dir, "limits-uas.xml", tokens, port);
        Process second = null;
        List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
        List<Call> answered = new CopyOnWriteArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> TcpPorts.listening("127.0.0.1", port));
            SipInfo info = new SipInfo("sip.test", "127.0.0.1:" + port, USER, "pw", "802398804016", TransportKind.TCP);
            try (Softphone phone = Softphone.builder().sipInfo(info).listener(events::add)
                    .mediaAddress(InetAddress.getLoopbackAddress()).onIncomingCall(c -> {
                        answered.add(c);
                        c.answer();
                    }).build()) {
                phone.register().get(10, TimeUnit.SECONDS);
                assertThat(first.waitFor(40, TimeUnit.SECONDS)).as("first sipp ends").isTrue();
                assertThat(first.exitValue()).as(Sipp.describe(dir, "limits-uas.xml")).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                        .anyMatch(e -> e instanceof SoftphoneEvent.ConnectionLost));
                assertThat(events).filteredOn(e -> e instanceof SoftphoneEvent.ConnectionLost).first()
                        .satisfies(e -> assertThat(((SoftphoneEvent.ConnectionLost) e).detail())
                                .contains("exceeds the limit of 65536"));
                assertThat(answered).as("only the good INVITE became a call").hasSize(1);
                assertThat(answered.get(0).ended().get(10, TimeUnit.SECONDS).reason())
                        .isEqualTo(Call.CallEndReason.REMOTE_HANGUP);

                long lost = System.nanoTime();
                second = Sipp.startTcpServer(dir, "limits-reregister.xml", Map.of("USER", USER), port);
                assertThat(second.waitFor(40, TimeUnit.SECONDS)).as("second sipp ends").isTrue();
                assertThat(second.exitValue()).as(Sipp.describe(dir, "limits-reregister.xml")).isZero();
                await().atMost(Duration.ofSeconds(10)).until(() -> events.stream()
                        .anyMatch(e -> e instanceof SoftphoneEvent.Reconnected));
                System.out.printf("re-registered with the second sipp %d ms after it started%n",
                        (System.nanoTime() - lost) / 1_000_000);
            }
        } finally {
            Processes.kill(first.toHandle(), Duration.ofSeconds(2));
            if (second != null) {
                Processes.kill(second.toHandle(), Duration.ofSeconds(2));
            }
        }
        Threads.assertNoneLeft(before);
    }
}
