package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RtcpPacketTest {

    private static final String SR_SDES = """
            81 C8 00 0C  11 22 33 44
            E9 B4 3C 00  80 00 00 00
            00 01 E2 40  00 00 00 64  00 00 3E 80
            55 66 77 88  40 FF FF FE  00 01 00 05  00 00 00 2A  3C 00 80 00  00 01 00 00
            81 CA 00 03  11 22 33 44  01 03 61 62  63 00 00 00""";

    private static final String RR_BYE = """
            81 C9 00 07  11 22 33 44
            55 66 77 88  00 00 01 02  00 02 FF FF  00 00 01 00  00 00 00 00  00 00 00 00
            81 CB 00 02  11 22 33 44  03 62 79 65""";

    private static final ReportBlock BLOCK =
            new ReportBlock(0x55667788L, 0x40, -2, 0x00010005L, 42, 0x3C008000L, 0x00010000L);

    @Test
    void senderReportWithSdesMatchesTheRfcLayout() throws Exception {
        List<RtcpPacket> packets = List.of(
                new SenderReport(0x11223344L, 0xE9B43C0080000000L, 123456, 100, 16000, List.of(BLOCK)),
                new SourceDescription(0x11223344L, "abc"));
        byte[] wire = Hex.bytes(SR_SDES);
        assertThat(Hex.of(RtcpPacket.encodeCompound(packets))).isEqualTo(Hex.of(wire));
        assertThat(RtcpPacket.decodeCompound(wire, 0, wire.length)).isEqualTo(packets);
    }

    @Test
    void receiverReportWithByeMatchesTheRfcLayout() throws Exception {
        ReportBlock block = new ReportBlock(0x55667788L, 0, 258, 0x0002FFFFL, 256, 0, 0);
        List<RtcpPacket> packets = List.of(new ReceiverReport(0x11223344L, List.of(block)),
                new Bye(List.of(0x11223344L), "bye"));
        byte[] wire = Hex.bytes(RR_BYE);
        assertThat(Hex.of(RtcpPacket.encodeCompound(packets))).isEqualTo(Hex.of(wire));
        assertThat(RtcpPacket.decodeCompound(wire, 0, wire.length)).isEqualTo(packets);
    }

    @Test
    void byeWithoutReasonAndEmptyReceiverReport() throws Exception {
        byte[] wire = Hex.bytes("80 C9 00 01 00 00 00 07  82 CB 00 02 00 00 00 01 FF FF FF FF");
        List<RtcpPacket> packets = RtcpPacket.decodeCompound(wire, 0, wire.length);
        assertThat(packets).containsExactly(new ReceiverReport(7, List.of()),
                new Bye(List.of(1L, 0xFFFFFFFFL), null));
        assertThat(RtcpPacket.encodeCompound(packets)).isEqualTo(wire);
    }

    @Test
    void sdesKeepsCnameAmongOtherItemsAndSkipsChunksWithout() throws Exception {
        // two chunks: NAME "x" then CNAME "u@h" (6+5 = 11 bytes + null -> 12); second chunk only TOOL "t"
        byte[] wire = Hex.bytes("""
                82 CA 00 06
                00 00 00 0A  02 01 78 01  03 75 40 68  00 00 00 00
                00 00 00 0B  06 01 74 00""");
        assertThat(RtcpPacket.decodeCompound(wire, 0, wire.length))
                .containsExactly(new SourceDescription(10, "u@h"));
    }

    @Test
    void paddingAndUnknownTypesAreHandled() throws Exception {
        // RR, then a padded RTPFB (205, FMT 1) with an 8-byte body and 4 bytes of padding
        byte[] wire = Hex.bytes("80 C9 00 01 00 00 00 07  A1 CD 00 03 00 00 00 07 00 00 00 09 00 00 00 04");
        List<RtcpPacket> packets = RtcpPacket.decodeCompound(wire, 0, wire.length);
        assertThat(packets).hasSize(2);
        UnknownRtcp fb = (UnknownRtcp) packets.get(1);
        assertThat(fb.packetType()).isEqualTo(205);
        assertThat(fb.count()).isEqualTo(1);
        assertThat(fb.body()).isEqualTo(Hex.bytes("00 00 00 07 00 00 00 09"));
        assertThat(Hex.of(RtcpPacket.encodeCompound(packets)))
                .isEqualTo("80 c9 00 01 00 00 00 07 81 cd 00 02 00 00 00 07 00 00 00 09");
        // an odd-length body is written with RTCP padding
        assertThat(Hex.of(RtcpPacket.encodeCompound(List.of(new UnknownRtcp(204, new byte[] {1})))))
                .isEqualTo("a0 cc 00 01 01 00 00 03");
    }

    @Test
    void cumulativeLostIsSigned24Bit() throws Exception {
        ReportBlock extremes = new ReportBlock(1, 255, -0x800000, 0xFFFFFFFFL, 0xFFFFFFFFL, 0xFFFFFFFFL, 1);
        byte[] wire = RtcpPacket.encodeCompound(List.of(new ReceiverReport(2, List.of(extremes))));
        assertThat(Hex.of(wire)).contains("ff 80 00 00");
        assertThat(((ReceiverReport) RtcpPacket.decodeCompound(wire, 0, wire.length).get(0)).reports())
                .containsExactly(extremes);
        assertThatThrownBy(() -> new ReportBlock(1, 0, 0x800000, 0, 0, 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedCompoundsSayWhatAndWhere() {
        assertParseError("80 C9 00", "shorter than its 4-byte header", 3);
        assertParseError("80 C9 00 01 00 00 00 07 80 C9", "truncated RTCP header", 8);
        assertParseError("40 C9 00 01 00 00 00 07", "version 1", 0);
        assertParseError("80 C9 00 02 00 00 00 07", "runs past the end", 2);
        assertParseError("81 C9 00 01 00 00 00 07", "receiver report with 1 report blocks", 4);
        assertParseError("81 C8 00 06 00 00 00 07 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00",
                "sender report with 1", 4);
        assertParseError("81 CA 00 02 00 00 00 07 01 09 61 62", "SDES item 1 of 9 bytes", 10);
        assertParseError("81 CA 00 02 00 00 00 07 01 02 61 62", "SDES item list", 12);
        assertParseError("81 CB 00 02 00 00 00 07 09 62 79 65", "BYE reason of 9 bytes", 9);
        assertParseError("82 CB 00 01 00 00 00 07", "BYE with 2 sources", 4);
        assertParseError("A0 C9 00 01 00 00 00 05", "padding count 5", 7);
    }

    private static void assertParseError(String hex, String what, int at) {
        byte[] wire = Hex.bytes(hex);
        assertThatThrownBy(() -> RtcpPacket.decodeCompound(wire, 0, wire.length))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(((RtpParseException) e).offset()).isEqualTo(at));
    }

    @Test
    void ntpConversions() {
        assertThat(Ntp.fromEpochMillis(0)).isEqualTo(2_208_988_800L << 32);
        assertThat(Ntp.fromEpochMillis(1500)).isEqualTo((2_208_988_801L << 32) | 0x8000_0000L);
        assertThat(Ntp.toNtp(Instant.ofEpochSecond(1, 250_000_000))).isEqualTo((2_208_988_801L << 32) | 0x4000_0000L);
        assertThat(Ntp.toEpochNanos(Ntp.fromEpochNanos(1_700_000_000_123_456_789L)))
                .isBetween(1_700_000_000_123_456_788L, 1_700_000_000_123_456_789L);
        assertThat(Ntp.middle32(0xE9B43C0080000000L)).isEqualTo(0x3C008000L);
        assertThat(Ntp.nanosToShort(1_000_000_000L)).isEqualTo(65536);
        assertThat(Ntp.nanosToShort(-5)).isZero();
        assertThat(Ntp.shortToMillis(32768)).isEqualTo(500.0);
    }
}
