package io.github.rcsoftphone.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The server side of digest authentication: issues challenges ({@code qop="auth"}, MD5) and checks
 * {@code Authorization} / {@code Proxy-Authorization} values against the stored passwords. Nonces are stateless:
 * a timestamp signed with a per-instance HMAC key, valid for {@link #NONCE_LIFETIME}; an older or foreign nonce is
 * {@link Outcome#STALE}. Nonce counts are not tracked (no replay protection: this is a local test edge).
 * Thread-safe.
 */
public final class DigestVerifier {
    /** How long a nonce is accepted. */
    public static final Duration NONCE_LIFETIME = Duration.ofMinutes(5);

    private final String realm;
    private final Clock clock;
    private final SecretKeySpec key;

    /** What {@link #verify} found. */
    public enum Outcome {
        /** The response matches. */
        OK,
        /** The nonce is unknown, forged or expired: challenge again with {@code stale=true}. */
        STALE,
        /** The digest user name has no password here. */
        UNKNOWN_USER,
        /** The response does not match: wrong password. */
        WRONG_PASSWORD,
        /** The value is not a usable digest response (syntax, realm, algorithm, qop). */
        MALFORMED
    }

    /**
     * A verification result.
     *
     * @param outcome what was found
     * @param username the digest user name of the response, or null when it could not be read
     */
    public record Result(Outcome outcome, String username) { }

    /** A verifier for {@code realm} with a fresh random HMAC key. */
    public DigestVerifier(String realm, Clock clock) {
        this.realm = Objects.requireNonNull(realm, "realm");
        this.clock = Objects.requireNonNull(clock, "clock");
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The realm challenged. */
    public String realm() {
        return realm;
    }

    /** A {@code WWW-Authenticate} / {@code Proxy-Authenticate} value with a fresh nonce. */
    public String challenge(boolean stale) {
        String ts = Long.toHexString(clock.millis());
        return "Digest realm=\"" + realm + "\", nonce=\"" + ts + "." + sign(ts) + "\", qop=\"auth\", algorithm=MD5"
                + (stale ? ", stale=true" : "");
    }

    /**
     * Checks a response. {@code passwords} maps a digest user name to its password (null when unknown).
     *
     * @param authorization the {@code Authorization} / {@code Proxy-Authorization} header value
     * @param method the request's method (the digest's A2)
     */
    public Result verify(String authorization, String method, Function<String, String> passwords) {
        Map<String, String> p;
        String text = authorization.strip();
        if (text.length() < 7 || !text.regionMatches(true, 0, "Digest", 0, 6)) {
            return new Result(Outcome.MALFORMED, null);
        }
        try {
            p = AuthParams.parse(text, 6);
        } catch (IllegalArgumentException e) {
            return new Result(Outcome.MALFORMED, null);
        }
        String username = p.get("username");
        String nonce = p.get("nonce");
        String uri = p.get("uri");
        String response = p.get("response");
        Optional<DigestAlgorithm.Choice> algorithm = DigestAlgorithm.find(p.getOrDefault("algorithm", "MD5"));
        String qop = p.get("qop");
        if (username == null || nonce == null || uri == null || response == null || algorithm.isEmpty()
                || !realm.equals(p.get("realm")) || qop != null && !qop.equalsIgnoreCase("auth")
                || qop != null && (p.get("nc") == null || p.get("cnonce") == null)) {
            return new Result(Outcome.MALFORMED, username);
        }
        if (!fresh(nonce)) {
            return new Result(Outcome.STALE, username);
        }
        String password = passwords.apply(username);
        if (password == null) {
            return new Result(Outcome.UNKNOWN_USER, username);
        }
        DigestAlgorithm hash = algorithm.get().hash();
        String ha1 = hash.hex(username + ":" + realm + ":" + password);
        if (algorithm.get().session()) {
            ha1 = hash.hex(ha1 + ":" + nonce + ":" + p.getOrDefault("cnonce", ""));
        }
        String ha2 = hash.hex(method + ":" + uri);
        String expected = qop != null
                ? hash.hex(ha1 + ":" + nonce + ":" + p.get("nc") + ":" + p.get("cnonce") + ":auth:" + ha2)
                : hash.hex(ha1 + ":" + nonce + ":" + ha2);
        boolean match = MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                response.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return new Result(match ? Outcome.OK : Outcome.WRONG_PASSWORD, username);
    }

    private boolean fresh(String nonce) {
        int dot = nonce.indexOf('.');
        if (dot <= 0 || !MessageDigest.isEqual(sign(nonce.substring(0, dot)).getBytes(StandardCharsets.US_ASCII),
                nonce.substring(dot + 1).getBytes(StandardCharsets.US_ASCII))) {
            return false;
        }
        try {
            long issued = Long.parseLong(nonce.substring(0, dot), 16);
            long age = clock.millis() - issued;
            return age >= 0 && age <= NONCE_LIFETIME.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private String sign(String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] tag = mac.doFinal(timestamp.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(tag, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
        }
    }
}
