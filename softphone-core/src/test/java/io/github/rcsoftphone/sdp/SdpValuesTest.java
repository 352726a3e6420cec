package io.github.rcsoftphone.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SdpValuesTest {

    @Test
    void candidatesRoundTrip() throws SdpParseException {
        for (String v : List.of(
                "lVt5YyAxexOkz5l5 1 UDP 2130706431 199.255.120.232 21886 typ host",
                "1013495291 1 udp 1686052607 203.0.113.7 54609 typ srflx raddr 192.168.1.20 rport 54609 generation 0",
                "2198334102 1 tcp 1518280447 192.168.1.20 9 typ host tcptype active generation 0 network-id 1",
                "abc 2 UDP 4294967295 fe80::1 0 typ relay raddr 0.0.0.0 rport 0",
                "x 1 udp 1 a1b2c3.local 5000 typ host")) {
            assertThat(Candidate.parse(v).toString()).isEqualTo(v);
        }
        Candidate c = Candidate.parse("candidate:F 1 UDP 5 10.0.0.1 9 typ host");
        assertThat(c).isEqualTo(Candidate.host("F", 1, "UDP", 5, "10.0.0.1", 9));
    }

    @Test
    void badCandidates() {
        for (String v : List.of("", "1 1 UDP 1 10.0.0.1 9 host x", "1 0 UDP 1 10.0.0.1 9 typ host",
                "1 1 UDP 4294967296 10.0.0.1 9 typ host", "1 1 UDP 1 10.0.0.1 9 typ srflx rport 9",
                "1 1 UDP -1 10.0.0.1 9 typ host", "1 1 UDP 1 10.0.0.1 9 typ")) {
            assertThatThrownBy(() -> Candidate.parse(v)).as(v).isInstanceOf(SdpParseException.class)
                    .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(-1));
        }
    }

    @Test
    void fingerprints() throws SdpParseException {
        Fingerprint f = Fingerprint.parse("SHA-256 8b:71:0d:53:F3:AB:7D:A6:6B:A5:E3:5E:CA:E3:F4:1B:54:52:C3:0D:40:C6:E0"
                + ":93:24:3A:B8:41:3A:C1:D5:73");
        assertThat(f.algorithm()).isEqualTo("sha-256");
        assertThat(f.toString()).isEqualTo("sha-256 8B:71:0D:53:F3:AB:7D:A6:6B:A5:E3:5E:CA:E3:F4:1B:54:52:C3:0D:40:C6:"
                + "E0:93:24:3A:B8:41:3A:C1:D5:73");
        assertThat(Fingerprint.parse(f.toString())).isEqualTo(f).hasSameHashCodeAs(f);
        byte[] bytes = f.value();
        bytes[0] = 0;
        assertThat(f.value()[0]).isEqualTo((byte) 0x8b);
        assertThat(f.matches("SHA-256", f.value())).isTrue();
        assertThat(f.matches("sha-1", f.value())).isFalse();
        for (String bad : List.of("sha-1", "sha-1 E0:B", "sha-1 E0::B2", "sha-1 E0-B2", "sha-1 ZZ", "md5 00:11")) {
            assertThatThrownBy(() -> Fingerprint.parse(bad)).as(bad).isInstanceOf(SdpParseException.class);
        }
    }

    @Test
    void cryptos() throws SdpParseException {
        String v = "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|2^20|1:4 KDR=1 "
                + "UNENCRYPTED_SRTCP";
        Crypto c = Crypto.parse(v);
        assertThat(c.lifetime()).isEqualTo("2^20");
        assertThat(c.mki()).isEqualTo("1:4");
        assertThat(c.sessionParams()).containsExactly("KDR=1", "UNENCRYPTED_SRTCP");
        assertThat(c.toString()).isEqualTo(v);
        assertThat(Crypto.parse(c.toString())).isEqualTo(c).hasSameHashCodeAs(c);
        Crypto mkiOnly = Crypto.parse("5 AES_CM_128_HMAC_SHA1_32 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|7:1");
        assertThat(mkiOnly.lifetime()).isNull();
        assertThat(mkiOnly.mki()).isEqualTo("7:1");
        Crypto gcm = new Crypto(3, "AEAD_AES_256_GCM", new byte[44]);
        assertThat(Crypto.parse(gcm.toString())).isEqualTo(gcm);
        for (String bad : List.of("1 AES_CM_128_HMAC_SHA1_80", "x AES_CM_128_HMAC_SHA1_80 inline:AAAA",
                "1 AES_CM_128_HMAC_SHA1_80 key:AAAA",
                "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|never",
                "1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz|1:1|2^31")) {
            assertThatThrownBy(() -> Crypto.parse(bad)).as(bad).isInstanceOf(SdpParseException.class);
        }
        assertThatThrownBy(() -> new Crypto(1, "AES_CM_128_HMAC_SHA1_80", new byte[16]))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("30 bytes");
    }

    @Test
    void rtpMaps() throws SdpParseException {
        assertThat(RtpMap.parse("111 OPUS/48000/2")).isEqualTo(new RtpMap(111, "OPUS", 48000, 2));
        assertThat(RtpMap.parse("0 pcmu/8000").toString()).isEqualTo("0 pcmu/8000");
        assertThat(new RtpMap(111, "OPUS", 48000, 2).is("opus")).isTrue();
        assertThat(RtpMap.staticType(18)).contains(new RtpMap(18, "G729", 8000));
        assertThat(RtpMap.staticType(96)).isEmpty();
        for (String bad : List.of("111", "111 opus", "x opus/48000", "111 opus/48000/2/1", "128 opus/48000",
                "111 opus/0", "111 /8000")) {
            assertThatThrownBy(() -> RtpMap.parse(bad)).as(bad).isInstanceOf(SdpParseException.class);
        }
    }

    @Test
    void enumsParseAndWriteLowerCase() throws SdpParseException {
        assertThat(Setup.parse("ACTPASS")).isEqualTo(Setup.ACTPASS);
        assertThat(Setup.HOLDCONN.toString()).isEqualTo("holdconn");
        assertThat(Direction.parse("RecvOnly")).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.SENDONLY.reverse()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.RECVONLY.reverse()).isEqualTo(Direction.SENDONLY);
        assertThat(Direction.SENDRECV.reverse()).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.INACTIVE.reverse()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.INACTIVE.toString()).isEqualTo("inactive");
        assertThatThrownBy(() -> Direction.parse("both")).isInstanceOf(SdpParseException.class);
    }

    @Test
    void originNextVersionCountsBeyondLong() {
        Origin o = new Origin("-", "1", "9223372036854775807", "IN", "IP4", "10.0.0.1");
        assertThat(o.nextVersion().sessionVersion()).isEqualTo("9223372036854775808");
        assertThat(o.nextVersion().sessionId()).isEqualTo("1");
        assertThat(Origin.of("5", "6", "::1").toString()).isEqualTo("- 5 6 IN IP6 ::1");
    }

    @Test
    void handBuiltValuesAreChecked() {
        assertThatThrownBy(() -> Attribute.of("x", "a\r\nm=video 9 RTP/AVP 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Attribute.flag("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MediaDescription("audio", 70000, "RTP/AVP", List.of("0"), null, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        MediaDescription bad = new MediaDescription("audio", 9, "RTP/AVP", List.of("0"), null,
                List.of(Attribute.of("rtpmap", "0 PCMU")));
        assertThatThrownBy(bad::rtpMaps).isInstanceOf(IllegalStateException.class).hasMessageContaining("rtpmap");
        List<String> formats = new java.util.ArrayList<>(List.of("0"));
        MediaDescription m = new MediaDescription("audio", 9, "RTP/AVP", formats, null, List.of());
        formats.add("8");
        assertThat(m.formats()).containsExactly("0");
        assertThat(m.withAttribute(Attribute.flag("rtcp-mux")).rtcpMux()).isTrue();
    }
}
