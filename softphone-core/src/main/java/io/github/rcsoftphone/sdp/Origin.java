package io.github.rcsoftphone.sdp;

import java.math.BigInteger;
import java.util.Objects;

/**
 * The {@code o=} line: {@code <username> <sess-id> <sess-version> <nettype> <addrtype> <unicast-address>}.
 * Session id and version are kept as written (they are often larger than a {@code long}).
 */
public record Origin(String username, String sessionId, String sessionVersion, String netType, String addrType,
        String address) {

    /** Checks that every field is a non-empty token without white space. */
    public Origin {
        Sdp.requireToken(username, "origin username");
        Sdp.requireToken(sessionId, "origin session id");
        Sdp.requireToken(sessionVersion, "origin session version");
        Sdp.requireToken(netType, "origin network type");
        Sdp.requireToken(addrType, "origin address type");
        Sdp.requireToken(address, "origin address");
    }

    /** An {@code IN IP4}/{@code IN IP6} origin (chosen by the address) with user name {@code -}. */
    public static Origin of(String sessionId, String sessionVersion, String address) {
        return new Origin("-", sessionId, sessionVersion, "IN", Sdp.addrType(address), address);
    }

    /** The same origin with the session version incremented by one (for a changed re-offer or re-answer). */
    public Origin nextVersion() {
        String next;
        try {
            next = new BigInteger(sessionVersion).add(BigInteger.ONE).toString();
        } catch (NumberFormatException notDecimal) {
            throw new IllegalStateException("origin session version is not a number: " + sessionVersion,
                    notDecimal);
        }
        return new Origin(username, sessionId, next, netType, addrType, address);
    }

    /** The value of the {@code o=} line. */
    @Override
    public String toString() {
        return String.join(" ", username, sessionId, sessionVersion, netType, addrType, address);
    }

    static Origin parse(String value) throws SdpParseException {
        String[] t = Sdp.tokens(Objects.requireNonNull(value));
        if (t.length != 6) {
            throw new SdpParseException("o= needs 6 fields, found " + t.length);
        }
        return new Origin(t[0], t[1], t[2], t[3], t[4], t[5]);
    }
}
