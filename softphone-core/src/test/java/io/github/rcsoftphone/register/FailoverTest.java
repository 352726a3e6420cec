package io.github.rcsoftphone.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone.RegistrationOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transport.TransportException;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.FakeScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Main/backup proxy failover of the registration, on a fake clock. */
class FailoverTest {
    private static final String MAIN = "sip123.example:8083";
    private static final String BACKUP = "sip124.example:8083";
    private static final String CHALLENGE = "Digest realm=\"sip.ringcentral.com\", nonce=\"YDU6l2A1OWtVYiAg\"";

    private record Attempt(String proxy, long atMs) {
    }

    private final FakeScheduler clock = new FakeScheduler();
    private final List<SoftphoneEvent> events = new ArrayList<>();
    private final List<Attempt> attempts = new ArrayList<>();
    private final List<FakeChannel> channels = new ArrayList<>();
    private final Set<String> down = new HashSet<>();
    private final Set<String> badTls = new HashSet<>();
    private final SipInfo info = new SipInfo("sip.ringcentral.com", MAIN, "16505550100", "secret", "802398804016",
            TransportKind.WSS, BACKUP, List.of());
    private final RegistrationOptions options = RegistrationOptions.defaults();
    private final java.util.Random random = new java.util.Random(11);
    private final RegistrationAgent agent = new RegistrationAgent(clock, this::connect, info, options,
            new RegisterRequests(info, UUID.fromString("8a8a1f52-0c1e-4d8b-9d1c-1b6f9c5b1f00"), "test", random),
            events::add, (c, r) -> { }, random);

    private CompletableFuture<SipChannel> connect(SipInfo.HostPort proxy, SipChannel.Handler handler) {
        String p = proxy.toString();
        attempts.add(new Attempt(p, clock.elapsed().toMillis()));
        if (badTls.contains(p)) {
            return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.TLS,
                    "certificate for other.test"));
        }
        if (down.contains(p)) {
            return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.UNREACHABLE,
                    "cannot connect to wss://" + p + ": Connection refused"));
        }
        FakeChannel c = new FakeChannel(clock, TransportKind.WSS, handler);
        channels.add(c);
        return CompletableFuture.completedFuture(c);
    }

    private FakeChannel channel() {
        return channels.get(channels.size() - 1);
    }

    private void answer(int code, String... headers) {
        SipResponse.Builder b = SipResponse.forRequest(channel().last().request(), code, "R", "srv" + code);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        channel().answer(b);
        clock.runPending();
    }

    private void register() {
        answer(401, "WWW-Authenticate", CHALLENGE);
        answer(200, "Contact", channel().last().request().header("Contact").orElseThrow()
                .replaceAll(";expires=\\d+", "") + ";expires=60");
    }

    /** Advances the clock in small steps until {@code n} connection attempts were made (at most a minute). */
    private void untilAttempts(int n) {
        for (int i = 0; i < 1200 && attempts.size() < n; i++) {
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(attempts).hasSizeGreaterThanOrEqualTo(n);
    }

    private List<String> proxiesDialled() {
        return attempts.stream().map(Attempt::proxy).toList();
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void mainRefusingAtStartRegistersOnTheBackupAndTheFirstResultSucceeds() {
        down.add(MAIN);
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        clock.runPending();
        assertThat(first).as("one proxy left to try").isNotDone();
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).singleElement().satisfies(f -> {
            assertThat(f.reason()).isEqualTo(FailureReason.UNREACHABLE);
            assertThat(f.willRetry()).isTrue();
            assertThat(f.detail()).contains("main proxy " + MAIN).contains("Connection refused")
                    .contains("next try: backup proxy " + BACKUP);
        });

        untilAttempts(2);
        register();

        assertThat(proxiesDialled()).containsExactly(MAIN, BACKUP);
        assertThat(first.join().proxy()).isEqualTo(BACKUP);
        assertThat(first.join().backup()).isTrue();
    }

    @Test
    void lostOnTheMainRetriesTheMainOnceThenReRegistersOnTheBackup() {
        agent.start();
        clock.runPending();
        register();
        assertThat(eventsOf(SoftphoneEvent.Registered.class).get(0).backup()).isFalse();
        assertThat(eventsOf(SoftphoneEvent.Registered.class).get(0).proxy()).isEqualTo(MAIN);

        down.add(MAIN);
        long lostAt = clock.elapsed().toMillis();
        channel().drop("reset by peer");
        clock.runPending();
        untilAttempts(3);
        register();

        assertThat(proxiesDialled()).containsExactly(MAIN, MAIN, BACKUP);
        assertThat(attempts.get(1).atMs() - lostAt).as("first retry after the first back-off step").isBetween(200L, 300L);
        assertThat(attempts.get(2).atMs() - attempts.get(1).atMs()).as("second step").isBetween(400L, 600L);
        assertThat(eventsOf(SoftphoneEvent.Reconnected.class)).singleElement()
                .satisfies(r -> assertThat(r.backup()).isTrue());
        SoftphoneEvent.Registered again = eventsOf(SoftphoneEvent.Registered.class).get(1);
        assertThat(again.proxy()).isEqualTo(BACKUP);
        assertThat(again.backup()).isTrue();
        assertThat(again.refresh()).isFalse();
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).as("registered before: failures only logged")
                .isEmpty();
    }

    @Test
    void onceOnTheBackupItStaysThereAndASuccessResetsTheBackOff() {
        down.add(MAIN);
        agent.start();
        untilAttempts(2);
        register();
        down.remove(MAIN); // the main is back, but the device stays on the backup while the backup works

        clock.advance(Duration.ofSeconds(45)); // refresh goes over the same connection
        answer(200, "Contact", channel().last().request().header("Contact").orElseThrow()
                .replaceAll(";expires=\\d+", "") + ";expires=60");
        assertThat(attempts).hasSize(2);

        long lostAt = clock.elapsed().toMillis();
        channel().drop("backup restarted");
        clock.runPending();
        untilAttempts(3);
        assertThat(proxiesDialled()).containsExactly(MAIN, BACKUP, BACKUP);
        assertThat(attempts.get(2).atMs() - lostAt).as("back-off reset by the success").isBetween(200L, 300L);
        register();
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).last().satisfies(r -> assertThat(r.backup()).isTrue());
    }

    @Test
    void bothDownAlternatesUnderTheGrowingBackOffAndFailsTheFirstResultAfterBoth() {
        down.add(MAIN);
        down.add(BACKUP);
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        clock.runPending();
        assertThat(first).isNotDone();
        untilAttempts(2);
        assertThat(first).isCompletedExceptionally();
        assertThat(cause(first).reason()).isEqualTo(FailureReason.UNREACHABLE);
        untilAttempts(7);

        assertThat(proxiesDialled().subList(0, 7)).containsExactly(MAIN, BACKUP, MAIN, BACKUP, MAIN, BACKUP, MAIN);
        long[] nominal = {250, 500, 1000, 2000, 3000, 3000};
        for (int i = 0; i < nominal.length; i++) {
            assertThat(attempts.get(i + 1).atMs() - attempts.get(i).atMs()).as("gap %d", i)
                    .isBetween((long) (nominal[i] * 0.8) - 50, (long) (nominal[i] * 1.2) + 50);
        }
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).hasSize(2)
                .allMatch(SoftphoneEvent.RegistrationFailed::willRetry);
    }

    @Test
    void badCredentialsOnTheMainDoNotFailOver() {
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        clock.runPending();
        answer(401, "WWW-Authenticate", CHALLENGE);
        answer(401, "WWW-Authenticate", CHALLENGE.replace("YDU6", "ZZZZ"));

        assertThat(cause(first).reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        clock.advance(Duration.ofMinutes(10));
        assertThat(proxiesDialled()).containsExactly(MAIN);
    }

    @Test
    void forbiddenOnTheMainDoesNotFailOverEither() {
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        clock.runPending();
        answer(403);
        assertThat(cause(first).reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        clock.advance(Duration.ofMinutes(10));
        assertThat(proxiesDialled()).containsExactly(MAIN);
    }

    @Test
    void aTlsFailureOnTheMainFailsOverAndOnBothIsFinal() {
        badTls.add(MAIN);
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        untilAttempts(2);
        register();
        assertThat(first.join().backup()).isTrue();
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.reason()).isEqualTo(FailureReason.TLS));

        FailoverTest other = new FailoverTest();
        other.badTls.add(MAIN);
        other.badTls.add(BACKUP);
        CompletableFuture<SoftphoneEvent.Registered> both = other.agent.start();
        other.untilAttempts(2);
        assertThat(cause(both).reason()).isEqualTo(FailureReason.TLS);
        other.clock.advance(Duration.ofMinutes(5));
        assertThat(other.attempts).hasSize(2);
        assertThat(other.eventsOf(SoftphoneEvent.RegistrationFailed.class)).last()
                .satisfies(f -> assertThat(f.willRetry()).isFalse());
    }

    @Test
    void aMainThatAcceptsButNeverAnswersIsLeftForTheBackup() {
        agent.start();
        clock.runPending();
        clock.advance(options.answerTimeout()); // REGISTER unanswered on the main
        untilAttempts(2);
        register();
        assertThat(proxiesDialled()).containsExactly(MAIN, BACKUP);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).singleElement()
                .satisfies(r -> assertThat(r.backup()).isTrue());
    }

    private static SoftphoneException cause(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable t = f.handle((v, e) -> e).join();
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(SoftphoneException.class);
        return (SoftphoneException) t;
    }
}
