package io.github.rcsoftphone.media.secure;

import java.security.SecureRandom;
import java.util.Objects;

/** ICE username fragment and password (SDP {@code a=ice-ufrag}, {@code a=ice-pwd}). */
public record IceParameters(String ufrag, String pwd) {
    private static final String ICE_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

    public IceParameters {
        Objects.requireNonNull(ufrag, "ufrag");
        Objects.requireNonNull(pwd, "pwd");
    }

    /** Fresh random credentials: 8-character ufrag, 24-character pwd (RFC 8445 minimums are 4 and 22). */
    static IceParameters random(SecureRandom random) {
        return new IceParameters(randomString(random, 8), randomString(random, 24));
    }

    private static String randomString(SecureRandom random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(ICE_CHARS.charAt(random.nextInt(ICE_CHARS.length())));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "IceParameters[ufrag=" + ufrag + ", pwd=<" + pwd.length() + " chars>]";
    }
}
