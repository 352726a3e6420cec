package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One media section: {@code m=<media> <port> <proto> <fmt>...}, its optional {@code c=}, its attributes in order, and
 * any other lines ({@code i=}, {@code b=}, {@code k=}) kept for round-tripping. Typed views parse attribute values on
 * demand; a description from {@link SessionDescription#parse} has had them all checked, so they only throw
 * {@link IllegalStateException} for a value put into a hand-built model.
 *
 * @param connection the media-level {@code c=}, or null
 */
public record MediaDescription(String media, int port, String protocol, List<String> formats, Connection connection,
        List<Attribute> attributes, List<SdpLine> otherLines) {

    /** Checks the fields and copies the lists. */
    public MediaDescription {
        Sdp.requireToken(media, "media type");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("m= port out of range 0..65535: " + port);
        }
        Sdp.requireToken(protocol, "m= protocol");
        formats = List.copyOf(formats);
        for (String f : formats) {
            Sdp.requireToken(f, "m= format");
        }
        attributes = List.copyOf(attributes);
        otherLines = List.copyOf(otherLines);
        for (SdpLine l : otherLines) {
            if ("vostacmuepzr".indexOf(l.type()) >= 0) {
                throw new IllegalArgumentException("a " + l.type() + "= line does not belong in a media section");
            }
        }
    }

    /** A media section without other lines. */
    public MediaDescription(String media, int port, String protocol, List<String> formats, Connection connection,
            List<Attribute> attributes) {
        this(media, port, protocol, formats, connection, attributes, List.of());
    }

    /**
     * The payload formats in m= line order: each listed payload type with its {@code a=rtpmap}, or the RFC 3551
     * static type when it has none (0 PCMU, 8 PCMA, 9 G722, 18 G729, ...). Types with neither are left out.
     */
    public List<RtpMap> rtpMaps() {
        List<RtpMap> declared = new ArrayList<>();
        for (String v : attributes("rtpmap")) {
            try {
                declared.add(RtpMap.parse(v));
            } catch (SdpParseException e) {
                throw Sdp.invalid("a=rtpmap", e);
            }
        }
        List<RtpMap> out = new ArrayList<>();
        for (String f : formats) {
            int pt;
            try {
                pt = Sdp.parseInt(f, 0, 127, "payload type");
            } catch (SdpParseException notRtp) {
                continue;
            }
            RtpMap found = null;
            for (RtpMap m : declared) {
                if (m.payloadType() == pt) {
                    found = m;
                    break;
                }
            }
            if (found == null) {
                found = RtpMap.staticType(pt).orElse(null);
            }
            if (found != null && !out.contains(found)) {
                out.add(found);
            }
        }
        return List.copyOf(out);
    }

    /** The {@code a=fmtp} parameters of a payload type (the text after {@code <pt> }). */
    public Optional<String> fmtp(int payloadType) {
        String prefix = Integer.toString(payloadType);
        for (String v : attributes("fmtp")) {
            String s = v.strip();
            int space = s.indexOf(' ');
            String pt = space < 0 ? s : s.substring(0, space);
            if (pt.equals(prefix)) {
                return Optional.of(space < 0 ? "" : s.substring(space + 1).strip());
            }
        }
        return Optional.empty();
    }

    /** The last media-level direction attribute, {@link Direction#SENDRECV} if none. */
    public Direction direction() {
        return declaredDirection().orElse(Direction.SENDRECV);
    }

    /** The last media-level direction attribute, if any. */
    public Optional<Direction> declaredDirection() {
        Direction found = null;
        for (Attribute a : attributes) {
            Direction d = a.isFlag() ? Direction.fromName(a.name()) : null;
            if (d != null) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    /** True if {@code a=rtcp-mux} is present. */
    public boolean rtcpMux() {
        return hasAttribute("rtcp-mux");
    }

    /** The port of {@code a=rtcp} (RFC 3605), if present. */
    public OptionalInt rtcpPort() {
        Optional<String> v = attribute("rtcp");
        if (v.isEmpty()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(parseRtcpPort(v.get()));
        } catch (SdpParseException e) {
            throw Sdp.invalid("a=rtcp", e);
        }
    }

    /** The {@code a=mid} value, if present. */
    public Optional<String> mid() {
        return attribute("mid");
    }

    /** The media-level ICE candidates in order. */
    public List<Candidate> candidates() {
        List<Candidate> out = new ArrayList<>();
        for (String v : attributes("candidate")) {
            try {
                out.add(Candidate.parse(v));
            } catch (SdpParseException e) {
                throw Sdp.invalid("a=candidate", e);
            }
        }
        return List.copyOf(out);
    }

    /** The SDES keys ({@code a=crypto}) in order. */
    public List<Crypto> cryptos() {
        List<Crypto> out = new ArrayList<>();
        for (String v : attributes("crypto")) {
            try {
                out.add(Crypto.parse(v));
            } catch (SdpParseException e) {
                throw Sdp.invalid("a=crypto", e);
            }
        }
        return List.copyOf(out);
    }

    /** The first value of an attribute ({@code ""} for a flag), matched ignoring case. */
    public Optional<String> attribute(String name) {
        return Sdp.first(attributes, name);
    }

    /** Every value of an attribute in order ({@code ""} for a flag). */
    public List<String> attributes(String name) {
        return Sdp.values(attributes, name);
    }

    /** True if the attribute is present (flag or not). */
    public boolean hasAttribute(String name) {
        return attribute(name).isPresent();
    }

    /** True if the port is 0 (a rejected or disabled stream). */
    public boolean isRejected() {
        return port == 0;
    }

    /** A copy with another port. */
    public MediaDescription withPort(int newPort) {
        return new MediaDescription(media, newPort, protocol, formats, connection, attributes, otherLines);
    }

    /** A copy with other formats. */
    public MediaDescription withFormats(List<String> newFormats) {
        return new MediaDescription(media, port, protocol, newFormats, connection, attributes, otherLines);
    }

    /** A copy with another media-level connection (null for none). */
    public MediaDescription withConnection(Connection newConnection) {
        return new MediaDescription(media, port, protocol, formats, newConnection, attributes, otherLines);
    }

    /** A copy with other attributes. */
    public MediaDescription withAttributes(List<Attribute> newAttributes) {
        return new MediaDescription(media, port, protocol, formats, connection, newAttributes, otherLines);
    }

    /** A copy with one more attribute at the end. */
    public MediaDescription withAttribute(Attribute added) {
        List<Attribute> list = new ArrayList<>(attributes);
        list.add(Objects.requireNonNull(added));
        return withAttributes(list);
    }

    /** The value of the {@code m=} line. */
    String mLine() {
        StringBuilder sb = new StringBuilder(64).append(media).append(' ').append(port).append(' ').append(protocol);
        for (String f : formats) {
            sb.append(' ').append(f);
        }
        return sb.toString();
    }

    static int parseRtcpPort(String value) throws SdpParseException {
        String[] t = Sdp.tokens(value);
        if (t.length != 1 && t.length != 4) {
            throw new SdpParseException("bad a=rtcp '" + value + "': want '<port> [IN IP4 <address>]'");
        }
        return Sdp.parseInt(t[0], 0, 65535, "a=rtcp port");
    }
}
