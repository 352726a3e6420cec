package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.Call;
import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.SoftphoneEvent;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands choose the live view, plain lines or JSON as {@code --view} and {@code --json} say. */
class LiveViewCommandTest {

    private static final String STATUS = "softphone 16505550100  registered via WSS sip.example:8443  (expires in 60 s)";

    @TempDir
    Path dir;

    /** Registers, then one call rings, is answered, and the caller hangs up. */
    private static final Consumer<FakePhone> ONE_CALL = phone -> {
        phone.registered(60);
        FakeCall call = new FakeCall("a84b4c76e66710@pc33.example");
        phone.ring(call);
        call.state = Call.CallState.CONNECTED;
        call.stats = new Call.CallStats("pcmu/8000", 150, 1, 0.4, 151, Double.NaN, 3_000);
        phone.emit(new SoftphoneEvent.Answered(call.id, "pcmu/8000"));
        phone.emit(new SoftphoneEvent.Ended(call.id, Call.CallEndReason.REMOTE_HANGUP, "BYE",
                new Call.CallStats("pcmu/8000", 250, 1, 0.4, 251, Double.NaN, 5_000)));
    };

    @Test
    void registerWithTheLiveView() {
        CliHarness cli = new CliHarness(CliHarness.VALID_ENV, dir, phone -> phone.registered(60));
        assertThat(cli.run("--view=live", "register", "--once")).isZero();
        assertThat(cli.out()).isEqualTo("softphone 16505550100  registering via WSS sip.example:8443\033[K\n\033[J"
                + "\033[1A\r\033[Jregistered 16505550100 via WSS sip.example:8443 (expires 60 s)\n"
                + STATUS + "\033[K\n\033[J"
                + "\033[1A\r\033[Junregistered\n"
                + "softphone 16505550100  unregistered\033[K\n\033[J"
                + "\033[1A\rsoftphone 16505550100  unregistered\033[K\n\033[J");
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("softphone-status-view"));
    }

    @Test
    void answerShowsTheCallRowAndItsEndReason() {
        java.util.Map<String, String> env = new java.util.HashMap<>(CliHarness.VALID_ENV);
        env.put("COLUMNS", "100");
        CliHarness cli = new CliHarness(env, dir, ONE_CALL);
        assertThat(cli.run("answer", "--calls", "1", "--view", "live")).isZero();
        assertThat(cli.out()).contains("incoming call a84b4c76e66710@pc33.example from +16505559999\n",
                "answered a84b4c76e66710@pc33.example (pcmu/8000)\n",
                "CALL             DIR STATE      CODEC         TIME RX PKTS  LOST TX PKTS\033[K\n"
                        + "a84b4c76e66710   in  connected  pcmu/8000    00:03"
                        + "     150     1     151\033[K\n",
                "a84b4c76e66710   in  ended      pcmu/8000    00:05     250     1     251  remote_hangup\033[K\n");
    }

    @Test
    void withoutATerminalTheLinesArePlain() {
        for (String[] args : new String[][] {{"answer", "--calls", "1"}, {"--view=plain", "answer", "--calls", "1"}}) {
            CliHarness cli = new CliHarness(CliHarness.VALID_ENV, dir, ONE_CALL);
            assertThat(cli.run(args)).isZero();
            assertThat(cli.out()).isEqualTo("registered 16505550100 via WSS sip.example:8443 (expires 60 s)\n"
                    + "incoming call a84b4c76e66710@pc33.example from +16505559999\n"
                    + "answered a84b4c76e66710@pc33.example (pcmu/8000)\n"
                    + "ended a84b4c76e66710@pc33.example: remote_hangup (pcmu/8000, 250 packets, 1 lost, jitter 0.4 ms, 5 s)\n"
                    + "unregistered\n");
        }
    }

    @Test
    void jsonWinsOverTheLiveView() {
        CliHarness cli = new CliHarness(CliHarness.VALID_ENV, dir, phone -> phone.registered(60));
        assertThat(cli.run("--json", "--view=live", "register", "--once")).isZero();
        assertThat(cli.out()).startsWith("{\"event\":\"registered\"").doesNotContain("\033[");
    }

    @Test
    void aFailureLineIsNotOverdrawn() {
        CliHarness cli = new CliHarness(CliHarness.VALID_ENV, dir, phone -> {
            phone.emit(new SoftphoneEvent.RegistrationFailed(FailureReason.BAD_CREDENTIALS, "403", false));
            phone.registration.completeExceptionally(new SoftphoneException(FailureReason.BAD_CREDENTIALS, "403"));
        });
        assertThat(cli.run("--view=live", "register")).isEqualTo(3);
        assertThat(cli.err()).isEqualTo("softphone: registration failed: bad_credentials: 403\n");
        assertThat(cli.out()).endsWith("\033[1A\r\033[J");
    }

    @Test
    void unknownViewIsAUsageError() {
        CliHarness cli = new CliHarness(CliHarness.VALID_ENV, dir, phone -> phone.registered(60));
        assertThat(cli.run("--view=fancy", "register")).isEqualTo(2);
        assertThat(cli.err()).contains("--view");
    }
}
