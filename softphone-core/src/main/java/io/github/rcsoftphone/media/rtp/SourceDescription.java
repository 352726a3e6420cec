package io.github.rcsoftphone.media.rtp;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One SDES chunk (RFC 3550 6.5) with its CNAME; other items are ignored on decode. An SDES packet with several
 * chunks decodes to one {@code SourceDescription} per chunk that carries a CNAME.
 *
 * @param cname at most 255 bytes in UTF-8
 */
public record SourceDescription(long ssrc, String cname) implements RtcpPacket {

    /** Validates the SSRC and CNAME length. */
    public SourceDescription {
        Bytes.requireU32("SSRC", ssrc);
        Objects.requireNonNull(cname, "cname");
        Bytes.requireRange("CNAME length in UTF-8", cname.getBytes(StandardCharsets.UTF_8).length, 0, 255);
    }

    @Override
    public int packetType() {
        return SDES;
    }
}
