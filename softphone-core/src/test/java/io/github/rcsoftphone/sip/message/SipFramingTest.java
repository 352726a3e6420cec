package io.github.rcsoftphone.sip.message;

import static io.github.rcsoftphone.sip.message.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipFramingTest {

    @Test
    void findsMessageBoundariesInAStream() throws Exception {
        byte[] invite = Samples.bytes("invite.sip");
        byte[] ok = Samples.bytes("ok.sip");
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(invite);
        stream.writeBytes("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        stream.writeBytes(ok);
        byte[] data = stream.toByteArray();

        assertThat(SipFraming.messageLength(data, 0, data.length)).isEqualTo(invite.length);
        int second = SipFraming.messageLength(data, invite.length, data.length - invite.length);
        assertThat(second).isEqualTo(ok.length + 4);
        assertThat(SipParser.parse(data, invite.length, second).toBytes()).isEqualTo(ok);

        for (int n = 0; n < invite.length; n++) {
            assertThat(SipFraming.messageLength(data, 0, n)).as("prefix %d", n).isEqualTo(-1);
        }
        assertThat(SipFraming.messageLength(data, invite.length, 4)).isEqualTo(-1);
    }

    @Test
    void readsCompactAndOddlySpacedContentLength() throws Exception {
        byte[] m = crlf("MESSAGE sip:a@b SIP/2.0", "L :  3 ", "", "abcNEXT");
        assertThat(SipFraming.messageLength(m, 0, m.length)).isEqualTo(m.length - 4);
    }

    @Test
    void refusesMissingOrBadContentLength() {
        byte[] none = crlf("BYE sip:a@b SIP/2.0", "Call-ID: 1", "", "");
        assertThatThrownBy(() -> SipFraming.messageLength(none, 0, none.length))
                .isInstanceOf(SipParseException.class).hasMessageContaining("no Content-Length");
        byte[] bad = crlf("BYE sip:a@b SIP/2.0", "Content-Length: x", "", "");
        assertThatThrownBy(() -> SipFraming.messageLength(bad, 0, bad.length))
                .hasMessageContaining("invalid Content-Length (line 2, byte 37)");
        byte[] conflict = crlf("BYE sip:a@b SIP/2.0", "l: 1", "Content-Length: 2", "", "ab");
        assertThatThrownBy(() -> SipFraming.messageLength(conflict, 0, conflict.length))
                .hasMessageContaining("conflicting Content-Length values 1 and 2");
    }
}
