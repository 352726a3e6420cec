package io.github.rcsoftphone.media.rtp;

import java.util.Arrays;
import java.util.Objects;

/**
 * An RTCP packet of a type this package does not model (APP, RTPFB, PSFB, XR, ...), kept raw so it re-encodes.
 *
 * @param packetType 0..255
 * @param body the bytes after the 4-byte header, padding removed; copied in and out. A body that is not whole
 *     32-bit words is encoded with RTCP padding.
 * @param count the 5-bit count/subtype field of the header (FMT for feedback packets)
 */
public record UnknownRtcp(int packetType, byte[] body, int count) implements RtcpPacket {

    /** Validates and copies. */
    public UnknownRtcp {
        Bytes.requireRange("RTCP packet type", packetType, 0, 255);
        Bytes.requireRange("RTCP count field", count, 0, 31);
        Objects.requireNonNull(body, "body");
        if (body.length > 0xFFFF * 4) {
            throw new IllegalArgumentException("RTCP body too long: " + body.length + " bytes");
        }
        body = body.clone();
    }

    /** A packet with count field 0. */
    public UnknownRtcp(int packetType, byte[] body) {
        this(packetType, body, 0);
    }

    @Override
    public byte[] body() {
        return body.clone();
    }

    int bodyLength() {
        return body.length;
    }

    void copyBodyTo(byte[] dst, int at) {
        System.arraycopy(body, 0, dst, at, body.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof UnknownRtcp u && u.packetType == packetType && u.count == count
                && Arrays.equals(u.body, body);
    }

    @Override
    public int hashCode() {
        return (31 * packetType + count) * 31 + Arrays.hashCode(body);
    }

    @Override
    public String toString() {
        return "UnknownRtcp[type=" + packetType + ", count=" + count + ", body=" + body.length + " bytes]";
    }
}
