package io.github.rcsoftphone.sdp;

/** A {@code c=} line: {@code IN IP4 192.0.2.1} (a multicast {@code /ttl} suffix stays part of the address). */
public record Connection(String netType, String addrType, String address) {

    /** Checks that every field is a non-empty token without white space. */
    public Connection {
        Sdp.requireToken(netType, "connection network type");
        Sdp.requireToken(addrType, "connection address type");
        Sdp.requireToken(address, "connection address");
    }

    /** {@code IN IP4 address}, or {@code IN IP6 address} when the address contains a colon. */
    public static Connection of(String address) {
        return new Connection("IN", Sdp.addrType(address), address);
    }

    /** The value of the {@code c=} line. */
    @Override
    public String toString() {
        return netType + " " + addrType + " " + address;
    }

    static Connection parse(String value) throws SdpParseException {
        String[] t = Sdp.tokens(value);
        if (t.length != 3) {
            throw new SdpParseException("c= needs 3 fields (nettype addrtype address), found " + t.length);
        }
        return new Connection(t[0], t[1], t[2]);
    }
}
