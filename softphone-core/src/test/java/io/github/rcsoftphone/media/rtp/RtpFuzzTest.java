package io.github.rcsoftphone.media.rtp;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the RTP packet decoder (with its header extension elements) and the RTCP compound
 * decoder. Property: each returns a value or throws {@link RtpParseException}.
 */
class RtpFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void rtp(byte[] data) {
        try {
            RtpPacket packet = RtpPacket.decode(data, 0, data.length);
            if (packet.extension() != null) {
                packet.extension().elements();
            }
            packet.encode();
        } catch (RtpParseException rejected) {
            // typed rejection is the contract
        }
    }

    @FuzzTest(maxDuration = "60s")
    void rtcp(byte[] data) {
        try {
            RtcpPacket.encodeCompound(RtcpPacket.decodeCompound(data, 0, data.length));
        } catch (RtpParseException rejected) {
            // typed rejection is the contract
        }
    }
}
