package io.github.rcsoftphone.cli.output;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call.CallEndReason;
import io.github.rcsoftphone.Call.CallStats;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.sip.transport.TransportKind;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

class StatusViewTest {

    private static final SipInfo INFO = new SipInfo("sip.example", "127.0.0.1:8443", "16505550100", "secret", "800123",
            TransportKind.WSS);
    private static final String CALL_ID = "3f2a9c0d1e5b7a4c@host.example";

    /** A clock the test moves. */
    private static final class TestClock extends Clock {
        Instant now = Instant.parse("2026-11-23T20:00:00Z");

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A call whose figures the test sets. */
    private static final class TestCall implements LiveCall {
        volatile String state = "ringing";
        volatile CallStats stats = CallStats.NONE;

        @Override
        public String id() {
            return CALL_ID;
        }

        @Override
        public String direction() {
            return "in";
        }

        @Override
        public String state() {
            return state;
        }

        @Override
        public CallStats stats() {
            return stats;
        }
    }

    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    private final LiveScreen screen = new LiveScreen(new PrintStream(outBytes, true, StandardCharsets.UTF_8),
            new PrintStream(errBytes, true, StandardCharsets.UTF_8), 80);
    private final TestClock clock = new TestClock();
    private final StatusView view = new StatusView(screen, INFO, clock);

    private String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private static CallStats stats(long rx, long lost, long tx, long millis) {
        return new CallStats("opus/48000/2", rx, lost, 0.5, tx, Double.NaN, millis);
    }

    @Test
    void beforeRegistrationOnlyTheStatusLine() {
        assertThat(view.frame()).containsExactly("softphone 16505550100  registering via WSS 127.0.0.1:8443");
    }

    @Test
    void registeredShowsTheTimeToExpiry() {
        view.print(new Registered(60, "<sip:x@y.invalid>", false));
        clock.advance(Duration.ofSeconds(18));
        assertThat(view.frame()).containsExactly(
                "softphone 16505550100  registered via WSS 127.0.0.1:8443  (expires in 42 s)");
    }

    @Test
    void theExactBytesOfAFirstEventAndARedraw() {
        view.print(new Registered(60, "<sip:x@y.invalid>", false));
        String first = out();
        assertThat(first).isEqualTo("registered 16505550100 via WSS 127.0.0.1:8443 (expires 60 s)\n"
                + "softphone 16505550100  registered via WSS 127.0.0.1:8443  (expires in 60 s)\033[K\n\033[J");
        clock.advance(Duration.ofSeconds(1));
        view.tick();
        assertThat(out().substring(first.length())).isEqualTo("\033[1A\r"
                + "softphone 16505550100  registered via WSS 127.0.0.1:8443  (expires in 59 s)\033[K\n\033[J");
    }

    @Test
    void aCallRowFollowsTheLiveFiguresAndKeepsItsLine() {
        view.print(new Registered(60, "<sip:x@y.invalid>", false));
        TestCall call = new TestCall();
        view.watch(call);
        view.print(new SoftphoneEvent.IncomingCall(CALL_ID, "+16505559999", "PSTN Caller"));
        assertThat(view.frame()).containsExactly(
                "softphone 16505550100  registered via WSS 127.0.0.1:8443  (expires in 60 s)",
                "CALL             DIR STATE      CODEC         TIME RX PKTS  LOST TX PKTS",
                "3f2a9c0d1e5b7a4c in  ringing                 00:00       0     0       0");
        call.state = "connected";
        call.stats = stats(600, 0, 600, 12_300);
        view.print(new SoftphoneEvent.Answered(CALL_ID, "opus/48000/2"));
        int before = out().length();
        call.stats = stats(650, 2, 651, 13_300);
        view.tick();
        assertThat(out().substring(before)).isEqualTo("\033[3A\r"
                + "softphone 16505550100  registered via WSS 127.0.0.1:8443  (expires in 60 s)\033[K\n"
                + "CALL             DIR STATE      CODEC         TIME RX PKTS  LOST TX PKTS\033[K\n"
                + "3f2a9c0d1e5b7a4c in  connected  opus/48000/2 00:13     650     2     651\033[K\n\033[J");
    }

    @Test
    void anEndedCallStaysWithItsReasonForAWhile() {
        TestCall call = new TestCall();
        view.watch(call);
        view.print(new SoftphoneEvent.IncomingCall(CALL_ID, "+16505559999", ""));
        call.stats = stats(9999, 9, 9999, 99_000);
        view.print(new SoftphoneEvent.Ended(CALL_ID, CallEndReason.REMOTE_HANGUP, "BYE", stats(250, 1, 251, 5_000)));
        assertThat(view.frame()).containsExactly("softphone 16505550100  registering via WSS 127.0.0.1:8443",
                "CALL             DIR STATE      CODEC         TIME RX PKTS  LOST TX PKTS",
                "3f2a9c0d1e5b7a4c in  ended      opus/48000/2 00:05     250     1     251  remote_hangup");
        clock.advance(StatusView.LINGER.minusMillis(1));
        assertThat(view.frame()).hasSize(3);
        clock.advance(Duration.ofMillis(1));
        view.tick();
        assertThat(view.frame()).containsExactly("softphone 16505550100  registering via WSS 127.0.0.1:8443");
        assertThat(out()).endsWith("\033[3A\rsoftphone 16505550100  registering via WSS 127.0.0.1:8443\033[K\n\033[J");
    }

    @Test
    void eventsArePrintedAboveTheBlockExceptRefreshes() {
        view.print(new Registered(60, "<sip:x@y.invalid>", false));
        int before = out().length();
        view.print(new Registered(60, "<sip:x@y.invalid>", true));
        assertThat(out().substring(before)).doesNotContain("refreshed").startsWith("\033[1A\rsoftphone");
        view.print(new SoftphoneEvent.Dtmf(CALL_ID, '5'));
        assertThat(out()).contains("\033[1A\r\033[Jdtmf 5 in " + CALL_ID + "\nsoftphone 16505550100");
    }

    @Test
    void registrationStates() {
        view.print(new SoftphoneEvent.RegistrationFailed(io.github.rcsoftphone.FailureReason.UNREACHABLE, "x", true));
        assertThat(view.frame().get(0)).endsWith("  registration failed: unreachable (retrying)");
        view.print(new SoftphoneEvent.ConnectionLost("closed"));
        assertThat(view.frame().get(0)).endsWith("  connection lost, reconnecting");
        view.print(new SoftphoneEvent.Reconnected("127.0.0.1:8443"));
        assertThat(view.frame().get(0)).endsWith("  reconnected, registering via WSS 127.0.0.1:8443");
        view.print(new SoftphoneEvent.Unregistered());
        assertThat(view.frame().get(0)).endsWith("  unregistered");
    }

    @Test
    void errorOutputErasesTheBlockAndCloseLeavesItThere() {
        view.print(new Registered(60, "<sip:x@y.invalid>", false));
        screen.err().println("softphone: something");
        assertThat(errBytes.toString(StandardCharsets.UTF_8)).isEqualTo("softphone: something\n");
        assertThat(out()).endsWith("\033[J\033[1A\r\033[J");
        assertThat(screen.visible()).isFalse();
        int before = out().length();
        view.close();
        view.tick();
        view.print(new SoftphoneEvent.Unregistered());
        assertThat(out().length()).as("nothing is drawn below an error line once closed").isEqualTo(before);
    }

    @Test
    void longLinesAreCutToTheWidth() {
        LiveScreen narrow = new LiveScreen(new PrintStream(outBytes, true, StandardCharsets.UTF_8), System.err, 30);
        narrow.draw(List.of("x".repeat(40)));
        assertThat(out()).isEqualTo("x".repeat(29) + "\033[K\n\033[J");
    }

    @Test
    void startedViewRedrawsOnItsOwnThreadUntilClosed() {
        StatusView live = StatusView.start(screen, INFO, Clock.systemUTC());
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> out().split("\033\\[1A", -1).length >= 3);
        live.close();
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("softphone-status-view"));
    }

    @Test
    void terminalDetection() {
        assertThat(LiveScreen.supported(true, Map.of("TERM", "xterm-256color"))).isTrue();
        assertThat(LiveScreen.supported(false, Map.of("TERM", "xterm-256color"))).isFalse();
        assertThat(LiveScreen.supported(true, Map.of("TERM", "dumb"))).isFalse();
        assertThat(LiveScreen.supported(true, Map.of())).isFalse();
        assertThat(LiveScreen.width(Map.of("COLUMNS", "132"))).isEqualTo(132);
        assertThat(LiveScreen.width(Map.of("COLUMNS", "x"))).isEqualTo(80);
        assertThat(LiveScreen.width(Map.of())).isEqualTo(80);
    }

    @Test
    void shortIdsAndTimes() {
        assertThat(StatusView.shortId("abc@host")).isEqualTo("abc@host");
        assertThat(StatusView.shortId(CALL_ID)).isEqualTo("3f2a9c0d1e5b7a4c");
        assertThat(StatusView.shortId("1-16101@127.0.0.1")).isEqualTo("1-16101");
        assertThat(StatusView.shortId("0123456789abcdefghij@host")).isEqualTo("0123456789abc...");
        assertThat(StatusView.time(3_725_000)).isEqualTo("62:05");
    }
}
