package io.github.rcsoftphone.media.rtp;

/**
 * An RTCP reception report block (RFC 3550 6.4.1).
 *
 * @param ssrc the source this block reports on
 * @param fractionLost 0..255: lost since the previous report, as a fraction of 256
 * @param cumulativeLost signed 24-bit: expected minus received since the start
 * @param extendedHighestSequence unsigned 32-bit: cycles &lt;&lt; 16 | highest sequence number
 * @param jitter unsigned 32-bit interarrival jitter in timestamp units
 * @param lastSr unsigned 32-bit middle of the last SR's NTP timestamp, 0 if none
 * @param delaySinceLastSr unsigned 32-bit delay since that SR in 1/65536 s, 0 if none
 */
public record ReportBlock(long ssrc, int fractionLost, int cumulativeLost, long extendedHighestSequence, long jitter,
                          long lastSr, long delaySinceLastSr) {

    /** Validates every field's range. */
    public ReportBlock {
        Bytes.requireU32("SSRC", ssrc);
        Bytes.requireRange("fraction lost", fractionLost, 0, 255);
        Bytes.requireRange("cumulative lost", cumulativeLost, -0x80_0000, 0x7F_FFFF);
        Bytes.requireU32("extended highest sequence", extendedHighestSequence);
        Bytes.requireU32("jitter", jitter);
        Bytes.requireU32("LSR", lastSr);
        Bytes.requireU32("DLSR", delaySinceLastSr);
    }
}
