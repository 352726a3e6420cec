package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.CallOptions;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Two in-JVM softphones through the embedded edge: DTMF both flavours, RingCentral's commands on a ringing call. */
class LocalEdgeCallControlTest {
    private static final LocalEdge.Account ALICE = new LocalEdge.Account("802398805001", "16505551001", "pw1");
    private static final LocalEdge.Account BOB = new LocalEdge.Account("802398805002", "16505551002", "pw2");

    private LocalEdge edge;

    @BeforeEach
    void start() throws Exception {
        edge = LocalEdge.builder().accounts(List.of(ALICE, BOB)).build();
        edge.start();
    }

    @AfterEach
    void stop() {
        edge.close();
        assertThat(LocalEdgeRegistrationTest.edgeThreads()).isEmpty();
    }

    private Softphone phone(LocalEdge.Account a, TransportKind kind, Consumer<Call> handler,
            Consumer<SoftphoneEvent> events) throws Exception {
        Softphone p = Softphone.builder().sipInfo(edge.sipInfo(a, kind)).tls(edge.clientTls())
                .mediaAddress(InetAddress.getLoopbackAddress()).listener(events::accept)
                .onIncomingCall(handler).build();
        p.register().get(10, TimeUnit.SECONDS);
        return p;
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = TransportKind.class, names = {"WSS", "TLS"})
    void oneSoftphoneSendsDtmfAndTheOtherReportsExactlyThoseDigitsInOrder(TransportKind kind) throws Exception {
        StringBuffer heard = new StringBuffer();
        List<Character> events = new CopyOnWriteArrayList<>();
        try (Softphone bob = phone(BOB, kind, c -> {
                 c.onDtmf(heard::append);
                 c.answer();
             }, e -> {
                 if (e instanceof SoftphoneEvent.Dtmf d) {
                     events.add(d.digit());
                 }
             });
             Softphone alice = phone(ALICE, kind, c -> { }, e -> { })) {
            Call out = alice.call(BOB.username(), CallOptions.defaults());
            out.answered().get(20, TimeUnit.SECONDS);
            long t0 = System.nanoTime();
            out.sendDtmf("159#").get(10, TimeUnit.SECONDS);
            long sentMs = (System.nanoTime() - t0) / 1_000_000;
            await().atMost(Duration.ofSeconds(5)).until(() -> heard.length() >= 4);
            out.hangup();
            out.ended().get(10, TimeUnit.SECONDS);
            assertThat(heard.toString()).isEqualTo("159#");
            assertThat(events).containsExactly('1', '5', '9', '#');
            // 4 keys of 7 packets (140 ms) and 3 gaps of 80 ms: about 800 ms on the media clock
            assertThat(sentMs).as("time to send 159#").isBetween(700L, 3000L);
            System.out.printf("%s: 159# sent in %d ms, received %s%n", kind, sentMs, heard);
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"voicemail", "decline", "forward"})
    void aCommandOnARingingCallReachesTheEdgeAndTheEdgeEndsTheRinging(String command) throws Exception {
        CompletableFuture<Call> ringing = new CompletableFuture<>();
        try (Softphone bob = phone(BOB, TransportKind.WSS, ringing::complete, e -> { });
             Softphone alice = phone(ALICE, TransportKind.TLS, c -> { }, e -> { })) {
            Call out = alice.call(BOB.username(), CallOptions.defaults());
            Call in = ringing.get(20, TimeUnit.SECONDS);
            await().atMost(Duration.ofSeconds(5)).until(() -> edge.agentMessages().stream()
                    .anyMatch(m -> m.body().contains("Cmd=\"17\"")));
            switch (command) {
                case "voicemail" -> in.toVoicemail().get(5, TimeUnit.SECONDS);
                case "forward" -> in.forward("+16505550199").get(5, TimeUnit.SECONDS);
                default -> in.decline();
            }
            Call.CallEnd end = in.ended().get(5, TimeUnit.SECONDS);
            assertThat(end.reason()).isEqualTo(Call.CallEndReason.DECLINED);
            String cmd = switch (command) {
                case "voicemail" -> "11";
                case "forward" -> "10";
                default -> "12";
            };
            AgentMessage sent = edge.agentMessages().get(edge.agentMessages().size() - 1);
            assertThat(sent.body()).contains("Cmd=\"" + cmd + "\"").contains("Cln=\"" + BOB.authorizationId() + "\"");
            assertThat(sent.fromUser()).isEqualTo(BOB.username());
            assertThat(sent.requestUri()).startsWith("sip:#");
            assertThat(out.ended().get(10, TimeUnit.SECONDS).reason()).as("the caller's end").isEqualTo(
                    command.equals("decline") ? Call.CallEndReason.DECLINED : Call.CallEndReason.UNAVAILABLE);
        }
    }
}
