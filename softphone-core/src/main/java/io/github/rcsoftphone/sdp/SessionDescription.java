package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable session description (RFC 8866). {@link #parse} reads one (CRLF or LF line ends); {@link #toString()}
 * writes it in RFC order ({@code v o s [i u e p] c [b] t [r z k] a m...}), every line ending in CRLF, so a
 * description written in that order round-trips byte for byte. Lines the model does not interpret are kept in
 * {@code otherLines}.
 *
 * @param connection the session-level {@code c=}, or null
 * @param timing the value of the first {@code t=} line, normally {@code 0 0}
 */
public record SessionDescription(Origin origin, String sessionName, Connection connection, String timing,
        List<Attribute> attributes, List<MediaDescription> media, List<SdpLine> otherLines) {

    /** Checks the fields and copies the lists. */
    public SessionDescription {
        Objects.requireNonNull(origin, "origin");
        Sdp.requireLineSafe(sessionName, "session name");
        Sdp.requireLineSafe(timing, "timing");
        attributes = List.copyOf(attributes);
        media = List.copyOf(media);
        otherLines = List.copyOf(otherLines);
        for (SdpLine l : otherLines) {
            if ("vosacm".indexOf(l.type()) >= 0) {
                throw new IllegalArgumentException("a " + l.type() + "= line is a field, not an other line");
            }
        }
    }

    /** A description without other lines. */
    public SessionDescription(Origin origin, String sessionName, Connection connection, String timing,
            List<Attribute> attributes, List<MediaDescription> media) {
        this(origin, sessionName, connection, timing, attributes, media, List.of());
    }

    /**
     * Parses a session description. Every attribute this model interprets ({@code rtpmap}, {@code fmtp},
     * {@code candidate}, {@code fingerprint}, {@code crypto}, {@code setup}, {@code rtcp}, {@code ice-ufrag},
     * {@code ice-pwd}) is checked here, so the typed views of the result do not fail.
     *
     * @throws SdpParseException saying what is wrong and on which line
     */
    public static SessionDescription parse(String text) throws SdpParseException {
        return SdpParser.parse(Objects.requireNonNull(text, "text"));
    }

    /** The first session-level value of an attribute ({@code ""} for a flag), matched ignoring case. */
    public Optional<String> attribute(String name) {
        return Sdp.first(attributes, name);
    }

    /** Every session-level value of an attribute in order ({@code ""} for a flag). */
    public List<String> attributes(String name) {
        return Sdp.values(attributes, name);
    }

    /** The first {@code m=audio} section. */
    public Optional<MediaDescription> audio() {
        return media.stream().filter(m -> m.media().equalsIgnoreCase("audio")).findFirst();
    }

    /** ICE credentials of a media section: media-level {@code ice-ufrag}/{@code ice-pwd}, else session-level. */
    public Optional<IceCredentials> ice(MediaDescription m) {
        Optional<String> ufrag = m.attribute("ice-ufrag").or(() -> attribute("ice-ufrag"));
        Optional<String> pwd = m.attribute("ice-pwd").or(() -> attribute("ice-pwd"));
        if (ufrag.isEmpty() || pwd.isEmpty() || !Sdp.isToken(ufrag.get()) || !Sdp.isToken(pwd.get())) {
            return Optional.empty();
        }
        return Optional.of(new IceCredentials(ufrag.get(), pwd.get()));
    }

    /** The first {@code a=fingerprint} of a media section, else the first session-level one. */
    public Optional<Fingerprint> fingerprint(MediaDescription m) {
        List<Fingerprint> all = fingerprints(m);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    /** Every {@code a=fingerprint} of a media section, else every session-level one. */
    public List<Fingerprint> fingerprints(MediaDescription m) {
        List<String> values = m.attributes("fingerprint");
        if (values.isEmpty()) {
            values = attributes("fingerprint");
        }
        List<Fingerprint> out = new ArrayList<>();
        for (String v : values) {
            try {
                out.add(Fingerprint.parse(v));
            } catch (SdpParseException e) {
                throw Sdp.invalid("a=fingerprint", e);
            }
        }
        return List.copyOf(out);
    }

    /** The {@code a=setup} of a media section, else the session-level one. */
    public Optional<Setup> setup(MediaDescription m) {
        Optional<String> v = m.attribute("setup").or(() -> attribute("setup"));
        if (v.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Setup.parse(v.get()));
        } catch (SdpParseException e) {
            throw Sdp.invalid("a=setup", e);
        }
    }

    /** The direction of a media section: its own attribute, else a session-level one, else sendrecv. */
    public Direction direction(MediaDescription m) {
        return m.declaredDirection().or(this::sessionDirection).orElse(Direction.SENDRECV);
    }

    /**
     * The connection of a media section: its own {@code c=}, else the session's. Never null for a parsed description
     * (the parser requires one for every section with a non-zero port); null only for a hand-built one lacking both.
     */
    public Connection connection(MediaDescription m) {
        return m.connection() != null ? m.connection() : connection;
    }

    /** A copy with another origin. */
    public SessionDescription withOrigin(Origin newOrigin) {
        return new SessionDescription(newOrigin, sessionName, connection, timing, attributes, media, otherLines);
    }

    /** A copy with another session-level connection (null for none). */
    public SessionDescription withConnection(Connection newConnection) {
        return new SessionDescription(origin, sessionName, newConnection, timing, attributes, media, otherLines);
    }

    /** A copy with other session-level attributes. */
    public SessionDescription withAttributes(List<Attribute> newAttributes) {
        return new SessionDescription(origin, sessionName, connection, timing, newAttributes, media, otherLines);
    }

    /** A copy with other media sections. */
    public SessionDescription withMedia(List<MediaDescription> newMedia) {
        return new SessionDescription(origin, sessionName, connection, timing, attributes, newMedia, otherLines);
    }

    /** The description as SDP text: RFC 8866 line order, CRLF after every line including the last. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(1024);
        line(sb, 'v', "0");
        line(sb, 'o', origin.toString());
        line(sb, 's', sessionName);
        others(sb, otherLines, "iuep");
        if (connection != null) {
            line(sb, 'c', connection.toString());
        }
        others(sb, otherLines, "b");
        line(sb, 't', timing);
        others(sb, otherLines, "trzk");
        othersExcept(sb, otherLines, "iuepbtrzk");
        for (Attribute a : attributes) {
            line(sb, 'a', a.toString());
        }
        for (MediaDescription m : media) {
            line(sb, 'm', m.mLine());
            others(sb, m.otherLines(), "i");
            if (m.connection() != null) {
                line(sb, 'c', m.connection().toString());
            }
            others(sb, m.otherLines(), "bk");
            othersExcept(sb, m.otherLines(), "ibk");
            for (Attribute a : m.attributes()) {
                line(sb, 'a', a.toString());
            }
        }
        return sb.toString();
    }

    private Optional<Direction> sessionDirection() {
        Direction found = null;
        for (Attribute a : attributes) {
            Direction d = a.isFlag() ? Direction.fromName(a.name()) : null;
            if (d != null) {
                found = d;
            }
        }
        return Optional.ofNullable(found);
    }

    private static void line(StringBuilder sb, char type, String value) {
        sb.append(type).append('=').append(value).append("\r\n");
    }

    private static void others(StringBuilder sb, List<SdpLine> lines, String types) {
        for (SdpLine l : lines) {
            if (types.indexOf(l.type()) >= 0) {
                line(sb, l.type(), l.value());
            }
        }
    }

    private static void othersExcept(StringBuilder sb, List<SdpLine> lines, String types) {
        for (SdpLine l : lines) {
            if (types.indexOf(l.type()) < 0) {
                line(sb, l.type(), l.value());
            }
        }
    }
}
