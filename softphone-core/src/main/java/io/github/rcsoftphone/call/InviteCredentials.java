package io.github.rcsoftphone.call;

import io.github.rcsoftphone.sip.auth.DigestAuthenticator;
import io.github.rcsoftphone.sip.auth.DigestChallenge;
import io.github.rcsoftphone.sip.auth.DigestCredentials;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the outbound calls of one softphone share about INVITE authentication: one {@link DigestAuthenticator} (so a
 * nonce's {@code nc} keeps counting across calls) and the last challenge an INVITE answered. A new call's INVITE
 * carries credentials for that challenge from the start (RFC 7616 3.4.5, RFC 2617 3.2.2: a client may reuse a nonce
 * with an incremented nonce count), which saves the 407 round trip while the edge accepts the nonce; when it does
 * not, the call answers the fresh challenge as usual. Thread-safe.
 */
final class InviteCredentials {

    /**
     * A challenge to answer.
     *
     * @param challenge the digest challenge
     * @param proxy true for {@code Proxy-Authenticate} (407), false for {@code WWW-Authenticate} (401)
     */
    record Challenge(DigestChallenge challenge, boolean proxy) {
        /** The header carrying the answer: {@code Proxy-Authorization} or {@code Authorization}. */
        String header() {
            return proxy ? "Proxy-Authorization" : "Authorization";
        }
    }

    private final DigestAuthenticator authenticator = new DigestAuthenticator();
    private final AtomicReference<Challenge> last = new AtomicReference<>();

    /** The challenge the last authenticated INVITE answered, if any. */
    Optional<Challenge> last() {
        return Optional.ofNullable(last.get());
    }

    /** Remembers {@code challenge} for the next calls. */
    void remember(Challenge challenge) {
        last.set(challenge);
    }

    /** Forgets {@code challenge} unless a newer one replaced it meanwhile (the edge refused it). */
    void forget(Challenge challenge) {
        last.compareAndSet(challenge, null);
    }

    /** The header value answering {@code challenge} for an INVITE to {@code uri}. */
    String authorize(Challenge challenge, DigestCredentials credentials, String uri) {
        return authenticator.authorize(challenge.challenge(), credentials, "INVITE", uri);
    }
}
