package io.github.rcsoftphone.media.secure;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * SDES (RFC 4568) key negotiation for SRTP without DTLS: picks the strongest offered crypto suite we support and makes
 * fresh local keys. Knows nothing of SDP: the call layer maps {@code sdp.Crypto} to {@link CryptoOffer} and writes
 * {@code a=crypto:<tag> <suite> inline:<inline(localKeySalt)>} back.
 *
 * <p>Preference follows {@link SrtpProfile}'s declaration order: {@code AES_CM_128_HMAC_SHA1_80}, then
 * {@code AEAD_AES_128_GCM}, then {@code AES_CM_128_HMAC_SHA1_32}; among equal suites the first offered wins.
 */
public final class SdesKeys {
    private SdesKeys() {
    }

    /**
     * One offered (or answered) crypto line.
     *
     * @param tag     the a=crypto tag
     * @param suite   the crypto-suite name as written, e.g. {@code AES_CM_128_HMAC_SHA1_80}
     * @param keySalt the decoded master key followed by the master salt (copied in and out)
     */
    public record CryptoOffer(int tag, String suite, byte[] keySalt) {
        public CryptoOffer {
            Objects.requireNonNull(suite, "suite");
            keySalt = Objects.requireNonNull(keySalt, "keySalt").clone();
        }

        @Override
        public byte[] keySalt() {
            return keySalt.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof CryptoOffer c && c.tag == tag && c.suite.equals(suite) && Arrays.equals(c.keySalt, keySalt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, suite, Arrays.hashCode(keySalt));
        }

        @Override
        public String toString() {
            return "CryptoOffer[" + tag + " " + suite + ", key hidden]";
        }
    }

    /**
     * The agreed suite and both master keys for one call.
     *
     * @param tag           the tag to answer with (the chosen offer's tag)
     * @param profile       the SRTP profile of the suite
     * @param remoteKeySalt the peer's key||salt (it protects what we receive)
     * @param localKeySalt  our fresh key||salt (we protect what we send), to be sent in the answer
     */
    public record Chosen(int tag, SrtpProfile profile, byte[] remoteKeySalt, byte[] localKeySalt) {
        public Chosen {
            Objects.requireNonNull(profile, "profile");
            remoteKeySalt = checkLength(profile, remoteKeySalt, "remoteKeySalt");
            localKeySalt = checkLength(profile, localKeySalt, "localKeySalt");
        }

        @Override
        public byte[] remoteKeySalt() {
            return remoteKeySalt.clone();
        }

        @Override
        public byte[] localKeySalt() {
            return localKeySalt.clone();
        }

        /** The SDES suite name of {@link #profile()}. */
        public String suite() {
            return suiteName(profile);
        }

        /** Our answer line's value: {@code <tag> <suite> inline:<base64 local key||salt>}. */
        public String answerValue() {
            return tag + " " + suite() + " inline:" + inline(localKeySalt);
        }

        /** The remote parameters for {@link SdesTransport#start(SdesRemote)}; rtcp null when rtcp-mux is used. */
        public SdesRemote remote(InetSocketAddress rtp, InetSocketAddress rtcp) {
            return new SdesRemote(rtp, rtcp, profile, remoteKeySalt, localKeySalt);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Chosen c && c.tag == tag && c.profile == profile
                    && Arrays.equals(c.remoteKeySalt, remoteKeySalt) && Arrays.equals(c.localKeySalt, localKeySalt);
        }

        @Override
        public int hashCode() {
            return Objects.hash(tag, profile, Arrays.hashCode(remoteKeySalt), Arrays.hashCode(localKeySalt));
        }

        @Override
        public String toString() {
            return "Chosen[" + tag + " " + suite() + ", keys hidden]";
        }
    }

    /**
     * Answers an offer: the strongest supported suite with a key||salt of the right length, and a fresh random local
     * key||salt. Unknown suites and wrong key lengths are skipped; empty when nothing is usable (answer 488).
     */
    public static Optional<Chosen> choose(List<CryptoOffer> offered) {
        CryptoOffer best = null;
        SrtpProfile bestProfile = null;
        for (CryptoOffer o : offered) {
            SrtpProfile p = profileOf(o.suite());
            if (p == null || o.keySalt.length != p.keyLength() + p.saltLength() || o.tag() < 0) {
                continue;
            }
            if (bestProfile == null || p.ordinal() < bestProfile.ordinal()) {
                best = o;
                bestProfile = p;
            }
        }
        if (best == null) {
            return Optional.empty();
        }
        return Optional.of(new Chosen(best.tag(), bestProfile, best.keySalt, freshKeySalt(bestProfile, new SecureRandom())));
    }

    /**
     * Our offer for an outbound call: one line per supported suite, in preference order, tags 1..n, each with its own
     * fresh key||salt.
     */
    public static List<CryptoOffer> offer() {
        SecureRandom random = new SecureRandom();
        List<CryptoOffer> out = new ArrayList<>();
        int tag = 1;
        for (SrtpProfile p : SrtpProfile.values()) {
            out.add(new CryptoOffer(tag++, suiteName(p), freshKeySalt(p, random)));
        }
        return List.copyOf(out);
    }

    /**
     * Reads the peer's answer to our {@link #offer()}: the answer must carry one of our tags with the same suite and a
     * key of the right length; empty otherwise.
     */
    public static Optional<Chosen> answered(List<CryptoOffer> ourOffer, CryptoOffer answer) {
        SrtpProfile p = profileOf(answer.suite());
        if (p == null || answer.keySalt.length != p.keyLength() + p.saltLength()) {
            return Optional.empty();
        }
        for (CryptoOffer o : ourOffer) {
            if (o.tag() == answer.tag() && o.suite().equals(answer.suite())) {
                return Optional.of(new Chosen(o.tag(), p, answer.keySalt, o.keySalt));
            }
        }
        return Optional.empty();
    }

    /** Base64 (with padding) of key||salt for {@code inline:}. */
    public static String inline(byte[] keySalt) {
        return Base64.getEncoder().encodeToString(keySalt);
    }

    /** The SDES suite name (RFC 4568 6.2, RFC 7714 12) of a profile. */
    public static String suiteName(SrtpProfile p) {
        return switch (p) {
            case AES128_CM_HMAC_SHA1_80 -> "AES_CM_128_HMAC_SHA1_80";
            case AES128_CM_HMAC_SHA1_32 -> "AES_CM_128_HMAC_SHA1_32";
            case AEAD_AES_128_GCM -> "AEAD_AES_128_GCM";
        };
    }

    /** The profile of an SDES suite name, or null when we do not support it. */
    public static SrtpProfile profileOf(String suite) {
        for (SrtpProfile p : SrtpProfile.values()) {
            if (suiteName(p).equals(suite)) {
                return p;
            }
        }
        return null;
    }

    static byte[] freshKeySalt(SrtpProfile p, SecureRandom random) {
        byte[] b = new byte[p.keyLength() + p.saltLength()];
        random.nextBytes(b);
        return b;
    }

    static byte[] checkLength(SrtpProfile p, byte[] keySalt, String name) {
        Objects.requireNonNull(keySalt, name);
        int want = p.keyLength() + p.saltLength();
        if (keySalt.length != want) {
            throw new IllegalArgumentException(name + " for " + suiteName(p) + " must be " + want + " bytes, is "
                    + keySalt.length);
        }
        return keySalt.clone();
    }
}
