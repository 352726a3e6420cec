package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * An SDES key, the value of {@code a=crypto} (RFC 4568):
 * {@code <tag> <crypto-suite> inline:<base64 key||salt>[|<lifetime>][|<mki>:<length>] *(<session-param>)}.
 * Only the first key-param is modelled (RingCentral sends one). {@code keySalt} is the decoded master key followed
 * by the master salt, copied in and out.
 *
 * @param lifetime as written ({@code 2^31}, {@code 1048576}), or null
 * @param mki as written ({@code 1:1}), or null
 */
public record Crypto(int tag, String suite, byte[] keySalt, String lifetime, String mki, List<String> sessionParams) {

    /** Checks the fields, the key length of known suites, and copies the arrays. */
    public Crypto {
        if (tag < 0 || tag > 999_999_999) {
            throw new IllegalArgumentException("crypto tag out of range: " + tag);
        }
        Sdp.requireToken(suite, "crypto suite");
        keySalt = Objects.requireNonNull(keySalt, "keySalt").clone();
        int want = keySaltLength(suite);
        if (keySalt.length == 0 || want > 0 && keySalt.length != want) {
            throw new IllegalArgumentException(suite + " needs " + want + " bytes of key||salt, got " + keySalt.length);
        }
        if (lifetime != null && (!Sdp.isToken(lifetime) || lifetime.contains("|"))) {
            throw new IllegalArgumentException("bad crypto lifetime: " + lifetime);
        }
        if (mki != null && (!Sdp.isToken(mki) || mki.contains("|") || !mki.contains(":"))) {
            throw new IllegalArgumentException("bad crypto MKI: " + mki);
        }
        sessionParams = List.copyOf(sessionParams);
        for (String p : sessionParams) {
            Sdp.requireToken(p, "crypto session parameter");
        }
    }

    /** A key with no lifetime, MKI or session parameters. */
    public Crypto(int tag, String suite, byte[] keySalt) {
        this(tag, suite, keySalt, null, null, List.of());
    }

    /** The decoded key followed by the salt (a copy). */
    @Override
    public byte[] keySalt() {
        return keySalt.clone();
    }

    /** Parses an {@code a=crypto} value. */
    public static Crypto parse(String v) throws SdpParseException {
        Objects.requireNonNull(v, "v");
        String[] t = Sdp.tokens(v);
        if (t.length < 3) {
            throw new SdpParseException("bad crypto '" + v + "': want '<tag> <suite> inline:<key||salt>...'");
        }
        int tag = Sdp.parseInt(t[0], 0, 999_999_999, "crypto tag");
        String keyParam = t[2];
        if (!keyParam.regionMatches(true, 0, "inline:", 0, 7)) {
            throw new SdpParseException("bad crypto key-params '" + keyParam + "': want 'inline:'");
        }
        int semicolon = keyParam.indexOf(';');
        if (semicolon >= 0) {
            keyParam = keyParam.substring(0, semicolon); // further key-params are ignored
        }
        String[] parts = keyParam.substring(7).split("\\|", -1);
        byte[] key;
        try {
            key = Base64.getDecoder().decode(parts[0]);
        } catch (IllegalArgumentException e) {
            throw new SdpParseException("bad crypto key: not base64: '" + parts[0] + "'");
        }
        String lifetime = null;
        String mki = null;
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i];
            if (p.contains(":")) {
                if (mki != null || !p.matches("[0-9]{1,10}:[0-9]{1,3}")) {
                    throw new SdpParseException("bad crypto MKI '" + p + "'");
                }
                mki = p;
            } else {
                if (lifetime != null || mki != null || !p.matches("(2\\^)?[0-9]{1,20}")) {
                    throw new SdpParseException("bad crypto lifetime '" + p + "'");
                }
                lifetime = p;
            }
        }
        int want = keySaltLength(t[1]);
        if (key.length == 0 || want > 0 && key.length != want) {
            throw new SdpParseException(t[1] + " needs " + want + " bytes of key||salt, got " + key.length);
        }
        List<String> params = new ArrayList<>(Arrays.asList(t).subList(3, t.length));
        return new Crypto(tag, t[1], key, lifetime, mki, params);
    }

    /** The {@code a=crypto} value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(80);
        sb.append(tag).append(' ').append(suite).append(" inline:").append(Base64.getEncoder().encodeToString(keySalt));
        if (lifetime != null) {
            sb.append('|').append(lifetime);
        }
        if (mki != null) {
            sb.append('|').append(mki);
        }
        for (String p : sessionParams) {
            sb.append(' ').append(p);
        }
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Crypto c && c.tag == tag && c.suite.equals(suite) && Arrays.equals(c.keySalt, keySalt)
                && Objects.equals(c.lifetime, lifetime) && Objects.equals(c.mki, mki)
                && c.sessionParams.equals(sessionParams);
    }

    @Override
    public int hashCode() {
        return Objects.hash(tag, suite, Arrays.hashCode(keySalt), lifetime, mki, sessionParams);
    }

    /** Shows the suite and tag but not the key. */
    String describe() {
        return tag + " " + suite;
    }

    /** Master key plus salt length of the known suites (RFC 4568, 6188, 7714), 0 if unknown. */
    static int keySaltLength(String suite) {
        return switch (suite) {
            case "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32", "F8_128_HMAC_SHA1_80" -> 30;
            case "AES_192_CM_HMAC_SHA1_80", "AES_192_CM_HMAC_SHA1_32" -> 38;
            case "AES_256_CM_HMAC_SHA1_80", "AES_256_CM_HMAC_SHA1_32" -> 46;
            case "AEAD_AES_128_GCM" -> 28;
            case "AEAD_AES_256_GCM" -> 44;
            default -> 0;
        };
    }
}
