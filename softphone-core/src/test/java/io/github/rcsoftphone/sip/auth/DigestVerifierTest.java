package io.github.rcsoftphone.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class DigestVerifierTest {
    private final Clock clock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final DigestVerifier verifier = new DigestVerifier("sip.test", clock);
    private final Map<String, String> passwords = Map.of("802398804016", "secret");

    private String answer(String challenge, String password, String method) {
        return new DigestAuthenticator(() -> "cafebabe").authorize(DigestChallenge.parse(challenge),
                new DigestCredentials("802398804016", password), method, "sip:sip.test");
    }

    @Test
    void acceptsTheClientsAnswerToItsChallenge() {
        String challenge = verifier.challenge(false);
        assertThat(DigestChallenge.parse(challenge).qop()).containsExactly("auth");
        DigestVerifier.Result r = verifier.verify(answer(challenge, "secret", "REGISTER"), "REGISTER", passwords::get);
        assertThat(r).isEqualTo(new DigestVerifier.Result(DigestVerifier.Outcome.OK, "802398804016"));
    }

    @Test
    void acceptsAReusedNonceWithTheNextNonceCount() {
        // what a softphone's next INVITE sends ahead of the challenge: the last nonce, nc 2, 3, ...
        String challenge = verifier.challenge(false);
        DigestAuthenticator client = new DigestAuthenticator(() -> "cafebabe");
        for (String nc : new String[] {"nc=00000001", "nc=00000002", "nc=00000003"}) {
            String answer = client.authorize(DigestChallenge.parse(challenge),
                    new DigestCredentials("802398804016", "secret"), "INVITE", "sip:16505550100@sip.test");
            assertThat(answer).contains(nc);
            assertThat(verifier.verify(answer, "INVITE", passwords::get).outcome()).isEqualTo(DigestVerifier.Outcome.OK);
        }
    }

    @Test
    void tellsWrongPasswordUnknownUserMethodMismatchAndMalformedApart() {
        String challenge = verifier.challenge(false);
        assertThat(verifier.verify(answer(challenge, "nope", "REGISTER"), "REGISTER", passwords::get).outcome())
                .isEqualTo(DigestVerifier.Outcome.WRONG_PASSWORD);
        assertThat(verifier.verify(answer(challenge, "secret", "INVITE"), "REGISTER", passwords::get).outcome())
                .isEqualTo(DigestVerifier.Outcome.WRONG_PASSWORD);
        assertThat(verifier.verify(answer(challenge, "secret", "REGISTER"), "REGISTER", u -> null).outcome())
                .isEqualTo(DigestVerifier.Outcome.UNKNOWN_USER);
        for (String bad : new String[] {"Basic abc", "Digest username=\"x", "Digest username=\"x\"", ""}) {
            assertThat(verifier.verify(bad, "REGISTER", passwords::get).outcome())
                    .as(bad).isEqualTo(DigestVerifier.Outcome.MALFORMED);
        }
    }

    @Test
    void nonceOfAnotherVerifierOrTooOldIsStale() {
        String foreign = new DigestVerifier("sip.test", clock).challenge(false);
        assertThat(verifier.verify(answer(foreign, "secret", "REGISTER"), "REGISTER", passwords::get).outcome())
                .isEqualTo(DigestVerifier.Outcome.STALE);
        AtomicLong now = new AtomicLong(clock.millis());
        Clock moving = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return Instant.ofEpochMilli(now.get());
            }
        };
        DigestVerifier aging = new DigestVerifier("sip.test", moving);
        String old = answer(aging.challenge(false), "secret", "REGISTER");
        now.addAndGet(DigestVerifier.NONCE_LIFETIME.toMillis() + 1);
        assertThat(aging.verify(old, "REGISTER", passwords::get).outcome()).isEqualTo(DigestVerifier.Outcome.STALE);
        assertThat(aging.challenge(true)).endsWith("stale=true");
    }
}
