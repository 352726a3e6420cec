package io.github.rcsoftphone.media.rtp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RtpPacketTest {

    @Test
    void decodesAMinimalPacketWithMarker() throws Exception {
        byte[] wire = Hex.bytes("80 80 12 34 DE AD BE EF 01 02 03 04 01 02 03");
        RtpPacket p = RtpPacket.decode(wire, 0, wire.length);
        assertThat(p.marker()).isTrue();
        assertThat(p.payloadType()).isZero();
        assertThat(p.sequenceNumber()).isEqualTo(0x1234);
        assertThat(p.timestamp()).isEqualTo(0xDEADBEEFL);
        assertThat(p.ssrc()).isEqualTo(0x01020304L);
        assertThat(p.csrcs()).isEmpty();
        assertThat(p.extension()).isNull();
        assertThat(p.payload()).containsExactly(1, 2, 3);
        assertThat(p.encode()).isEqualTo(wire);
    }

    @Test
    void decodesCsrcsExtensionAndPaddingAtAnOffset() throws Exception {
        byte[] wire = Hex.bytes("""
                EE EE
                B2 6F FF FF 00 00 00 01 FF FF FF FF
                11 11 11 11 22 22 22 22
                BE DE 00 01 10 AA 00 00
                CA FE
                00 00 03
                EE""");
        RtpPacket p = RtpPacket.decode(wire, 2, wire.length - 3);
        assertThat(p.marker()).isFalse();
        assertThat(p.payloadType()).isEqualTo(111);
        assertThat(p.sequenceNumber()).isEqualTo(65535);
        assertThat(p.timestamp()).isEqualTo(1);
        assertThat(p.ssrc()).isEqualTo(0xFFFFFFFFL);
        assertThat(p.csrcs()).containsExactly(0x11111111L, 0x22222222L);
        assertThat(p.payload()).isEqualTo(Hex.bytes("CA FE"));
        assertThat(p.extension().profile()).isEqualTo(0xBEDE);
        assertThat(p.extension().isOneByte()).isTrue();
        assertThat(p.extension().elements())
                .containsExactly(new RtpHeaderExtension.Element(1, new byte[] {(byte) 0xAA}));
        // re-encoded without the padding, extension kept raw
        assertThat(Hex.of(p.encode())).isEqualTo(Hex.of(Hex.bytes("""
                92 6F FF FF 00 00 00 01 FF FF FF FF
                11 11 11 11 22 22 22 22
                BE DE 00 01 10 AA 00 00
                CA FE""")));
    }

    @Test
    void twoByteExtensionElementsRoundTrip() throws Exception {
        RtpHeaderExtension ext = RtpHeaderExtension.twoByte(List.of(
                new RtpHeaderExtension.Element(3, new byte[0]),
                new RtpHeaderExtension.Element(200, new byte[] {1, 2, 3})));
        assertThat(ext.profile()).isEqualTo(0x1000);
        assertThat(ext.data()).isEqualTo(Hex.bytes("03 00 C8 03 01 02 03 00"));
        RtpPacket p = new RtpPacket(true, 96, 7, 8, 9, List.of(), new byte[] {5}, ext);
        RtpPacket back = RtpPacket.decode(p.encode(), 0, p.encodedLength());
        assertThat(back).isEqualTo(p);
        assertThat(back.extension().elements()).hasSize(2);
        assertThat(RtpHeaderExtension.oneByte(List.of(new RtpHeaderExtension.Element(14, new byte[16]))).data())
                .hasSize(20);
    }

    @Test
    void payloadIsCopiedInAndOut() {
        byte[] payload = {1, 2};
        RtpPacket p = new RtpPacket(false, 0, 0, 0, 0, List.of(), payload);
        payload[0] = 9;
        p.payload()[1] = 9;
        assertThat(p.payload()).containsExactly(1, 2);
        assertThat(p).isEqualTo(new RtpPacket(false, 0, 0, 0, 0, List.of(), new byte[] {1, 2}));
    }

    @Test
    void rejectsOutOfRangeFields() {
        assertThatThrownBy(() -> new RtpPacket(false, 128, 0, 0, 0, List.of(), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("payload type");
        assertThatThrownBy(() -> new RtpPacket(false, 0, 65536, 0, 0, List.of(), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RtpPacket(false, 0, 0, 1L << 32, 0, List.of(), new byte[0]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void malformedPacketsSayWhatAndWhere() {
        assertParseError("80 00 00 01 00 00 00 02 00 00 00", "shorter than the 12-byte header", 11);
        assertParseError("40 00 00 01 00 00 00 02 00 00 00 03", "version 1 is not 2", 0);
        assertParseError("A0 00 00 01 00 00 00 02 00 00 00 03 AA 05", "padding of 5 bytes", 13);
        assertParseError("A0 00 00 01 00 00 00 02 00 00 00 03 AA 00", "padding count is 0", 13);
        assertParseError("83 00 00 01 00 00 00 02 00 00 00 03 00 00 00 01 00 00 00 02", "CSRC count 3", 12);
        assertParseError("90 00 00 01 00 00 00 02 00 00 00 03 BE DE", "extension header", 12);
        assertParseError("90 00 00 01 00 00 00 02 00 00 00 03 BE DE 00 02 10 AA 00 00", "extension of 2 words", 14);
        // CSRCs fit only if the padding is counted as header
        assertParseError("A1 00 00 01 00 00 00 02 00 00 00 03 00 00 00 04", "CSRC count 1", 12);
    }

    @Test
    void malformedExtensionElements() {
        RtpHeaderExtension oneByte = new RtpHeaderExtension(0xBEDE, Hex.bytes("13 AA 00 00"));
        assertThatThrownBy(oneByte::elements).isInstanceOf(RtpParseException.class)
                .hasMessageContaining("element 1 of 4 bytes");
        assertThatThrownBy(new RtpHeaderExtension(0x1234, new byte[4])::elements)
                .isInstanceOf(RtpParseException.class).hasMessageContaining("0x1234");
    }

    private static void assertParseError(String hex, String what, int at) {
        byte[] wire = Hex.bytes(hex);
        assertThatThrownBy(() -> RtpPacket.decode(wire, 0, wire.length))
                .isInstanceOf(RtpParseException.class)
                .hasMessageContaining(what)
                .satisfies(e -> assertThat(((RtpParseException) e).offset()).isEqualTo(at));
    }

    @Test
    void rfc5761Demux() {
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 C8 00 06"), 0, 4)).isTrue(); // SR 200
        assertThat(RtpPacket.isRtcp(Hex.bytes("81 C9 00 07"), 0, 4)).isTrue(); // RR 201
        assertThat(RtpPacket.isRtcp(Hex.bytes("81 CD 00 07"), 0, 4)).isTrue(); // RTPFB 205
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 DF"), 0, 2)).isTrue();       // 223
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 BF"), 0, 2)).isFalse();      // PT 63 + marker
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 E0"), 0, 2)).isFalse();      // PT 96 + marker
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 6D"), 0, 2)).isFalse();      // Opus 109
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 E5"), 0, 2)).isFalse();      // Opus 109 + marker
        assertThat(RtpPacket.isRtcp(Hex.bytes("80 C8 6D"), 1, 2)).isFalse();  // offset respected
        assertThat(RtpPacket.isRtcp(Hex.bytes("00 80 C8"), 1, 1)).isFalse();
        assertThat(RtpPacket.isRtcp(Hex.bytes("FF 80 C8"), 1, 2)).isTrue();
    }
}
