package io.github.rcsoftphone.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SoftphoneEvent.ConnectionLost;
import io.github.rcsoftphone.SoftphoneEvent.Reconnected;
import io.github.rcsoftphone.SoftphoneEvent.Registered;
import io.github.rcsoftphone.SoftphoneEvent.RegistrationFailed;
import io.github.rcsoftphone.SoftphoneException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegisterCommandTest {

    @TempDir
    Path dir;

    private CliHarness cli(java.util.function.Consumer<FakePhone> onRegister) {
        return new CliHarness(CliHarness.VALID_ENV, dir, onRegister);
    }

    @Test
    void onceExitsZeroAfterTheFirstRegistrationAndUnregisters() {
        CliHarness cli = cli(p -> p.registered(60));
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(cli.out()).isEqualTo("registered 16505550100 via WSS sip.example:8443 (expires 60 s)\nunregistered\n");
        assertThat(cli.err()).isEmpty();
        assertThat(cli.phones.get(0).closes.get()).isPositive();
        assertThat(cli.finishedCodes).containsExactly(0);
    }

    @Test
    void aRegistrationReportedOnlyThroughTheFutureIsPrintedOnce() {
        CliHarness cli = cli(p -> p.registration.complete(new Registered(47, "c", false)));
        assertThat(cli.run("register", "--once")).isZero();
        assertThat(cli.out()).startsWith("registered 16505550100 via WSS sip.example:8443 (expires 47 s)\n");
        assertThat(cli.out().split("registered 1650", -1)).hasSize(2);
    }

    @ParameterizedTest
    @CsvSource({"BAD_CREDENTIALS,3,bad_credentials", "UNREACHABLE,4,unreachable", "TIMEOUT,4,timeout", "TLS,5,tls",
        "REJECTED,1,rejected", "SERVER_ERROR,1,server_error", "TOO_MANY_CONTACTS,1,too_many_contacts"})
    void failuresMapToExitCodesWithOneLine(FailureReason reason, int code, String name) {
        CliHarness cli = cli(p -> {
            p.emit(new RegistrationFailed(reason, "403 Forbidden", false));
            p.registration.completeExceptionally(new SoftphoneException(reason, "403 Forbidden\nmore"));
        });
        assertThat(cli.run("register", "--once")).isEqualTo(code);
        assertThat(cli.err()).isEqualTo("softphone: registration failed: " + name + ": 403 Forbidden more\n");
        assertThat(cli.out()).as("the failure is not repeated on stdout").isEmpty();
        assertThat(cli.finishedCodes).containsExactly(code);
        assertThat(cli.phones.get(0).closes.get()).isPositive();
    }

    @Test
    void withJsonTheFailureEventIsPrintedToo() {
        CliHarness cli = cli(p -> {
            p.emit(new RegistrationFailed(FailureReason.TLS, "PKIX path building failed", false));
            p.registration.completeExceptionally(new SoftphoneException(FailureReason.TLS, "PKIX path building failed"));
        });
        assertThat(cli.run("--json", "register", "--once")).isEqualTo(5);
        assertThat(cli.out()).startsWith("{\"event\":\"registration_failed\",\"reason\":\"tls\",")
                .contains("\"will_retry\":false");
        assertThat(cli.err()).isEqualTo("softphone: registration failed: tls: PKIX path building failed\n");
    }

    @Test
    void aFailureWithoutRegisterOptionRunsTheSameWay() {
        CliHarness cli = cli(p -> p.registration.completeExceptionally(
                new SoftphoneException(FailureReason.UNREACHABLE, "connection refused")));
        assertThat(cli.run("register")).isEqualTo(4);
        assertThat(cli.err()).isEqualTo("softphone: registration failed: unreachable: connection refused\n");
    }

    @Test
    void anUnexpectedErrorIsExitCodeOneWithOneLine() {
        CliHarness cli = cli(p -> {
            throw new UnsupportedOperationException("not yet");
        });
        assertThat(cli.run("register", "--once")).isEqualTo(1);
        assertThat(cli.err()).isEqualTo("softphone: registration failed: error: UnsupportedOperationException: not yet\n");
    }

    @Test
    void withoutOnceKeepsPrintingEventsUntilStopped() throws Exception {
        CliHarness cli = cli(p -> p.registered(60));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.run("register"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("registered 1650"));
        FakePhone phone = cli.phones.get(0);
        phone.emit(new Registered(60, "c", true));
        phone.emit(new ConnectionLost("connection reset"));
        phone.emit(new Reconnected("sip.example:8443"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("reconnected"));
        assertThat(run).isNotDone();
        cli.fireStop();
        assertThat(run.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(cli.out()).isEqualTo("""
                registered 16505550100 via WSS sip.example:8443 (expires 60 s)
                registration refreshed (expires 60 s)
                connection lost: connection reset
                reconnected to sip.example:8443
                unregistered
                """);
        assertThat(cli.err()).isEmpty();
        assertThat(cli.finishedCodes).containsExactly(0);
    }

    @Test
    void aFatalFailureAfterRegisteringEndsTheRun() throws Exception {
        CliHarness cli = cli(p -> p.registered(60));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.run("--json", "register"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("registered"));
        cli.phones.get(0).emit(new RegistrationFailed(FailureReason.SERVER_ERROR, "503", true));
        cli.phones.get(0).emit(new RegistrationFailed(FailureReason.BAD_CREDENTIALS, "401 Unauthorized", false));
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(3);
        assertThat(cli.err()).isEqualTo("softphone: registration failed: bad_credentials: 401 Unauthorized\n");
        assertThat(cli.out().lines()).extracting(l -> l.substring(0, l.indexOf(',')))
                .containsExactly("{\"event\":\"registered\"", "{\"event\":\"registration_failed\"",
                        "{\"event\":\"registration_failed\"", "{\"event\":\"unregistered\"");
    }

    @Test
    void stoppedBeforeRegisteringIsAFailure() throws Exception {
        CliHarness cli = cli(p -> p.emit(new RegistrationFailed(FailureReason.TOO_MANY_CONTACTS, "603", true)));
        CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> cli.run("register", "--once"));
        await().atMost(Duration.ofSeconds(10)).until(() -> cli.out().contains("too_many_contacts"));
        cli.fireStop();
        assertThat(run.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        assertThat(cli.out()).isEqualTo("registration failed: too_many_contacts: 603 (retrying)\n");
        assertThat(cli.err()).isEqualTo("softphone: stopped before the first registration\n");
    }

    @Test
    void jsonLinesCarryEventAndTime() {
        CliHarness cli = cli(p -> p.registered(60));
        assertThat(cli.run("register", "--once", "--json")).isZero();
        assertThat(cli.out()).isEqualTo("""
                {"event":"registered","expires":60,"contact":"<sip:x@y.invalid;transport=ws>","refresh":false,\
                "time":"2026-01-02T03:04:05Z"}
                {"event":"unregistered","time":"2026-01-02T03:04:05Z"}
                """);
    }
}
