package io.github.rcsoftphone.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** The messages of the RingCentral article (test resources, CRLF line ends): fields and byte-exact round trips. */
class SampleMessagesTest {

    static final java.util.List<String> SAMPLES = Samples.ALL;

    @ParameterizedTest
    @FieldSource("SAMPLES")
    void roundTripsByteForByte(String name) throws Exception {
        byte[] wire = Samples.bytes(name);
        assertThat(SipParser.parse(wire).toBytes()).isEqualTo(wire);
        assertThat(SipParser.parse(wire).toString()).isEqualTo(new String(wire, StandardCharsets.UTF_8));
    }

    @Test
    void invite() throws Exception {
        SipRequest invite = (SipRequest) SipParser.parse(Samples.bytes("invite.sip"));
        assertThat(invite.method()).isEqualTo("INVITE");
        SipUri uri = invite.uri();
        assertThat(uri.scheme()).isEqualTo("sip");
        assertThat(uri.user()).isEqualTo("3cea8c06-e425-424e-b775-d41d84893e7a");
        assertThat(uri.host()).isEqualTo("147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid");
        assertThat(uri.port()).isEqualTo(-1);
        assertThat(uri.param("transport")).isEqualTo("ws");
        assertThat(uri.params()).containsExactly(java.util.Map.entry("transport", "ws"));

        assertThat(invite.vias()).hasSize(1);
        Via via = invite.vias().get(0);
        assertThat(via.protocol()).isEqualTo("SIP/2.0");
        assertThat(via.transport()).isEqualTo("WSS");
        assertThat(via.host()).isEqualTo("199.255.120.223");
        assertThat(via.port()).isEqualTo(8083);
        assertThat(via.branch()).isEqualTo("z9hG4bK5Z5LTdovOUy");

        assertThat(invite.from().displayName()).isEqualTo("WIRELESS CALLER");
        assertThat(invite.from().uri().user()).isEqualTo("+16506666666");
        assertThat(invite.from().tag()).isEqualTo("10.13.123.201-5070-51f012c3-aa83-42a");
        assertThat(invite.to().uri().user()).isEqualTo("17206666666*11115");
        assertThat(invite.to().tag()).isNull();
        assertThat(invite.cseq()).isEqualTo(new CSeq(470226345L, "INVITE"));

        assertThat(invite.callId()).isEqualTo("90370e2a-dfe7-4f5a-8a4d-c5bc3b65fc71");
        assertThat(invite.headers().get(3).name()).isEqualTo("Call-Id");
        assertThat(invite.header("call-id")).contains("90370e2a-dfe7-4f5a-8a4d-c5bc3b65fc71");
        assertThat(invite.header("P-rc")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("<Msg><Hdr SID=\"35741438756848\" Req=\"168655817232901423367701\" Cmd=\"6\"")
                .endsWith("ToNm=\"Tyler Liu\" RecUrl=\"\"/></Msg>"));
        assertThat(invite.header("p-rc-api-ids"))
                .contains("party-id=p-0a7c8d86db8a434fa4a0d029a9909f19-2;session-id=s-0a7c8d86db8a434fa4a0d029a9909f19");
        assertThat(invite.header("Contact")).contains("<sip:+16506666666@199.255.120.223:8083;transport=wss>");
        assertThat(invite.header("Content-Type")).contains("application/sdp");
        assertThat(invite.headers().size()).isEqualTo(14);

        assertThat(invite.bodyLength()).isEqualTo(877);
        assertThat(invite.bodyText()).startsWith("v=0\r\no=- 5880443394298904479 ")
                .contains("\r\na=rtpmap:109 OPUS/16000\r\n")
                .endsWith("a=candidate:lVt5YyAxexOkz5l5 2 UDP 2130706430 199.255.120.232 21887 typ host\r\n");
    }

    @Test
    void articleContentLengthIsRightWithCrlfButNotWithTheArticlesBareLineFeeds() throws Exception {
        // With CRLF line ends the body of the article's INVITE is exactly 877 bytes, the value it states.
        String crlf = Samples.text("invite.sip");
        assertThat(crlf).contains("Content-Length: 877\r\n");
        // The article prints the message with bare LF: the same 30 body lines are then 847 bytes.
        byte[] lf = crlf.replace("\r\n", "\n").getBytes(StandardCharsets.UTF_8);
        int headerEnd = crlf.replace("\r\n", "\n").indexOf("\n\n") + 2;
        assertThatThrownBy(() -> SipParser.parse(lf))
                .isInstanceOf(SipParseException.class)
                .hasMessageContaining("Content-Length 877 exceeds the 847 bytes available")
                .satisfies(e -> {
                    assertThat(((SipParseException) e).offset()).isEqualTo(headerEnd);
                    assertThat(((SipParseException) e).line()).isEqualTo(17);
                });
        // A truncated copy (last 7 bytes lost) is refused the same way.
        byte[] cut = java.util.Arrays.copyOf(Samples.bytes("invite.sip"), Samples.bytes("invite.sip").length - 7);
        assertThatThrownBy(() -> SipParser.parse(cut)).hasMessageContaining("Content-Length 877 exceeds the 870 bytes");
        // Stated smaller than what follows: the body is cut to Content-Length, and the writer agrees.
        byte[] smaller = crlf.replace("Content-Length: 877", "Content-Length: 800").getBytes(StandardCharsets.UTF_8);
        SipMessage m = SipParser.parse(smaller);
        assertThat(m.bodyLength()).isEqualTo(800);
        assertThat(m.toBytes()).isEqualTo(java.util.Arrays.copyOf(smaller, smaller.length - 77));
    }

    @Test
    void register() throws Exception {
        SipRequest register = (SipRequest) SipParser.parse(Samples.bytes("register.sip"));
        assertThat(register.method()).isEqualTo("REGISTER");
        assertThat(register.uri()).isEqualTo(SipUri.sip(null, "sip.ringcentral.com"));
        assertThat(register.cseq()).isEqualTo(new CSeq(8082, "REGISTER"));
        assertThat(register.callId()).isEqualTo("2f8d335a-037b-429f-ab91-3927bc98b2a2");
        assertThat(register.vias().get(0).transport()).isEqualTo("WSS");
        assertThat(register.vias().get(0).host()).isEqualTo("147b2c77-4f94-4572-85a1-fbdb2efb6aff.invalid");
        assertThat(register.vias().get(0).branch()).isEqualTo("z9hG4bKe328d513-9671-415d-add2-f2d3d760d4b0");
        assertThat(register.from().tag()).isEqualTo("b8731b49-0e4a-435b-abd0-273967eb27e2");
        assertThat(register.from().displayName()).isNull();
        NameAddr contact = NameAddr.parse(register.header("m").orElseThrow());
        assertThat(contact.uri().param("transport")).isEqualTo("ws");
        assertThat(contact.param("expires")).isEqualTo("600");
        assertThat(register.header("User-Agent")).contains("github.com/ringcentral/ringcentral-softphone-go");
        assertThat(register.body()).isEmpty();
    }

    @Test
    void tryingAndUnauthorized() throws Exception {
        SipResponse trying = (SipResponse) SipParser.parse(Samples.bytes("trying.sip"));
        assertThat(trying.statusCode()).isEqualTo(100);
        assertThat(trying.reasonPhrase()).isEqualTo("Trying");
        assertThat(trying.vias().get(0).param("received")).isEqualTo("98.33.76.34");

        SipResponse challenge = (SipResponse) SipParser.parse(Samples.bytes("unauthorized.sip"));
        assertThat(challenge.statusCode()).isEqualTo(401);
        assertThat(challenge.reasonPhrase()).isEqualTo("Unauthorized");
        assertThat(challenge.to().tag()).isEqualTo("78ea291e5127de07f0581c77565a331b-46b0");
        assertThat(challenge.header("www-authenticate"))
                .contains("Digest realm=\"sip.ringcentral.com\", nonce=\"YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5\"");
        assertThat(challenge.cseq().method()).isEqualTo("REGISTER");
    }

    @Test
    void authorizedRegisterAndOk() throws Exception {
        SipRequest register = (SipRequest) SipParser.parse(Samples.bytes("register-auth.sip"));
        assertThat(register.cseq().sequence()).isEqualTo(8083);
        assertThat(register.vias().get(0).transport()).isEqualTo("TCP");
        assertThat(register.header("Authorization")).hasValueSatisfying(v -> assertThat(v)
                .startsWith("Digest algorithm=MD5, username=\"802398804016\"")
                .endsWith("response=\"ddc9fa7d6f41b3865dc0be334800aa1c\""));
        // Content-Length sits in the middle of this message: the writer rewrites it in place.
        assertThat(register.headers().get(3)).isEqualTo(new Header("Content-Length", "0"));

        SipResponse ok = (SipResponse) SipParser.parse(Samples.bytes("ok.sip"));
        assertThat(ok.statusCode()).isEqualTo(200);
        assertThat(ok.reasonPhrase()).isEqualTo("OK");
        assertThat(ok.to().tag()).isEqualTo("2a77cbf960ac867417503d7f78a9c521-05f6");
        NameAddr contact = NameAddr.parse(ok.header("Contact").orElseThrow());
        assertThat(contact.param("expires")).isEqualTo("52");
        assertThat(contact.uri().user()).isEqualTo("3cea8c06-e425-424e-b775-d41d84893e7a");
        assertThat(ok.callId()).isEqualTo(register.callId());
    }
}
