package io.github.rcsoftphone.media.rtp;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One RTP packet (RFC 3550 5.1), immutable: {@code payload} and the extension data are copied in and out.
 * Padding is removed on decode and never added on encode. The header extension, when present, is kept raw
 * ({@link RtpHeaderExtension}); {@code extension} is null when the packet has none.
 *
 * @param sequenceNumber 0..65535
 * @param timestamp 0..2^32-1
 * @param ssrc 0..2^32-1
 * @param csrcs at most 15, each 0..2^32-1
 */
public record RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                        List<Long> csrcs, byte[] payload, RtpHeaderExtension extension) {

    /** Size of the fixed header. */
    public static final int HEADER_SIZE = 12;

    /** Validates the ranges and copies the lists and payload. */
    public RtpPacket {
        Bytes.requireRange("payload type", payloadType, 0, 127);
        Bytes.requireRange("sequence number", sequenceNumber, 0, 0xFFFF);
        Bytes.requireU32("timestamp", timestamp);
        Bytes.requireU32("SSRC", ssrc);
        csrcs = List.copyOf(csrcs);
        if (csrcs.size() > 15) {
            throw new IllegalArgumentException("at most 15 CSRCs: " + csrcs.size());
        }
        for (Long c : csrcs) {
            Bytes.requireU32("CSRC", c);
        }
        payload = Objects.requireNonNull(payload, "payload").clone();
    }

    /** A packet without header extension. */
    public RtpPacket(boolean marker, int payloadType, int sequenceNumber, long timestamp, long ssrc,
                     List<Long> csrcs, byte[] payload) {
        this(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, payload, null);
    }

    /** A copy of the payload. */
    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** The payload length, without copying. */
    public int payloadLength() {
        return payload.length;
    }

    /**
     * RFC 5761 demultiplexing of RTP and RTCP on one port: true when the second byte, read as marker + payload type,
     * is 192..223 (RTCP packet types; payload types 64..95 with the marker bit set).
     */
    public static boolean isRtcp(byte[] data, int offset, int length) {
        if (length < 2) {
            return false;
        }
        int pt = data[offset + 1] & 0xFF;
        return pt >= 192 && pt <= 223;
    }

    /**
     * Decodes {@code length} bytes at {@code offset}.
     *
     * @throws RtpParseException if the bytes are not a version-2 RTP packet; the offset is relative to {@code offset}
     * @throws IndexOutOfBoundsException if {@code offset}/{@code length} lie outside {@code data} (a caller bug)
     */
    public static RtpPacket decode(byte[] data, int offset, int length) throws RtpParseException {
        Objects.checkFromIndexSize(offset, length, data.length);
        if (length < HEADER_SIZE) {
            throw new RtpParseException("RTP packet of " + length + " bytes is shorter than the 12-byte header",
                    length);
        }
        int b0 = Bytes.u8(data, offset);
        int version = b0 >>> 6;
        if (version != 2) {
            throw new RtpParseException("RTP version " + version + " is not 2", 0);
        }
        int end = length;
        if ((b0 & 0x20) != 0) {
            int pad = Bytes.u8(data, offset + length - 1);
            if (pad == 0) {
                throw new RtpParseException("padding bit set but the padding count is 0", length - 1);
            }
            if (pad > length - HEADER_SIZE) {
                throw new RtpParseException("padding of " + pad + " bytes is longer than the packet after its header",
                        length - 1);
            }
            end -= pad;
        }
        int cc = b0 & 0x0F;
        int pos = HEADER_SIZE;
        if (pos + 4 * cc > end) {
            throw new RtpParseException("CSRC count " + cc + " runs past the end of the packet", pos);
        }
        Long[] csrcs = new Long[cc];
        for (int i = 0; i < cc; i++, pos += 4) {
            csrcs[i] = Bytes.u32(data, offset + pos);
        }
        RtpHeaderExtension extension = null;
        if ((b0 & 0x10) != 0) {
            if (pos + 4 > end) {
                throw new RtpParseException("header extension header runs past the end of the packet", pos);
            }
            int profile = Bytes.u16(data, offset + pos);
            int words = Bytes.u16(data, offset + pos + 2);
            if (pos + 4 + 4 * words > end) {
                throw new RtpParseException("header extension of " + words + " words runs past the end of the packet",
                        pos + 2);
            }
            int from = offset + pos + 4;
            extension = new RtpHeaderExtension(profile, Arrays.copyOfRange(data, from, from + 4 * words));
            pos += 4 + 4 * words;
        }
        int b1 = Bytes.u8(data, offset + 1);
        return new RtpPacket((b1 & 0x80) != 0, b1 & 0x7F, Bytes.u16(data, offset + 2), Bytes.u32(data, offset + 4),
                Bytes.u32(data, offset + 8), Arrays.asList(csrcs),
                Arrays.copyOfRange(data, offset + pos, offset + end), extension);
    }

    /** The number of bytes {@link #encode()} produces. */
    public int encodedLength() {
        return HEADER_SIZE + 4 * csrcs.size() + (extension == null ? 0 : 4 + extension.length()) + payload.length;
    }

    /** The wire bytes (no padding). */
    public byte[] encode() {
        byte[] out = new byte[encodedLength()];
        encodeInto(out, 0);
        return out;
    }

    /** Writes the wire bytes at {@code at} and returns how many were written. */
    public int encodeInto(byte[] dst, int at) {
        int n = encodedLength();
        Objects.checkFromIndexSize(at, n, dst.length);
        dst[at] = (byte) (0x80 | (extension == null ? 0 : 0x10) | csrcs.size());
        dst[at + 1] = (byte) ((marker ? 0x80 : 0) | payloadType);
        Bytes.put16(dst, at + 2, sequenceNumber);
        Bytes.put32(dst, at + 4, timestamp);
        Bytes.put32(dst, at + 8, ssrc);
        int pos = at + HEADER_SIZE;
        for (Long c : csrcs) {
            Bytes.put32(dst, pos, c);
            pos += 4;
        }
        if (extension != null) {
            Bytes.put16(dst, pos, extension.profile());
            Bytes.put16(dst, pos + 2, extension.length() / 4);
            extension.copyTo(dst, pos + 4);
            pos += 4 + extension.length();
        }
        System.arraycopy(payload, 0, dst, pos, payload.length);
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RtpPacket p && p.marker == marker && p.payloadType == payloadType
                && p.sequenceNumber == sequenceNumber && p.timestamp == timestamp && p.ssrc == ssrc
                && p.csrcs.equals(csrcs) && Arrays.equals(p.payload, payload)
                && Objects.equals(p.extension, extension);
    }

    @Override
    public int hashCode() {
        return Objects.hash(marker, payloadType, sequenceNumber, timestamp, ssrc, csrcs, extension)
                * 31 + Arrays.hashCode(payload);
    }

    @Override
    public String toString() {
        return "RtpPacket[pt=" + payloadType + (marker ? ", M" : "") + ", seq=" + sequenceNumber + ", ts=" + timestamp
                + ", ssrc=" + Long.toHexString(ssrc) + (csrcs.isEmpty() ? "" : ", csrcs=" + csrcs)
                + (extension == null ? "" : ", " + extension) + ", payload=" + payload.length + " bytes]";
    }
}
