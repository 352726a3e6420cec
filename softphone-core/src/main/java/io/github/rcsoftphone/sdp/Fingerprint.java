package io.github.rcsoftphone.sdp;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A certificate fingerprint, {@code a=fingerprint:<hash-func> <hex:hex:...>} (RFC 8122). The algorithm is stored in
 * lower case ({@code sha-1}, {@code sha-256}); the digest is copied in and out.
 */
public record Fingerprint(String algorithm, byte[] value) {

    /** Lower-cases the algorithm, checks the digest length of known algorithms and copies the bytes. */
    public Fingerprint {
        Sdp.requireToken(algorithm, "fingerprint algorithm");
        algorithm = algorithm.toLowerCase(Locale.ROOT);
        value = Objects.requireNonNull(value, "value").clone();
        int want = digestLength(algorithm);
        if (value.length == 0 || want > 0 && value.length != want) {
            throw new IllegalArgumentException(algorithm + " fingerprint needs " + want + " bytes, got "
                    + value.length);
        }
    }

    /** The digest bytes (a copy). */
    @Override
    public byte[] value() {
        return value.clone();
    }

    /** True if this fingerprint has the algorithm and digest of {@code digest}. */
    public boolean matches(String hashAlgorithm, byte[] digest) {
        return algorithm.equalsIgnoreCase(hashAlgorithm) && java.security.MessageDigest.isEqual(value, digest);
    }

    /** Parses {@code sha-256 AB:CD:...} (hex digits of any case). */
    public static Fingerprint parse(String v) throws SdpParseException {
        Objects.requireNonNull(v, "v");
        String[] t = Sdp.tokens(v);
        if (t.length != 2) {
            throw new SdpParseException("bad fingerprint '" + v + "': want '<hash-function> <HEX:HEX:...>'");
        }
        String alg = t[0].toLowerCase(Locale.ROOT);
        String[] pairs = t[1].split(":", -1);
        byte[] bytes = new byte[pairs.length];
        for (int i = 0; i < pairs.length; i++) {
            String p = pairs[i];
            if (p.length() != 2 || Character.digit(p.charAt(0), 16) < 0 || Character.digit(p.charAt(1), 16) < 0) {
                throw new SdpParseException("bad fingerprint hex '" + p + "' at byte " + (i + 1) + " of '" + v + "'");
            }
            bytes[i] = (byte) (Character.digit(p.charAt(0), 16) << 4 | Character.digit(p.charAt(1), 16));
        }
        int want = digestLength(alg);
        if (want > 0 && bytes.length != want) {
            throw new SdpParseException(alg + " fingerprint needs " + want + " bytes, got " + bytes.length);
        }
        return new Fingerprint(alg, bytes);
    }

    /** {@code sha-256 AB:CD:...} with upper-case hex. */
    @Override
    public String toString() {
        String hex = HexFormat.ofDelimiter(":").withUpperCase().formatHex(value);
        return algorithm + " " + hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint f && f.algorithm.equals(algorithm) && Arrays.equals(f.value, value);
    }

    @Override
    public int hashCode() {
        return algorithm.hashCode() * 31 + Arrays.hashCode(value);
    }

    /** Digest length in bytes of a known algorithm, 0 if unknown. */
    static int digestLength(String algorithm) {
        return switch (algorithm) {
            case "md2", "md5" -> 16;
            case "sha-1" -> 20;
            case "sha-224" -> 28;
            case "sha-256" -> 32;
            case "sha-384" -> 48;
            case "sha-512" -> 64;
            default -> 0;
        };
    }
}
