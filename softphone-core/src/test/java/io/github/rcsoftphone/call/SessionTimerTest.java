package io.github.rcsoftphone.call;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.sdp.Direction;
import io.github.rcsoftphone.sdp.SessionDescription;
import io.github.rcsoftphone.sdp.Setup;
import io.github.rcsoftphone.testing.FakeScheduler;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The session timer's headers and timing on a fake clock (RFC 4028), and the hold SDP helpers (RFC 3264). */
class SessionTimerTest {
    private final FakeScheduler clock = new FakeScheduler();
    private final AtomicInteger refreshes = new AtomicInteger();
    private final AtomicInteger expiries = new AtomicInteger();
    private final SessionTimer timer = new SessionTimer(clock, refreshes::incrementAndGet, expiries::incrementAndGet);

    @Test
    void parsesRingCentralsValueAndNegotiates() {
        SessionTimer.SessionExpires rc = SessionTimer.parse("14400;refresher=uac").orElseThrow();
        assertThat(rc).isEqualTo(new SessionTimer.SessionExpires(14400, "uac"));
        assertThat(rc.toString()).isEqualTo("14400;refresher=uac");
        assertThat(SessionTimer.parse(" 1800 ; Refresher = UAS").orElseThrow().refresher()).isEqualTo("uas");
        assertThat(SessionTimer.parse("90").orElseThrow().refresher()).isNull();
        assertThat(SessionTimer.parse("soon")).isEmpty();
        assertThat(SessionTimer.parse("-5")).isEmpty();
        assertThat(SessionTimer.parse(null)).isEmpty();
        // an inbound call: the caller (uac) refreshes, not us
        assertThat(SessionTimer.negotiate(rc, false)).isEqualTo(new SessionTimer.Negotiated(14400, false));
        // our INVITE's 200 saying refresher=uac: we refresh
        assertThat(SessionTimer.negotiate(rc, true).weRefresh()).isTrue();
        assertThat(SessionTimer.negotiate(new SessionTimer.SessionExpires(1800, null), true).weRefresh()).isTrue();
        // a UAS picks uac when the UAC supports timers, else itself
        assertThat(SessionTimer.answer(new SessionTimer.SessionExpires(1800, null), true).refresher()).isEqualTo("uac");
        assertThat(SessionTimer.answer(new SessionTimer.SessionExpires(1800, null), false).refresher()).isEqualTo("uas");
        assertThat(SessionTimer.answer(rc, false)).isEqualTo(rc);
    }

    @Test
    void theRefresherRefreshesAtHalfTheInterval() {
        timer.start(new SessionTimer.Negotiated(1800, true));
        clock.advance(Duration.ofSeconds(899));
        assertThat(refreshes).hasValue(0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(refreshes).hasValue(1);
        assertThat(expiries).hasValue(0);
    }

    @Test
    void withoutARefreshTheSessionExpiresAtTheIntervalLessTheSmallerOf32sAndAThird() {
        timer.start(new SessionTimer.Negotiated(1800, false));
        clock.advance(Duration.ofSeconds(1767));
        assertThat(expiries).hasValue(0);
        clock.advance(Duration.ofSeconds(1));
        assertThat(expiries).as("1800 - 32 s").hasValue(1);

        timer.start(new SessionTimer.Negotiated(90, false));
        clock.advance(Duration.ofSeconds(59));
        assertThat(expiries).hasValue(1);
        clock.advance(Duration.ofSeconds(1));
        assertThat(expiries).as("90 - 30 s").hasValue(2);
    }

    @Test
    void aRefreshRestartsTheTimerAndStopCancelsIt() {
        timer.start(new SessionTimer.Negotiated(300, false));
        clock.advance(Duration.ofSeconds(200));
        timer.start(new SessionTimer.Negotiated(300, false));   // the far end's refresh came
        clock.advance(Duration.ofSeconds(200));
        assertThat(expiries).hasValue(0);
        clock.advance(Duration.ofSeconds(68));
        assertThat(expiries).hasValue(1);
        timer.start(new SessionTimer.Negotiated(300, true));
        timer.stop();
        clock.advance(Duration.ofSeconds(1000));
        assertThat(refreshes).hasValue(0);
        assertThat(clock.pendingTimers()).isZero();
    }

    private static final String OURS = "v=0\r\no=- 42 7 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=audio 4000 UDP/TLS/RTP/SAVPF 111 0 101\r\na=ice-ufrag:u\r\na=ice-pwd:pppppppppppppppppppppp\r\n"
            + "a=fingerprint:sha-256 AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB:AB\r\na=setup:actpass\r\na=sendrecv\r\na=rtcp-mux\r\n"
            + "a=rtpmap:111 opus/48000/2\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n"
            + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB\r\n"
            + "a=crypto:2 AES_CM_128_HMAC_SHA1_32 inline:AgICAgICAgICAgICAgICAgICAgICAgICAgICAgIC\r\n";

    @Test
    void holdSdpChangesOnlyTheDirectionAndBumpsTheVersionOncePerChange() throws Exception {
        SessionDescription ours = SessionDescription.parse(OURS);
        assertThat(HoldSdp.withDirection(ours, Direction.SENDRECV)).isSameAs(ours);
        SessionDescription held = HoldSdp.withDirection(ours, Direction.SENDONLY);
        assertThat(held.origin().sessionVersion()).isEqualTo("8");
        assertThat(held.toString()).isEqualTo(OURS.replace("a=sendrecv", "a=sendonly").replace(" 42 7 ", " 42 8 "));
        assertThat(HoldSdp.withDirection(held, Direction.SENDONLY)).isSameAs(held);
        assertThat(HoldSdp.withDirection(held, Direction.SENDRECV).origin().sessionVersion()).isEqualTo("9");
        SessionDescription noDirection = SessionDescription.parse(OURS.replace("a=sendrecv\r\n", ""));
        assertThat(HoldSdp.withDirection(noDirection, Direction.INACTIVE).toString()).contains("a=inactive\r\n");
    }

    @Test
    void settledSdpKeepsTheChosenKeyAndAConcreteDtlsRole() throws Exception {
        SessionDescription ours = SessionDescription.parse(OURS);
        SessionDescription answer = SessionDescription.parse(OURS.replace("a=crypto:1 AES_CM_128_HMAC_SHA1_80 "
                + "inline:AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEB\r\n", ""));
        SessionDescription settled = HoldSdp.settled(ours, Setup.PASSIVE, answer);
        var audio = settled.audio().orElseThrow();
        assertThat(audio.cryptos()).singleElement().satisfies(c -> assertThat(c.tag()).isEqualTo(2));
        assertThat(settled.setup(audio)).contains(Setup.PASSIVE);
        assertThat(settled.origin()).isEqualTo(ours.origin());
    }

    @Test
    void theOfferedDirectionReadsRfc2543Hold() throws Exception {
        SessionDescription ours = SessionDescription.parse(OURS);
        assertThat(HoldSdp.offered(ours)).isEqualTo(Direction.SENDRECV);
        assertThat(HoldSdp.offered(SessionDescription.parse(OURS.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0"))))
                .isEqualTo(Direction.SENDONLY);
        assertThat(HoldSdp.offered(SessionDescription.parse(OURS.replace("c=IN IP4 127.0.0.1", "c=IN IP4 0.0.0.0")
                .replace("a=sendrecv", "a=recvonly")))).isEqualTo(Direction.INACTIVE);
        assertThat(HoldSdp.both(Direction.RECVONLY, Direction.SENDONLY)).isEqualTo(Direction.INACTIVE);
        assertThat(HoldSdp.both(Direction.SENDRECV, Direction.SENDONLY)).isEqualTo(Direction.SENDONLY);
        assertThat(HoldSdp.farEndHolds(Direction.SENDONLY)).isTrue();
        assertThat(HoldSdp.farEndHolds(Direction.INACTIVE)).isTrue();
        assertThat(HoldSdp.farEndHolds(Direction.SENDRECV)).isFalse();
    }
}
