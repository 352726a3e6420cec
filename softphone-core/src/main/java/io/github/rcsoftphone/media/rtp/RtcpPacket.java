package io.github.rcsoftphone.media.rtp;

import java.util.List;

/**
 * One RTCP packet of a compound packet (RFC 3550 6.4-6.6). Types other than SR, RR, SDES and BYE are kept as
 * {@link UnknownRtcp}.
 */
public sealed interface RtcpPacket permits SenderReport, ReceiverReport, SourceDescription, Bye, UnknownRtcp {

    /** Sender report. */
    int SR = 200;
    /** Receiver report. */
    int RR = 201;
    /** Source description. */
    int SDES = 202;
    /** Goodbye. */
    int BYE = 203;

    /** The RTCP packet type (200 SR, 201 RR, ...). */
    int packetType();

    /**
     * Decodes every packet of a compound RTCP packet (padding removed). The first packet is not required to be
     * an SR or RR (RFC 5506 reduced-size RTCP is accepted). An SDES chunk without a CNAME is skipped.
     *
     * @throws RtpParseException if a header is not version 2, a length runs past the data, or a body is too short;
     *     the offset is relative to {@code offset}
     * @throws IndexOutOfBoundsException if {@code offset}/{@code length} lie outside {@code data} (a caller bug)
     */
    static List<RtcpPacket> decodeCompound(byte[] data, int offset, int length) throws RtpParseException {
        return RtcpCodec.decodeCompound(data, offset, length);
    }

    /** The wire bytes of a compound packet made of {@code packets} in order (no padding). */
    static byte[] encodeCompound(List<RtcpPacket> packets) {
        return RtcpCodec.encodeCompound(packets);
    }
}
