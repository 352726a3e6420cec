package io.github.rcsoftphone.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Text to {@link SessionDescription}; every failure is an {@link SdpParseException} with its line number. */
final class SdpParser {

    /** Line types allowed only at session level. */
    private static final String SESSION_ONLY = "vosuepztr";

    private Origin origin;
    private String sessionName;
    private Connection connection;
    private String timing;
    private final List<Attribute> attributes = new ArrayList<>();
    private final List<SdpLine> otherLines = new ArrayList<>();
    private final List<MediaDescription> media = new ArrayList<>();
    private MediaBuilder current;

    private SdpParser() {
    }

    static SessionDescription parse(String text) throws SdpParseException {
        return new SdpParser().run(text);
    }

    private SessionDescription run(String text) throws SdpParseException {
        String[] lines = text.split("\n", -1);
        boolean sawVersion = false;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            int number = i + 1;
            if (line.endsWith("\r")) {
                line = line.substring(0, line.length() - 1);
            }
            if (line.isEmpty()) {
                continue;
            }
            try {
                if (!Sdp.isLineSafe(line)) {
                    throw new SdpParseException("control character (CR or NUL) inside a line");
                }
                if (line.length() < 2 || line.charAt(1) != '=' || !isLetter(line.charAt(0))) {
                    throw new SdpParseException("not a '<letter>=<value>' line");
                }
                char type = line.charAt(0);
                String value = line.substring(2);
                if (!sawVersion) {
                    if (type != 'v' || !value.strip().equals("0")) {
                        throw new SdpParseException("a session description must start with v=0");
                    }
                    sawVersion = true;
                    continue;
                }
                if (current == null) {
                    sessionLine(type, value);
                } else {
                    mediaLine(type, value, number);
                }
                if (type == 'm') {
                    current = mediaStart(value, number);
                }
            } catch (SdpParseException e) {
                throw e.line() > 0 ? e : e.atLine(number, line);
            }
        }
        if (!sawVersion) {
            throw new SdpParseException("empty session description: no v=0 line", 1);
        }
        finishMedia();
        if (origin == null) {
            throw new SdpParseException("no o= line", lines.length);
        }
        return new SessionDescription(origin, sessionName == null ? "-" : sessionName, connection,
                timing == null ? "0 0" : timing, attributes, media, otherLines);
    }

    private void sessionLine(char type, String value) throws SdpParseException {
        switch (type) {
            case 'v' -> throw new SdpParseException("second v= line");
            case 'o' -> {
                if (origin != null) {
                    throw new SdpParseException("second o= line");
                }
                origin = Origin.parse(value);
            }
            case 's' -> {
                if (sessionName != null) {
                    throw new SdpParseException("second s= line");
                }
                sessionName = value;
            }
            case 'c' -> {
                if (connection != null) {
                    throw new SdpParseException("second session-level c= line");
                }
                connection = Connection.parse(value);
            }
            case 't' -> {
                String[] t = Sdp.tokens(value);
                if (t.length != 2 || !t[0].matches("[0-9]{1,20}") || !t[1].matches("[0-9]{1,20}")) {
                    throw new SdpParseException("bad t= '" + value + "': want '<start> <stop>'");
                }
                if (timing == null) {
                    timing = value;
                } else {
                    otherLines.add(new SdpLine(type, value));
                }
            }
            case 'a' -> attributes.add(attribute(value));
            case 'm' -> {
                // handled by the caller
            }
            default -> otherLines.add(new SdpLine(type, value));
        }
    }

    private void mediaLine(char type, String value, int number) throws SdpParseException {
        switch (type) {
            case 'm' -> finishMedia();
            case 'c' -> {
                if (current.connection != null) {
                    throw new SdpParseException("second c= line in the media section");
                }
                current.connection = Connection.parse(value);
            }
            case 'a' -> current.attributes.add(attribute(value));
            default -> {
                if (SESSION_ONLY.indexOf(type) >= 0) {
                    throw new SdpParseException(type + "= line inside a media section (m= on line "
                            + current.line + ")");
                }
                current.otherLines.add(new SdpLine(type, value));
            }
        }
    }

    private MediaBuilder mediaStart(String value, int number) throws SdpParseException {
        String[] t = Sdp.tokens(value);
        if (t.length < 3) {
            throw new SdpParseException("bad m= line: want '<media> <port> <proto> <fmt> ...'");
        }
        String portText = t[1];
        int slash = portText.indexOf('/');
        if (slash >= 0) {
            Sdp.parseInt(portText.substring(slash + 1), 1, 65535, "m= port count");
            portText = portText.substring(0, slash); // the port count is not modelled
        }
        MediaBuilder b = new MediaBuilder();
        b.line = number;
        b.media = t[0];
        b.port = Sdp.parseInt(portText, 0, 65535, "m= port");
        b.protocol = t[2];
        for (int i = 3; i < t.length; i++) {
            b.formats.add(t[i]);
        }
        return b;
    }

    private void finishMedia() throws SdpParseException {
        if (current == null) {
            return;
        }
        if (current.port != 0 && current.connection == null && connection == null) {
            throw new SdpParseException("m=" + current.media + " section has no c= line and there is no "
                    + "session-level c=", current.line);
        }
        media.add(new MediaDescription(current.media, current.port, current.protocol, current.formats,
                current.connection, current.attributes, current.otherLines));
        current = null;
    }

    private static Attribute attribute(String text) throws SdpParseException {
        Attribute a = Attribute.parse(text);
        check(a);
        return a;
    }

    /** Checks the grammar of the attributes the typed views interpret. */
    private static void check(Attribute a) throws SdpParseException {
        String name = a.name().toLowerCase(Locale.ROOT);
        switch (name) {
            case "rtpmap", "fmtp", "candidate", "fingerprint", "crypto", "setup", "rtcp", "ice-ufrag", "ice-pwd",
                    "mid" -> {
                if (a.value() == null || a.value().isBlank()) {
                    throw new SdpParseException("a=" + a.name() + " needs a value");
                }
            }
            default -> {
                return;
            }
        }
        String v = a.value();
        switch (name) {
            case "rtpmap" -> RtpMap.parse(v);
            case "fmtp" -> {
                String[] tokens = Sdp.tokens(v);
                if (tokens.length == 0) {
                    throw new SdpParseException("a=fmtp needs a payload type");
                }
                String pt = tokens[0];
                if (pt.matches("[0-9]+")) {
                    Sdp.parseInt(pt, 0, 127, "fmtp payload type");
                }
            }
            case "candidate" -> Candidate.parse(v);
            case "fingerprint" -> Fingerprint.parse(v);
            case "crypto" -> Crypto.parse(v);
            case "setup" -> Setup.parse(v);
            case "rtcp" -> MediaDescription.parseRtcpPort(v);
            case "ice-ufrag", "ice-pwd", "mid" -> {
                if (!Sdp.isToken(v)) {
                    throw new SdpParseException("a=" + a.name() + " must be one token");
                }
            }
            default -> {
            }
        }
    }

    private static boolean isLetter(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    /** The parts of a media section while it is being read. */
    private static final class MediaBuilder {
        int line;
        String media;
        int port;
        String protocol;
        Connection connection;
        final List<String> formats = new ArrayList<>();
        final List<Attribute> attributes = new ArrayList<>();
        final List<SdpLine> otherLines = new ArrayList<>();
    }
}
