package io.github.rcsoftphone.sip.auth;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Answers digest challenges. Use one instance per registration or dialog: it keeps the nonce count ({@code nc})
 * of the nonces it has answered with {@code qop=auth}. Thread-safe.
 *
 * <p>The output is shaped as RingCentral's edge expects it:
 * {@code Digest algorithm=MD5, username="...", realm="...", nonce="...", uri="...", response="..."},
 * followed by {@code , opaque="..."} when the challenge had one and {@code , qop=auth, nc=..., cnonce="..."}
 * when it offered qop.
 */
public final class DigestAuthenticator {
    private static final int REMEMBERED_NONCES = 8;

    private final Supplier<String> cnonceSource;
    private final Map<String, Integer> nonceCounts = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > REMEMBERED_NONCES;
        }
    };

    /** Uses {@code cnonceSource} for client nonces (tests pass a fixed one). */
    public DigestAuthenticator(Supplier<String> cnonceSource) {
        this.cnonceSource = Objects.requireNonNull(cnonceSource, "cnonceSource");
    }

    /** Client nonces are 16 random bytes from {@link SecureRandom}, in hex. */
    public DigestAuthenticator() {
        this(randomHex(new SecureRandom()));
    }

    private static Supplier<String> randomHex(SecureRandom random) {
        return () -> {
            byte[] bytes = new byte[16];
            random.nextBytes(bytes);
            return HexFormat.of().formatHex(bytes);
        };
    }

    /**
     * The {@code Authorization} / {@code Proxy-Authorization} header value answering {@code challenge}.
     *
     * @param method the request method, e.g. {@code REGISTER}
     * @param digestUri the request URI as sent, e.g. {@code sip:sip.ringcentral.com}
     * @throws IllegalArgumentException when the algorithm is unknown or qop is offered without {@code auth}
     */
    public String authorize(DigestChallenge challenge, DigestCredentials creds, String method, String digestUri) {
        Objects.requireNonNull(challenge, "challenge");
        Objects.requireNonNull(creds, "creds");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(digestUri, "digestUri");
        DigestAlgorithm.Choice algorithm = DigestAlgorithm.find(challenge.algorithm()).orElseThrow(() ->
                new IllegalArgumentException("unsupported digest algorithm '" + challenge.algorithm()
                        + "' (supported: MD5, SHA-256, SHA-512-256 and their -sess variants)"));
        boolean qop = !challenge.qop().isEmpty();
        if (qop && !challenge.offersAuth()) {
            throw new IllegalArgumentException("unsupported digest qop " + challenge.qop() + " (only auth is supported)");
        }
        String cnonce = qop || algorithm.session() ? cnonceSource.get() : null;
        String nc = qop ? String.format("%08x", nextCount(challenge.nonce())) : null;

        DigestAlgorithm hash = algorithm.hash();
        String ha1 = hash.hex(creds.username() + ":" + challenge.realm() + ":" + creds.password());
        if (algorithm.session()) {
            ha1 = hash.hex(ha1 + ":" + challenge.nonce() + ":" + cnonce);
        }
        String ha2 = hash.hex(method + ":" + digestUri);
        String response = qop
                ? hash.hex(ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2)
                : hash.hex(ha1 + ":" + challenge.nonce() + ":" + ha2);

        StringBuilder out = new StringBuilder("Digest algorithm=").append(challenge.algorithm())
                .append(", username=").append(quote(creds.username()))
                .append(", realm=").append(quote(challenge.realm()))
                .append(", nonce=").append(quote(challenge.nonce()))
                .append(", uri=").append(quote(digestUri))
                .append(", response=").append(quote(response));
        if (challenge.opaque() != null) {
            out.append(", opaque=").append(quote(challenge.opaque()));
        }
        if (qop) {
            out.append(", qop=auth, nc=").append(nc).append(", cnonce=").append(quote(cnonce));
        } else if (algorithm.session()) {
            out.append(", cnonce=").append(quote(cnonce));
        }
        return out.toString();
    }

    private synchronized int nextCount(String nonce) {
        return nonceCounts.merge(nonce, 1, Integer::sum);
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
