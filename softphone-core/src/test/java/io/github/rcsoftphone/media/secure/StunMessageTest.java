package io.github.rcsoftphone.media.secure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

class StunMessageTest {
    private static final byte[] TX = HexFormat.of().parseHex("b7e7a701bc34d686fa87dfae");

    /** RFC 5769 2.1 sample request (short-term credentials, password "VOkJxbRl1RmTxUk/WvJxBt"). */
    private static final String RFC5769_REQUEST = "000100582112a442b7e7a701bc34d686fa87dfae"
            + "80220010" + "5354554e207465737420636c69656e74"
            + "00240004" + "6e0001ff" + "80290008" + "932ff9b151263b36"
            + "00060009" + "6576746a3a68367659202020"
            + "00080014" + "9aeaa70cbfd8cb56781ef2b5b2d3f249c1b571a2"
            + "80280004" + "e57a3bcf";

    @Test
    void parses_and_verifies_the_rfc5769_sample_request() throws Exception {
        byte[] raw = HexFormat.of().parseHex(RFC5769_REQUEST);
        StunMessage m = StunMessage.parse(raw, 0, raw.length);
        assertThat(m.type()).isEqualTo(StunMessage.BINDING_REQUEST);
        assertThat(m.username()).isEqualTo("evtj:h6vY");
        assertThat(m.longAttribute(StunMessage.ICE_CONTROLLED)).isEqualTo(0x932ff9b151263b36L);
        assertThat(m.checkFingerprint()).isTrue();
        assertThat(m.checkIntegrity("VOkJxbRl1RmTxUk/WvJxBt".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(m.checkIntegrity("wrong".getBytes(StandardCharsets.UTF_8))).isFalse();
    }

    @Test
    void builds_messages_that_verify() throws Exception {
        byte[] key = "pass".getBytes(StandardCharsets.UTF_8);
        InetSocketAddress mapped = new InetSocketAddress(InetAddress.getByName("192.0.2.1"), 32853);
        InetSocketAddress mapped6 = new InetSocketAddress(InetAddress.getByName("2001:db8::1"), 1234);
        for (InetSocketAddress a : new InetSocketAddress[] {mapped, mapped6}) {
            byte[] raw = new StunMessage.Builder(StunMessage.BINDING_SUCCESS, TX).xorMappedAddress(a).build(key, true);
            StunMessage m = StunMessage.parse(raw, 0, raw.length);
            assertThat(m.mappedAddress()).isEqualTo(a);
            assertThat(m.checkIntegrity(key)).isTrue();
            assertThat(m.checkFingerprint()).isTrue();
            assertThat(m.hasTransactionId(TX)).isTrue();
        }
        byte[] err = new StunMessage.Builder(StunMessage.BINDING_ERROR, TX).errorCode(487, "Role Conflict").build(null, false);
        assertThat(StunMessage.parse(err, 0, err.length).errorCode()).isEqualTo(487);
    }

    @Test
    void malformed_input_only_throws_stun_parse_exception() {
        byte[] good = HexFormat.of().parseHex(RFC5769_REQUEST);
        Random r = new Random(1);
        for (int i = 0; i < good.length; i++) {
            int n = i;
            assertThatThrownBy(() -> StunMessage.parse(good, 0, n)).isInstanceOf(StunParseException.class);
        }
        for (int i = 0; i < 20_000; i++) {
            byte[] b = good.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                StunMessage m = StunMessage.parse(b, 0, b.length);
                m.mappedAddress();
                m.username();
                m.errorCode();
                m.checkFingerprint();
                m.checkIntegrity(new byte[] {1});
            } catch (StunParseException expected) {
                assertThat(expected.offset()).isBetween(0, b.length);
            }
        }
    }
}
