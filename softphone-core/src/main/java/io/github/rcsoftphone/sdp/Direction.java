package io.github.rcsoftphone.sdp;

import java.util.Locale;

/** The media direction attributes of RFC 3264; written in lower case. */
public enum Direction {
    SENDRECV, SENDONLY, RECVONLY, INACTIVE;

    /** Parses {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive} (any case). */
    public static Direction parse(String value) throws SdpParseException {
        Direction d = fromName(value);
        if (d == null) {
            throw new SdpParseException("bad direction '" + value + "'");
        }
        return d;
    }

    static Direction fromName(String value) {
        if (value == null) {
            return null;
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        for (Direction d : values()) {
            if (d.toString().equals(v)) {
                return d;
            }
        }
        return null;
    }

    /** The direction an answerer uses: sendonly and recvonly swap, the others stay. */
    public Direction reverse() {
        return switch (this) {
            case SENDONLY -> RECVONLY;
            case RECVONLY -> SENDONLY;
            default -> this;
        };
    }

    /** True for sendrecv and sendonly. */
    public boolean sends() {
        return this == SENDRECV || this == SENDONLY;
    }

    /** True for sendrecv and recvonly. */
    public boolean receives() {
        return this == SENDRECV || this == RECVONLY;
    }

    /** The attribute name, lower case. */
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
