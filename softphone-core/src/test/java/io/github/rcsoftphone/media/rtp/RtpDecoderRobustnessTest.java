package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * For any bytes the RTP and RTCP decoders (and the RFC 8285 element reader) return a value or throw
 * {@link RtpParseException}, nothing else; whatever decodes re-encodes and decodes to the same value.
 */
class RtpDecoderRobustnessTest {

    private static final List<byte[]> RTP_SAMPLES = List.of(
            Hex.bytes("80 80 12 34 DE AD BE EF 01 02 03 04 01 02 03"),
            Hex.bytes("B2 6F FF FF 00 00 00 01 FF FF FF FF 11 11 11 11 22 22 22 22 BE DE 00 01 10 AA 00 00 CA FE 00 00 03"),
            Hex.bytes("90 60 00 07 00 00 00 08 00 00 00 09 10 00 00 02 03 00 C8 03 01 02 03 00 05"),
            Hex.bytes("80 6D 00 01 00 00 01 40 12 34 56 78"));

    private static final List<byte[]> RTCP_SAMPLES = List.of(
            Hex.bytes("""
                    81 C8 00 0C 11 22 33 44 E9 B4 3C 00 80 00 00 00 00 01 E2 40 00 00 00 64 00 00 3E 80
                    55 66 77 88 40 FF FF FE 00 01 00 05 00 00 00 2A 3C 00 80 00 00 01 00 00
                    81 CA 00 03 11 22 33 44 01 03 61 62 63 00 00 00"""),
            Hex.bytes("""
                    81 C9 00 07 11 22 33 44 55 66 77 88 00 00 01 02 00 02 FF FF 00 00 01 00 00 00 00 00 00 00 00 00
                    81 CB 00 02 11 22 33 44 03 62 79 65"""),
            Hex.bytes("80 C9 00 01 00 00 00 07 A1 CD 00 03 00 00 00 07 00 00 00 09 00 00 00 04"),
            Hex.bytes("82 CA 00 06 00 00 00 0A 02 01 78 01 03 75 40 68 00 00 00 00 00 00 00 0B 06 01 74 00"));

    @Test
    void everyTruncationOfEverySample() {
        for (byte[] wire : RTP_SAMPLES) {
            for (int n = 0; n <= wire.length; n++) {
                checkRtp(Arrays.copyOf(wire, n));
                checkRtp(Arrays.copyOfRange(wire, n, wire.length));
            }
        }
        for (byte[] wire : RTCP_SAMPLES) {
            for (int n = 0; n <= wire.length; n++) {
                checkRtcp(Arrays.copyOf(wire, n));
                checkRtcp(Arrays.copyOfRange(wire, n, wire.length));
            }
        }
    }

    @Test
    void randomMutationsAndRandomBytes() {
        Random random = new Random(3550);
        for (int round = 0; round < 20_000; round++) {
            checkRtp(mutate(RTP_SAMPLES.get(random.nextInt(RTP_SAMPLES.size())), random));
            checkRtcp(mutate(RTCP_SAMPLES.get(random.nextInt(RTCP_SAMPLES.size())), random));
            byte[] noise = new byte[random.nextInt(80)];
            random.nextBytes(noise);
            if (noise.length > 0) {
                noise[0] = (byte) (0x80 | noise[0] & 0x3F); // mostly version 2, to get past the first check
            }
            checkRtp(noise);
            checkRtcp(noise);
        }
    }

    private static byte[] mutate(byte[] sample, Random random) {
        byte[] b = sample.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits; i++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0 -> b[at] = (byte) random.nextInt(256);
                case 1 -> b[at] ^= (byte) (1 << random.nextInt(8));
                default -> b = Arrays.copyOf(b, Math.max(0, b.length - 1 - random.nextInt(4)));
            }
            if (b.length == 0) {
                break;
            }
        }
        return b;
    }

    private static void checkRtp(byte[] wire) {
        byte[] framed = new byte[wire.length + 3];
        System.arraycopy(wire, 0, framed, 2, wire.length);
        RtpPacket p;
        try {
            p = RtpPacket.decode(framed, 2, wire.length);
        } catch (RtpParseException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("RTP decoder threw " + e + " for " + Hex.of(wire), e);
        }
        if (p.extension() != null) {
            try {
                p.extension().elements();
            } catch (RtpParseException expected) {
                // a malformed element list is reported, not thrown as anything else
            } catch (RuntimeException e) {
                throw new AssertionError("element reader threw " + e + " for " + Hex.of(wire), e);
            }
        }
        try {
            assertThat(RtpPacket.decode(p.encode(), 0, p.encodedLength())).isEqualTo(p);
        } catch (RtpParseException e) {
            fail("re-encoded packet did not decode: " + Hex.of(wire), e);
        }
    }

    private static void checkRtcp(byte[] wire) {
        List<RtcpPacket> packets;
        try {
            packets = RtcpPacket.decodeCompound(wire, 0, wire.length);
        } catch (RtpParseException expected) {
            return;
        } catch (RuntimeException e) {
            throw new AssertionError("RTCP decoder threw " + e + " for " + Hex.of(wire), e);
        }
        if (packets.isEmpty()) {
            return; // e.g. an SDES whose chunks carry no CNAME: nothing to re-encode
        }
        byte[] again = RtcpPacket.encodeCompound(packets);
        try {
            assertThat(RtcpPacket.decodeCompound(again, 0, again.length)).isEqualTo(packets);
        } catch (RtpParseException e) {
            fail("re-encoded compound did not decode: " + Hex.of(wire), e);
        }
    }
}
