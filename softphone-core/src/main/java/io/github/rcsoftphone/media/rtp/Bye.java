package io.github.rcsoftphone.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An RTCP BYE (RFC 3550 6.6).
 *
 * @param ssrcs at most 31 sources leaving
 * @param reason the reason text (at most 255 bytes in UTF-8), or null when absent
 */
public record Bye(List<Long> ssrcs, String reason) implements RtcpPacket {

    /** Validates and copies. */
    public Bye {
        ssrcs = List.copyOf(ssrcs);
        Bytes.requireRange("BYE source count", ssrcs.size(), 0, 31);
        for (Long s : ssrcs) {
            Bytes.requireU32("SSRC", s);
        }
        if (reason != null) {
            Bytes.requireRange("BYE reason length in UTF-8", reason.getBytes(StandardCharsets.UTF_8).length, 0, 255);
        }
    }

    @Override
    public int packetType() {
        return BYE;
    }
}
