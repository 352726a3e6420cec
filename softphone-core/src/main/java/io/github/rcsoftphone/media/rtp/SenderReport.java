package io.github.rcsoftphone.media.rtp;

import java.util.List;

/**
 * An RTCP sender report (RFC 3550 6.4.1).
 *
 * @param ntpTimestamp 64-bit NTP timestamp (seconds since 1900 in the high 32 bits), see {@link Ntp}
 * @param rtpTimestamp unsigned 32-bit RTP timestamp for the same instant
 * @param packetCount unsigned 32-bit packets sent
 * @param octetCount unsigned 32-bit payload octets sent
 * @param reports at most 31 report blocks
 */
public record SenderReport(long ssrc, long ntpTimestamp, long rtpTimestamp, long packetCount, long octetCount,
                           List<ReportBlock> reports) implements RtcpPacket {

    /** Validates the ranges and copies the list. */
    public SenderReport {
        Bytes.requireU32("SSRC", ssrc);
        Bytes.requireU32("RTP timestamp", rtpTimestamp);
        Bytes.requireU32("packet count", packetCount);
        Bytes.requireU32("octet count", octetCount);
        reports = List.copyOf(reports);
        Bytes.requireRange("report block count", reports.size(), 0, 31);
    }

    @Override
    public int packetType() {
        return SR;
    }
}
