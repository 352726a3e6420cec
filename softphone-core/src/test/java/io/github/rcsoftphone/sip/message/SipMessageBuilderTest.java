package io.github.rcsoftphone.sip.message;

import static io.github.rcsoftphone.sip.message.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Builders, forRequest, and the writer's Content-Length. */
class SipMessageBuilderTest {

    private static final SipUri SERVER = SipUri.sip(null, "sip.ringcentral.com");

    @Test
    void buildsARegisterAndWritesContentLengthLast() {
        SipRequest register = SipRequest.builder("REGISTER", SERVER)
                .header("Via", "SIP/2.0/WSS x.invalid;branch=z9hG4bK1")
                .header("From", "<sip:101@sip.ringcentral.com>;tag=f")
                .header("To", "<sip:101@sip.ringcentral.com>")
                .header("Call-ID", "c1")
                .header("CSeq", "1 REGISTER")
                .build();
        assertThat(register.toBytes()).isEqualTo(crlf(
                "REGISTER sip:sip.ringcentral.com SIP/2.0",
                "Via: SIP/2.0/WSS x.invalid;branch=z9hG4bK1",
                "From: <sip:101@sip.ringcentral.com>;tag=f",
                "To: <sip:101@sip.ringcentral.com>",
                "Call-ID: c1",
                "CSeq: 1 REGISTER",
                "Content-Length: 0",
                "", ""));
        assertThat(register.headers().contains("Content-Length")).isFalse();
        assertThat(register.cseq()).isEqualTo(new CSeq(1, "REGISTER"));
    }

    @Test
    void contentLengthCountsUtf8BytesAndIsReplacedInPlace() {
        String text = "héllo wörld 😀";
        SipRequest message = SipRequest.builder("MESSAGE", SipUri.of("sip:a@b"))
                .header("l", "3")
                .header("Call-ID", "c")
                .body("text/plain;charset=UTF-8", text)
                .build();
        int bytes = text.getBytes(StandardCharsets.UTF_8).length;
        assertThat(bytes).isEqualTo(18).isNotEqualTo(text.length());
        assertThat(message.toString()).isEqualTo("MESSAGE sip:a@b SIP/2.0\r\nl: 18\r\nCall-ID: c\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n\r\n" + text);
        SipMessage reparsed = Samples.parse(message.toBytes());
        assertThat(reparsed.bodyText()).isEqualTo(text);
        assertThat(reparsed.toBytes()).isEqualTo(message.toBytes());

        SipRequest twoLengths = message.toBuilder().header("Content-Length", "99").body(new byte[2]).build();
        assertThat(twoLengths.toString()).isEqualTo("MESSAGE sip:a@b SIP/2.0\r\nl: 2\r\nCall-ID: c\r\n"
                + "Content-Type: text/plain;charset=UTF-8\r\n\r\n\0\0");
    }

    @Test
    void setHeaderReplacesCompactFormsToo() {
        SipRequest r = Samples.request("INVITE sip:a@b SIP/2.0", "v: SIP/2.0/UDP one", "i: x", "Via: SIP/2.0/UDP two",
                "m: <sip:old@h>", "", "");
        SipRequest changed = r.toBuilder()
                .setHeader("Via", "SIP/2.0/WSS new;branch=z9hG4bK9")
                .setHeader("CALL-ID", "y")
                .setHeader("Max-Forwards", "70")
                .removeHeader("contact")
                .build();
        assertThat(changed.headers().asList()).containsExactly(new Header("Via", "SIP/2.0/WSS new;branch=z9hG4bK9"),
                new Header("CALL-ID", "y"), new Header("Max-Forwards", "70"));
        assertThat(r.headers().size()).isEqualTo(4);
        assertThat(changed.vias()).extracting(Via::branch).containsExactly("z9hG4bK9");
    }

    @Test
    void forRequestCopiesViaFromToCallIdCSeqAndAddsTheToTag() throws Exception {
        SipRequest invite = (SipRequest) SipParser.parse(Samples.bytes("invite.sip"));
        SipResponse ringing = SipResponse.forRequest(invite, 180, "Ringing", "tt1")
                .header("Contact", "<sip:me@x.invalid;transport=ws>").build();
        assertThat(ringing.headers().asList()).extracting(Header::name)
                .containsExactly("Via", "To", "From", "Call-Id", "CSeq", "Contact");
        assertThat(ringing.header("To")).contains("\"WIRELESS CALLER\" <sip:17206666666*11115@98.33.76.34>;tag=tt1");
        assertThat(ringing.to().tag()).isEqualTo("tt1");
        assertThat(ringing.from()).isEqualTo(invite.from());
        assertThat(ringing.vias()).isEqualTo(invite.vias());
        assertThat(ringing.callId()).isEqualTo(invite.callId());
        assertThat(ringing.cseq()).isEqualTo(invite.cseq());
        assertThat(ringing.toString()).startsWith("SIP/2.0 180 Ringing\r\nVia: SIP/2.0/WSS 199.255.120.223:8083;")
                .endsWith("Content-Length: 0\r\n\r\n");

        SipRequest tagged = Samples.request("BYE sip:a@b SIP/2.0", "Via: SIP/2.0/UDP h1;branch=1",
                "Via: SIP/2.0/UDP h2;branch=2", "t: <sip:b@c>;tag=keep", "f: <sip:a@b>;tag=f", "i: c", "CSeq: 5 BYE",
                "Route: <sip:proxy>", "", "");
        SipResponse ok = SipResponse.forRequest(tagged, 200, "OK", "ignored").build();
        assertThat(ok.headers().asList()).extracting(Header::name).containsExactly("Via", "Via", "t", "f", "i", "CSeq");
        assertThat(ok.to().tag()).isEqualTo("keep");
        assertThat(SipResponse.forRequest(tagged, 200, "OK", null).build().header("To")).contains("<sip:b@c>;tag=keep");
    }

    @Test
    void toBuilderKeepsEverythingAndBuildersValidate() {
        SipResponse ok = Samples.response("SIP/2.0 200 OK", "Call-ID: x", "Content-Type: a/b", "Content-Length: 2", "", "hi");
        SipResponse copy = ok.toBuilder().build();
        assertThat(copy.toBytes()).isEqualTo(ok.toBytes());
        SipResponse other = ok.toBuilder().status(486, "Busy Here").body(null, new byte[0]).build();
        assertThat(other.toString()).isEqualTo("SIP/2.0 486 Busy Here\r\nCall-ID: x\r\nContent-Length: 0\r\n\r\n");
        assertThat(ok.bodyText()).isEqualTo("hi");

        byte[] body = {1, 2};
        SipRequest r = SipRequest.builder("INFO", SipUri.of("sip:x@y")).body(body).build();
        body[0] = 9;
        assertThat(r.body()).containsExactly(1, 2);
        r.body()[1] = 9;
        assertThat(r.body()).containsExactly(1, 2);
        assertThat(r.toBuilder().method("UPDATE").uri(SipUri.of("sip:z@y")).build().toString())
                .startsWith("UPDATE sip:z@y SIP/2.0\r\n");

        assertThatThrownBy(() -> SipRequest.builder("IN VITE", SERVER)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(99, "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipResponse.builder(200, "O\r\nK")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SipRequest.builder("BYE", SERVER).header("X", "a\nb"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
