package io.github.rcsoftphone.media.rtp;

import java.util.List;

/** An RTCP receiver report (RFC 3550 6.4.2) with at most 31 report blocks. */
public record ReceiverReport(long ssrc, List<ReportBlock> reports) implements RtcpPacket {

    /** Validates the SSRC and copies the list. */
    public ReceiverReport {
        Bytes.requireU32("SSRC", ssrc);
        reports = List.copyOf(reports);
        Bytes.requireRange("report block count", reports.size(), 0, 31);
    }

    @Override
    public int packetType() {
        return RR;
    }
}
