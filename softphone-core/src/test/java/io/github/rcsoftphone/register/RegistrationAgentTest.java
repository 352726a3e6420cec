package io.github.rcsoftphone.register;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.rcsoftphone.FailureReason;
import io.github.rcsoftphone.SipInfo;
import io.github.rcsoftphone.Softphone.RegistrationOptions;
import io.github.rcsoftphone.SoftphoneEvent;
import io.github.rcsoftphone.SoftphoneException;
import io.github.rcsoftphone.sip.message.SipRequest;
import io.github.rcsoftphone.sip.message.SipResponse;
import io.github.rcsoftphone.sip.transaction.SipChannel;
import io.github.rcsoftphone.sip.transport.TransportException;
import io.github.rcsoftphone.sip.transport.TransportKind;
import io.github.rcsoftphone.testing.FakeScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class RegistrationAgentTest {
    private static final String CHALLENGE = "Digest realm=\"sip.ringcentral.com\", nonce=\"YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5\"";

    private final FakeScheduler clock = new FakeScheduler();
    private final List<SoftphoneEvent> events = new ArrayList<>();
    private final List<FakeChannel> channels = new ArrayList<>();
    private final Deque<Throwable> connectFailures = new ArrayDeque<>();
    private final List<Long> connectTimesMs = new ArrayList<>();
    private final SipInfo info = new SipInfo("sip.ringcentral.com", "edge.test:8083", "17206666666*11115", "secret",
            "802398804016", TransportKind.WSS);
    private final RegistrationOptions options = RegistrationOptions.defaults();
    private final RandomGenerator random = new java.util.Random(7);
    private final RegistrationAgent agent = new RegistrationAgent(clock, this::connect, info, options,
            new RegisterRequests(info, UUID.fromString("8a8a1f52-0c1e-4d8b-9d1c-1b6f9c5b1f00"), "test-agent", random),
            events::add, (c, r) -> { }, random);

    private CompletableFuture<SipChannel> connect(SipInfo.HostPort proxy, SipChannel.Handler handler) {
        connectTimesMs.add(clock.elapsed().toMillis());
        Throwable failure = connectFailures.poll();
        if (failure != null) {
            return CompletableFuture.failedFuture(failure);
        }
        FakeChannel c = new FakeChannel(clock, TransportKind.WSS, handler);
        channels.add(c);
        return CompletableFuture.completedFuture(c);
    }

    private FakeChannel channel() {
        return channels.get(channels.size() - 1);
    }

    private SipRequest lastRequest() {
        return channel().last().request();
    }

    private void answer(int code, String reason, String... headers) {
        SipResponse.Builder b = SipResponse.forRequest(lastRequest(), code, reason, "srv" + code);
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        channel().answer(b);
        clock.runPending();
    }

    private void answerOk(int expires) {
        answer(200, "OK", "Contact", lastRequest().header("Contact").orElseThrow().replaceAll(";expires=\\d+", "")
                + ";expires=" + expires);
    }

    private void registerWithChallenge(int expires) {
        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE);
        answerOk(expires);
    }

    private static SoftphoneException failure(CompletableFuture<?> f) {
        assertThat(f).isCompletedExceptionally();
        Throwable t = f.handle((v, e) -> e).join();
        while (t instanceof java.util.concurrent.CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        assertThat(t).isInstanceOf(SoftphoneException.class);
        return (SoftphoneException) t;
    }

    private <T> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    @Test
    void registersAfterDigestChallengeLikeTheArticle() {
        CompletableFuture<SoftphoneEvent.Registered> first = agent.start();
        clock.runPending();

        SipRequest register = lastRequest();
        assertThat(register.method()).isEqualTo("REGISTER");
        assertThat(register.uri().toString()).isEqualTo("sip:sip.ringcentral.com");
        assertThat(register.header("Authorization")).isEmpty();
        assertThat(register.vias().get(0).transport()).isEqualTo("WSS");
        assertThat(register.vias().get(0).host()).endsWith(".invalid");
        assertThat(register.vias().get(0).branch()).startsWith("z9hG4bK");
        assertThat(register.from().uri().toString()).isEqualTo("sip:17206666666*11115@sip.ringcentral.com");
        assertThat(register.from().tag()).isNotBlank();
        assertThat(register.to().uri().user()).isEqualTo("17206666666*11115");
        assertThat(register.header("Contact").orElseThrow())
                .matches("<sip:[0-9a-f]+@[0-9a-f]+\\.invalid;transport=ws>;\\+sip\\.instance=\"<urn:uuid:8a8a1f52-0c1e-4d8b-9d1c-1b6f9c5b1f00>\";expires=600");

        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE);
        SipRequest authorized = lastRequest();
        assertThat(authorized.header("Authorization").orElseThrow())
                .startsWith("Digest algorithm=MD5, username=\"802398804016\", realm=\"sip.ringcentral.com\", "
                        + "nonce=\"YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5\", uri=\"sip:sip.ringcentral.com\", response=\"");
        assertThat(authorized.callId()).isEqualTo(register.callId());
        assertThat(authorized.cseq().sequence()).isEqualTo(register.cseq().sequence() + 1);
        assertThat(authorized.from().tag()).isEqualTo(register.from().tag());
        assertThat(authorized.vias().get(0).branch()).isNotEqualTo(register.vias().get(0).branch());

        answerOk(52);
        assertThat(first).isCompleted();
        assertThat(first.join().expiresSeconds()).isEqualTo(52);
        assertThat(first.join().refresh()).isFalse();
        assertThat(events).hasSize(1);
    }

    @Test
    void acceptsTwoHundredWithoutChallenge() {
        var first = agent.start();
        clock.runPending();
        answerOk(60);
        assertThat(first.join().expiresSeconds()).isEqualTo(60);
    }

    @Test
    void refreshesBeforeTheGrantedExpiryAgainAndAgain() {
        agent.start();
        clock.runPending();
        registerWithChallenge(60);
        int before = channel().sent.size();

        clock.advance(Duration.ofSeconds(44));
        assertThat(channel().sent).hasSize(before);
        clock.advance(Duration.ofSeconds(1));
        assertThat(channel().sent).hasSize(before + 1);
        registerWithChallenge(60);
        clock.advance(Duration.ofSeconds(45));
        registerWithChallenge(3);
        clock.advance(Duration.ofMillis(1500));
        answerOk(3);

        List<SoftphoneEvent.Registered> registered = eventsOf(SoftphoneEvent.Registered.class);
        assertThat(registered).hasSize(4);
        assertThat(registered.subList(1, 4)).allMatch(SoftphoneEvent.Registered::refresh);
        assertThat(channels).hasSize(1);
        long[] cseqs = channel().sent.stream().mapToLong(s -> s.request().cseq().sequence()).toArray();
        for (int i = 1; i < cseqs.length; i++) {
            assertThat(cseqs[i]).isEqualTo(cseqs[i - 1] + 1);
        }
    }

    @Test
    void wrongPasswordFailsOnceWithoutARetryStorm() {
        var first = agent.start();
        clock.runPending();
        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE);
        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE.replace("YDU6", "ZZZZ"));

        assertThat(first).isCompletedExceptionally();
        assertThat(failure(first)).isInstanceOf(SoftphoneException.class)
                .hasMessageContaining("wrong password").hasMessageContaining("802398804016");
        assertThat(failure(first).reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.willRetry()).isFalse());
        clock.advance(Duration.ofMinutes(30));
        assertThat(channel().sent).hasSize(2);
        assertThat(channels).hasSize(1);
        assertThat(channel().closed).isTrue();
    }

    @Test
    void forbiddenIsBadCredentials() {
        var first = agent.start();
        clock.runPending();
        answer(403, "Forbidden");
        assertThat(failure(first).reason()).isEqualTo(FailureReason.BAD_CREDENTIALS);
    }

    @Test
    void staleNonceIsAnsweredAgainNotAFailure() {
        agent.start();
        clock.runPending();
        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE);
        answer(401, "Unauthorized", "WWW-Authenticate", CHALLENGE.replace("YDU6", "NEW1") + ", stale=true");
        assertThat(lastRequest().header("Authorization").orElseThrow()).contains("nonce=\"NEW1");
        answerOk(60);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).hasSize(1);
    }

    @Test
    void unansweredRegisterMeansReconnectAfterFiveSeconds() {
        agent.start();
        clock.runPending();
        registerWithChallenge(60);
        clock.advance(Duration.ofSeconds(45));
        clock.advance(Duration.ofMillis(4999));
        assertThat(eventsOf(SoftphoneEvent.ConnectionLost.class)).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(eventsOf(SoftphoneEvent.ConnectionLost.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("REGISTER unanswered"));
        assertThat(channels.get(0).closed).isTrue();

        clock.advance(options.reconnectMax());
        assertThat(channels).hasSize(2);
        assertThat(eventsOf(SoftphoneEvent.Reconnected.class)).hasSize(1);
        registerWithChallenge(60);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).extracting(SoftphoneEvent.Registered::refresh)
                .containsExactly(false, false);
    }

    @Test
    void reconnectBacksOffExponentiallyUpToTheCap() {
        agent.start();
        clock.runPending();
        registerWithChallenge(60);
        for (int i = 0; i < 6; i++) {
            connectFailures.add(new TransportException(TransportException.Kind.UNREACHABLE, "refused"));
        }
        long lostAt = clock.elapsed().toMillis();
        channel().drop("reset by peer");
        clock.runPending();
        assertThat(eventsOf(SoftphoneEvent.ConnectionLost.class)).singleElement()
                .satisfies(e -> assertThat(e.detail()).contains("reset by peer"));
        for (int i = 0; i < 400 && channels.size() < 2; i++) {
            clock.advance(Duration.ofMillis(50));
        }
        assertThat(channels).hasSize(2);

        List<Long> gaps = new ArrayList<>();
        long prev = lostAt;
        for (long t : connectTimesMs.subList(1, connectTimesMs.size())) {
            gaps.add(t - prev);
            prev = t;
        }
        assertThat(gaps).hasSize(7);
        long[] nominal = {250, 500, 1000, 2000, 3000, 3000, 3000};
        for (int i = 0; i < nominal.length; i++) {
            assertThat(gaps.get(i)).isBetween((long) (nominal[i] * 0.8), (long) (nominal[i] * 1.2));
        }
        assertThat(eventsOf(SoftphoneEvent.Reconnected.class)).hasSize(1);
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).isEmpty();
        registerWithChallenge(60);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).hasSize(2);
    }

    @Test
    void tooManyContactsBacksOffThenRetries() {
        var first = agent.start();
        clock.runPending();
        answer(603, "Too Many Contacts");
        assertThat(failure(first).reason()).isEqualTo(FailureReason.TOO_MANY_CONTACTS);
        assertThat(eventsOf(SoftphoneEvent.RegistrationFailed.class)).singleElement()
                .satisfies(f -> assertThat(f.willRetry()).isTrue());
        int sent = channel().sent.size();
        clock.advance(options.rejectedBackoff().minusMillis(1));
        assertThat(channel().sent).hasSize(sent);
        clock.advance(Duration.ofMillis(1));
        assertThat(channel().sent).hasSize(sent + 1);
        registerWithChallenge(60);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).hasSize(1);
    }

    @Test
    void serverErrorHonoursRetryAfter() {
        agent.start();
        clock.runPending();
        answer(503, "Service Unavailable", "Retry-After", "7");
        int sent = channel().sent.size();
        clock.advance(Duration.ofMillis(6999));
        assertThat(channel().sent).hasSize(sent);
        clock.advance(Duration.ofMillis(1));
        assertThat(channel().sent).hasSize(sent + 1);
    }

    @Test
    void intervalTooBriefAsksForTheMinimum() {
        agent.start();
        clock.runPending();
        answer(423, "Interval Too Brief", "Min-Expires", "900");
        assertThat(lastRequest().header("Expires")).contains("900");
        answerOk(900);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).singleElement()
                .satisfies(r -> assertThat(r.expiresSeconds()).isEqualTo(900));
    }

    @Test
    void tlsFailureIsFinal() {
        connectFailures.add(new TransportException(TransportException.Kind.TLS, "certificate for other.test"));
        var first = agent.start();
        clock.runPending();
        assertThat(failure(first).reason()).isEqualTo(FailureReason.TLS);
        clock.advance(Duration.ofMinutes(5));
        assertThat(connectTimesMs).hasSize(1);
    }

    @Test
    void unreachableAtStartFailsTheFutureButKeepsTrying() {
        connectFailures.add(new TransportException(TransportException.Kind.UNREACHABLE, "Connection refused"));
        var first = agent.start();
        clock.runPending();
        assertThat(failure(first).reason()).isEqualTo(FailureReason.UNREACHABLE);
        clock.advance(Duration.ofSeconds(1));
        assertThat(channels).hasSize(1);
        registerWithChallenge(60);
        assertThat(eventsOf(SoftphoneEvent.Registered.class)).hasSize(1);
    }

    @Test
    void stopUnregistersWithExpiresZeroAndClosesTheConnection() {
        agent.start();
        clock.runPending();
        registerWithChallenge(60);
        CompletableFuture<Void> stopped = agent.stop();
        clock.runPending();
        SipRequest unregister = lastRequest();
        assertThat(unregister.header("Expires")).contains("0");
        assertThat(unregister.header("Contact").orElseThrow()).endsWith(";expires=0");
        assertThat(stopped).isNotDone();
        registerWithChallenge(0);
        assertThat(stopped).isCompleted();
        assertThat(channel().closed).isTrue();
        assertThat(events.get(events.size() - 1)).isInstanceOf(SoftphoneEvent.Unregistered.class);
        clock.advance(Duration.ofMinutes(5));
        assertThat(channels).hasSize(1);
        assertThat(clock.pendingTimers()).isZero();
    }

    @Test
    void stopFinishesEvenWhenTheEdgeDoesNotAnswer() {
        agent.start();
        clock.runPending();
        registerWithChallenge(60);
        CompletableFuture<Void> stopped = agent.stop();
        clock.advance(options.answerTimeout());
        assertThat(stopped).isCompleted();
        assertThat(channel().closed).isTrue();
    }
}
