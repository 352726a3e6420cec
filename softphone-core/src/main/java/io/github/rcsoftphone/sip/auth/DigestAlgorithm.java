package io.github.rcsoftphone.sip.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;

/** The digest algorithms we can compute (RFC 2617 MD5, RFC 7616 SHA-256 and SHA-512-256), each with a -sess variant. */
enum DigestAlgorithm {
    MD5("MD5", "MD5"),
    SHA_256("SHA-256", "SHA-256"),
    SHA_512_256("SHA-512-256", "SHA-512/256");

    private final String token;
    private final String jcaName;

    DigestAlgorithm(String token, String jcaName) {
        this.token = token;
        this.jcaName = jcaName;
    }

    /** A challenge's algorithm name split into the hash and whether it is a -sess variant. */
    record Choice(DigestAlgorithm hash, boolean session) { }

    static Optional<Choice> find(String name) {
        String upper = name.strip().toUpperCase(Locale.ROOT);
        boolean session = upper.endsWith("-SESS");
        String base = session ? upper.substring(0, upper.length() - 5) : upper;
        for (DigestAlgorithm a : values()) {
            if (a.token.equals(base)) {
                return Optional.of(new Choice(a, session));
            }
        }
        return Optional.empty();
    }

    /** Lower-case hex of the hash of the UTF-8 bytes of {@code text}. */
    String hex(String text) {
        try {
            MessageDigest md = MessageDigest.getInstance(jcaName);
            return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(jcaName + " is not available in this JDK", e);
        }
    }
}
