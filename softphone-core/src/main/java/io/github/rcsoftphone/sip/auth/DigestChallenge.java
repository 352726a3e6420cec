package io.github.rcsoftphone.sip.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed {@code WWW-Authenticate} / {@code Proxy-Authenticate} digest challenge.
 *
 * @param scheme the auth scheme as received (always "Digest", any case)
 * @param realm the protection realm (RingCentral: the SIP domain)
 * @param nonce the server nonce
 * @param opaque the opaque value to echo, or null
 * @param algorithm the algorithm name, "MD5" when the challenge names none
 * @param qop the offered qop values (empty: RFC 2069 form)
 * @param stale true when the server says the previous nonce was merely stale
 */
public record DigestChallenge(String scheme, String realm, String nonce, String opaque, String algorithm,
                              List<String> qop, boolean stale) {

    /** Validates and copies the qop list. */
    public DigestChallenge {
        Objects.requireNonNull(scheme, "scheme");
        Objects.requireNonNull(realm, "realm");
        Objects.requireNonNull(nonce, "nonce");
        algorithm = algorithm == null ? "MD5" : algorithm;
        qop = qop == null ? List.of() : List.copyOf(qop);
    }

    /**
     * Parses a header value such as {@code Digest realm="sip.ringcentral.com", nonce="YDU6..."}.
     * Parameter names are case-insensitive, values quoted or tokens, in any order; unknown parameters are ignored.
     *
     * @throws IllegalArgumentException when the scheme is not Digest, the syntax is broken, or realm/nonce is missing
     */
    public static DigestChallenge parse(String headerValue) {
        Objects.requireNonNull(headerValue, "headerValue");
        String text = headerValue.strip();
        int end = 0;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        String scheme = text.substring(0, end);
        if (!scheme.equalsIgnoreCase("Digest")) {
            throw new IllegalArgumentException("not a Digest challenge (scheme '" + scheme + "'): " + headerValue);
        }
        Map<String, String> params = AuthParams.parse(text, end);
        String realm = required(params, "realm", headerValue);
        String nonce = required(params, "nonce", headerValue);
        String qopValue = params.get("qop");
        List<String> qop = qopValue == null ? List.of()
                : Arrays.stream(qopValue.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        boolean stale = "true".equalsIgnoreCase(params.getOrDefault("stale", "false"));
        return new DigestChallenge(scheme, realm, nonce, params.get("opaque"), params.get("algorithm"), qop, stale);
    }

    /** True when {@link DigestAuthenticator} can answer this challenge (known algorithm, and qop absent or offering auth). */
    public boolean supported() {
        return DigestAlgorithm.find(algorithm).isPresent() && (qop.isEmpty() || offersAuth());
    }

    boolean offersAuth() {
        return qop.stream().anyMatch(q -> q.toLowerCase(Locale.ROOT).equals("auth"));
    }

    private static String required(Map<String, String> params, String name, String headerValue) {
        String value = params.get(name);
        if (value == null) {
            throw new IllegalArgumentException("digest challenge has no " + name + ": " + headerValue);
        }
        return value;
    }
}
