package io.github.rcsoftphone.sdp;

import java.util.Locale;

/** The DTLS role attribute {@code a=setup} (RFC 4145/5763); written in lower case. */
public enum Setup {
    ACTIVE, PASSIVE, ACTPASS, HOLDCONN;

    /** Parses {@code active}, {@code passive}, {@code actpass} or {@code holdconn} (any case). */
    public static Setup parse(String value) throws SdpParseException {
        String v = value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
        for (Setup s : values()) {
            if (s.toString().equals(v)) {
                return s;
            }
        }
        throw new SdpParseException("bad a=setup value '" + value + "' (want active, passive, actpass or holdconn)");
    }

    /** The attribute value, lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
