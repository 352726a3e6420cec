package io.github.rcsoftphone.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * One payload format: {@code a=rtpmap:<pt> <encoding>/<clock>[/<channels>]}, or a static payload type implied by
 * RFC 3551 when an m= line lists it without an rtpmap. The encoding name keeps the case it was written in.
 */
public record RtpMap(int payloadType, String encoding, int clockRate, int channels) {

    /** Checks ranges: payload type 0..127, positive clock rate and channel count. */
    public RtpMap {
        if (payloadType < 0 || payloadType > 127) {
            throw new IllegalArgumentException("payload type out of range 0..127: " + payloadType);
        }
        Sdp.requireToken(encoding, "encoding name");
        if (encoding.indexOf('/') >= 0) {
            throw new IllegalArgumentException("encoding name contains '/': " + encoding);
        }
        if (clockRate <= 0 || channels <= 0) {
            throw new IllegalArgumentException("clock rate and channels must be positive");
        }
    }

    /** A mono format. */
    public RtpMap(int payloadType, String encoding, int clockRate) {
        this(payloadType, encoding, clockRate, 1);
    }

    /** True if the encoding name equals {@code name} ignoring case. */
    public boolean is(String name) {
        return encoding.equalsIgnoreCase(name);
    }

    /** True for RFC 4733 {@code telephone-event}. */
    public boolean isTelephoneEvent() {
        return is("telephone-event");
    }

    /** The rtpmap value: {@code 111 OPUS/48000/2}, {@code 0 PCMU/8000} (channels written only when not 1). */
    @Override
    public String toString() {
        return payloadType + " " + encoding + "/" + clockRate + (channels == 1 ? "" : "/" + channels);
    }

    /** The RFC 3551 static audio payload types this library knows (0, 3, 4, 8, 9, 13, 18). */
    public static Optional<RtpMap> staticType(int payloadType) {
        return switch (payloadType) {
            case 0 -> Optional.of(new RtpMap(0, "PCMU", 8000));
            case 3 -> Optional.of(new RtpMap(3, "GSM", 8000));
            case 4 -> Optional.of(new RtpMap(4, "G723", 8000));
            case 8 -> Optional.of(new RtpMap(8, "PCMA", 8000));
            case 9 -> Optional.of(new RtpMap(9, "G722", 8000));
            case 13 -> Optional.of(new RtpMap(13, "CN", 8000));
            case 18 -> Optional.of(new RtpMap(18, "G729", 8000));
            default -> Optional.empty();
        };
    }

    /** Parses an {@code a=rtpmap} value. */
    public static RtpMap parse(String value) throws SdpParseException {
        String v = value.strip();
        int space = v.indexOf(' ');
        if (space < 0) {
            throw new SdpParseException("bad rtpmap '" + value + "': want '<pt> <encoding>/<clock>[/<channels>]'");
        }
        int pt = Sdp.parseInt(v.substring(0, space), 0, 127, "rtpmap payload type");
        String[] parts = v.substring(space + 1).strip().split("/", -1);
        if (parts.length < 2 || parts.length > 3 || !Sdp.isToken(parts[0])) {
            throw new SdpParseException("bad rtpmap '" + value + "': want '<pt> <encoding>/<clock>[/<channels>]'");
        }
        int clock = Sdp.parseInt(parts[1], 1, Integer.MAX_VALUE, "rtpmap clock rate");
        int channels = parts.length == 3 ? Sdp.parseInt(parts[2], 1, 255, "rtpmap channel count") : 1;
        return new RtpMap(pt, parts[0], clock, channels);
    }

    /** The encoding name in upper case (for messages). */
    String upperName() {
        return encoding.toUpperCase(Locale.ROOT);
    }
}
