package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An ICE candidate, the value of {@code a=candidate} (RFC 8839 section 5.1):
 * {@code <foundation> <component> <transport> <priority> <address> <port> typ <type> [raddr <a> rport <p>] *(<ext>)}.
 * {@code extensions} keeps the remaining tokens as written ({@code generation}, {@code 0}, {@code network-id}, ...),
 * so {@link #toString()} reproduces the value when it was written with single spaces.
 *
 * @param relatedAddress {@code raddr}, or null
 * @param relatedPort {@code rport}, or -1
 */
public record Candidate(String foundation, int component, String transport, long priority, String address, int port,
        String type, String relatedAddress, int relatedPort, List<String> extensions) {

    /** Checks the fields and copies the extensions. */
    public Candidate {
        Sdp.requireToken(foundation, "candidate foundation");
        if (component < 1 || component > 256) {
            throw new IllegalArgumentException("candidate component out of range 1..256: " + component);
        }
        Sdp.requireToken(transport, "candidate transport");
        if (priority < 0 || priority > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("candidate priority out of range: " + priority);
        }
        Sdp.requireToken(address, "candidate address");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("candidate port out of range: " + port);
        }
        Sdp.requireToken(type, "candidate type");
        if ((relatedAddress == null) != (relatedPort < 0)) {
            throw new IllegalArgumentException("raddr and rport come together");
        }
        if (relatedAddress != null) {
            Sdp.requireToken(relatedAddress, "candidate raddr");
        }
        if (relatedPort > 65535) {
            throw new IllegalArgumentException("candidate rport out of range: " + relatedPort);
        }
        extensions = List.copyOf(extensions);
        for (String token : extensions) {
            Sdp.requireToken(token, "candidate extension token");
        }
    }

    /** A host candidate with no related address and no extensions. */
    public static Candidate host(String foundation, int component, String transport, long priority, String address,
            int port) {
        return new Candidate(foundation, component, transport, priority, address, port, "host", null, -1, List.of());
    }

    /** Parses an {@code a=candidate} value (a leading {@code candidate:} is accepted too). */
    public static Candidate parse(String attributeValue) throws SdpParseException {
        Objects.requireNonNull(attributeValue, "attributeValue");
        String v = attributeValue.strip();
        if (v.regionMatches(true, 0, "candidate:", 0, 10)) {
            v = v.substring(10);
        }
        String[] t = Sdp.tokens(v);
        if (t.length < 8 || !t[6].equalsIgnoreCase("typ")) {
            throw new SdpParseException("bad candidate '" + attributeValue
                    + "': want '<foundation> <component> <transport> <priority> <address> <port> typ <type> ...'");
        }
        int component = Sdp.parseInt(t[1], 1, 256, "candidate component");
        long priority = Sdp.parseLong(t[3], 0, 0xFFFF_FFFFL, "candidate priority");
        int port = Sdp.parseInt(t[5], 0, 65535, "candidate port");
        String raddr = null;
        int rport = -1;
        int i = 8;
        if (i + 1 < t.length && t[i].equalsIgnoreCase("raddr")) {
            raddr = t[i + 1];
            i += 2;
            if (i + 1 < t.length && t[i].equalsIgnoreCase("rport")) {
                rport = Sdp.parseInt(t[i + 1], 0, 65535, "candidate rport");
                i += 2;
            } else {
                throw new SdpParseException("bad candidate '" + attributeValue + "': raddr without rport");
            }
        } else if (i < t.length && t[i].equalsIgnoreCase("rport")) {
            throw new SdpParseException("bad candidate '" + attributeValue + "': rport without raddr");
        }
        List<String> ext = new ArrayList<>();
        for (; i < t.length; i++) {
            ext.add(t[i]);
        }
        return new Candidate(t[0], component, t[2], priority, t[4], port, t[7], raddr, rport, ext);
    }

    /** The {@code a=candidate} value. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(96);
        sb.append(foundation).append(' ').append(component).append(' ').append(transport).append(' ')
                .append(priority).append(' ').append(address).append(' ').append(port).append(" typ ").append(type);
        if (relatedAddress != null) {
            sb.append(" raddr ").append(relatedAddress).append(" rport ").append(relatedPort);
        }
        for (String token : extensions) {
            sb.append(' ').append(token);
        }
        return sb.toString();
    }
}
