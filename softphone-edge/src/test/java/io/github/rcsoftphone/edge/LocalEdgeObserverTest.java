package io.github.rcsoftphone.edge;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.Softphone;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The edge's {@link ProxyObserver} sees each call's INVITE as forwarded to the callee and the callee's 200 OK as read,
 * in that order on one clock; and a softphone's second call is pre-authenticated with the first call's nonce, which
 * the edge accepts (its INVITE passes with CSeq 1: no 407 came first).
 */
class LocalEdgeObserverTest {

    /** One observed message: what, its Call-ID, its CSeq number, when. */
    private record Seen(String what, String callId, long cseq, long nanos) { }

    @Test
    void seesForwardedInvitesAndTheirOksAndASecondCallNeedsNoChallenge() throws Exception {
        List<LocalEdge.Account> accounts = LocalEdge.Account.generate(2);
        List<Seen> seen = new CopyOnWriteArrayList<>();
        ProxyObserver observer = new ProxyObserver() {
            @Override
            public void forwarded(SipRequest request, long nanoTime) {
                seen.add(new Seen(request.method(), request.callId(), request.cseq().sequence(), nanoTime));
            }

            @Override
            public void received(SipResponse response, long nanoTime) {
                seen.add(new Seen(response.statusCode() + " " + response.cseq().method(), response.callId(),
                        response.cseq().sequence(), nanoTime));
            }
        };
        List<SoftphoneEvent> events = new CopyOnWriteArrayList<>();
        try (LocalEdge edge = LocalEdge.builder().accounts(accounts).observer(observer).build()) {
            edge.start();
            try (Softphone callee = LocalEdgeTransferTest.phone(edge, accounts.get(0), TransportKind.WSS, events,
                    Call::answer);
                 Softphone caller = LocalEdgeTransferTest.phone(edge, accounts.get(1), TransportKind.WSS, events,
                         c -> { })) {
                for (int expectedCseq = 2; expectedCseq >= 1; expectedCseq--) {
                    Call call = caller.call(accounts.get(0).username());
                    call.accepted().get(10, TimeUnit.SECONDS);
                    call.hangup();
                    call.ended().get(10, TimeUnit.SECONDS);
                    Seen invite = seen.stream().filter(s -> s.what().equals("INVITE") && s.callId().equals(call.id()))
                            .findFirst().orElseThrow();
                    Seen ok = seen.stream().filter(s -> s.what().equals("200 INVITE") && s.callId().equals(call.id()))
                            .findFirst().orElseThrow();
                    assertThat(invite.cseq()).as("the first call is challenged, the second pre-authenticated")
                            .isEqualTo(expectedCseq);
                    assertThat(ok.nanos()).isGreaterThan(invite.nanos());
                    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream()
                            .anyMatch(s -> s.what().equals("200 BYE") && s.callId().equals(call.id())));
                }
            }
        }
        assertThat(LocalEdgeRegistrationTest.edgeThreads()).isEmpty();
    }
}
