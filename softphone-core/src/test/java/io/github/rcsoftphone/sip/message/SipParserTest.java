package io.github.rcsoftphone.sip.message;

import static io.github.rcsoftphone.sip.message.Samples.crlf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

/** Messages in the spirit of RFC 4475 (written for this project): what is accepted, and what is refused where. */
class SipParserTest {

    @Test
    void oddWhitespaceTabsFoldingAndUnknownHeaders() throws Exception {
        SipRequest r = Samples.request(
                "INVITE sip:vivekg@chair-dnrc.example.com;unknownparam SIP/2.0",
                "TO :",
                " sip:vivekg@chair-dnrc.example.com ;   tag    = 1918181833n",
                "from   : \"J Rosenberg \\\\\\\"\"       <sip:jdrosen@example.com>",
                "  ;",
                "  tag = 98asjd8",
                "MaX-fOrWaRdS: 0068",
                "Call-ID: wsinv.ndaksdj@192.0.2.1",
                "Content-Length   : 0",
                "cseq: 0009",
                "  INVITE",
                "Via  : SIP  /   2.0",
                " /UDP",
                "    192.0.2.2;rport;branch=390skdjuw",
                "s :",
                "NewFangledHeader:   newfangled value",
                " continued newfangled value",
                "UnknownHeaderWithUnusualValue: ;;,,;;,;",
                "Content-Type: application/sdp",
                "v:  SIP/2.0/TCP spindle.example.com   ;",
                "  branch  =   z9hG4bK9ikj8  ,",
                " SIP  /    2.0   / UDP  192.168.255.111   ; branch=",
                " z9hG4bK30239",
                "m:\"Quoted string \\\"\\\"\" <sip:jdrosen@example.com> ; newparam =",
                "      newvalue ;",
                "  secondparam ; q = 0.33",
                "", "");
        assertThat(r.uri().params()).containsKey("unknownparam").containsEntry("unknownparam", null);
        assertThat(r.to().tag()).isEqualTo("1918181833n");
        assertThat(r.to().uri().user()).isEqualTo("vivekg");
        assertThat(r.from().displayName()).isEqualTo("J Rosenberg \\\"");
        assertThat(r.from().tag()).isEqualTo("98asjd8");
        assertThat(r.header("Max-Forwards")).contains("0068");
        assertThat(r.cseq()).isEqualTo(new CSeq(9, "INVITE"));
        assertThat(r.header("Subject")).contains("");
        assertThat(r.header("NewFangledHeader")).contains("newfangled value continued newfangled value");
        assertThat(r.header("unknownheaderwithunusualvalue")).contains(";;,,;;,;");
        assertThat(r.headers().get(1).name()).isEqualTo("from");
        assertThat(r.vias()).extracting(Via::transport, Via::host, Via::branch).containsExactly(
                org.assertj.core.groups.Tuple.tuple("UDP", "192.0.2.2", "390skdjuw"),
                org.assertj.core.groups.Tuple.tuple("TCP", "spindle.example.com", "z9hG4bK9ikj8"),
                org.assertj.core.groups.Tuple.tuple("UDP", "192.168.255.111", "z9hG4bK30239"));
        assertThat(r.vias().get(0).params()).containsEntry("rport", null);
        NameAddr contact = NameAddr.parse(r.header("Contact").orElseThrow());
        assertThat(contact.displayName()).isEqualTo("Quoted string \"\"");
        assertThat(contact.params()).containsExactly(java.util.Map.entry("newparam", "newvalue"),
                new java.util.AbstractMap.SimpleEntry<>("secondparam", null), java.util.Map.entry("q", "0.33"));
    }

    @Test
    void compactFormsAndEscapedUris() {
        SipRequest r = Samples.request(
                "OPTIONS sip:%61lice@atlanta.example.com;transport=TCP SIP/2.0",
                "v: SIP/2.0/TLS [2001:db8::9:1]:5061;branch=z9hG4bKas",
                "f: <sip:bob@[2001:db8::10]:5070>;tag=a6c85cf",
                "t: sip:%61lice@atlanta.example.com;tag=x1",
                "i: compact.1@host",
                "CSeq: 1 OPTIONS",
                "k: timer, path",
                "c: text/plain",
                "l: 5",
                "",
                "hello");
        assertThat(r.uri().user()).isEqualTo("%61lice");
        assertThat(r.uri().toString()).isEqualTo("sip:%61lice@atlanta.example.com;transport=TCP");
        assertThat(r.callId()).isEqualTo("compact.1@host");
        assertThat(r.vias().get(0).host()).isEqualTo("[2001:db8::9:1]");
        assertThat(r.vias().get(0).port()).isEqualTo(5061);
        assertThat(r.from().uri().host()).isEqualTo("[2001:db8::10]");
        assertThat(r.from().uri().port()).isEqualTo(5070);
        assertThat(r.to().uri().params()).isEmpty();
        assertThat(r.to().tag()).isEqualTo("x1");
        assertThat(r.headers().values("Supported")).containsExactly("timer", "path");
        assertThat(r.header("Content-Type")).contains("text/plain");
        assertThat(r.bodyText()).isEqualTo("hello");
        assertThat(r.toBytes()).isEqualTo(Samples.crlf(
                "OPTIONS sip:%61lice@atlanta.example.com;transport=TCP SIP/2.0",
                "v: SIP/2.0/TLS [2001:db8::9:1]:5061;branch=z9hG4bKas",
                "f: <sip:bob@[2001:db8::10]:5070>;tag=a6c85cf",
                "t: sip:%61lice@atlanta.example.com;tag=x1",
                "i: compact.1@host",
                "CSeq: 1 OPTIONS",
                "k: timer, path",
                "c: text/plain",
                "l: 5",
                "",
                "hello"));
    }

    @Test
    void contactListsWithQuotedCommasAndUriHeaders() {
        SipResponse r = Samples.response(
                "SIP/2.0 302 Moved Temporarily",
                "Via: SIP/2.0/UDP a.example.com;branch=z9hG4bK1, SIP/2.0/UDP b.example.com;branch=z9hG4bK2",
                "Via: SIP/2.0/UDP c.example.com;branch=z9hG4bK3",
                "Contact: \"Doe, John\" <sip:john@example.com;lr>;q=0.7, <sip:a@b.example.com?subject=x&priority=urgent>,"
                        + " \"x,<y>\" <sip:y@example.com>",
                "Call-ID: c", "CSeq: 2 INVITE", "From: <sip:a@b>;tag=1", "To: <sip:c@d>",
                "", "");
        assertThat(r.vias()).extracting(Via::host).containsExactly("a.example.com", "b.example.com", "c.example.com");
        var contacts = r.headers().values("m");
        assertThat(contacts).hasSize(3);
        NameAddr doe = NameAddr.of(contacts.get(0));
        assertThat(doe.displayName()).isEqualTo("Doe, John");
        assertThat(doe.uri().hasParam("lr")).isTrue();
        assertThat(doe.param("q")).isEqualTo("0.7");
        SipUri withHeaders = NameAddr.of(contacts.get(1)).uri();
        assertThat(withHeaders.headers()).containsExactly(java.util.Map.entry("subject", "x"),
                java.util.Map.entry("priority", "urgent"));
        assertThat(withHeaders.toString()).isEqualTo("sip:a@b.example.com?subject=x&priority=urgent");
        assertThat(NameAddr.of(contacts.get(2)).displayName()).isEqualTo("x,<y>");
        assertThat(r.headers().all("Via")).hasSize(2);
    }

    @Test
    void bareLineFeedsAndLeadingCrlfAreAccepted() {
        SipMessage m = Samples.parse("\r\n\r\nBYE sip:a@b SIP/2.0\nCall-ID: x\nCSeq: 3 BYE\n\n".getBytes(StandardCharsets.UTF_8));
        assertThat(((SipRequest) m).method()).isEqualTo("BYE");
        assertThat(m.callId()).isEqualTo("x");
        assertThat(m.toBytes()).isEqualTo(crlf("BYE sip:a@b SIP/2.0", "Call-ID: x", "CSeq: 3 BYE", "Content-Length: 0", "", ""));
    }

    @Test
    void responseReasonsMayBeEmptyOrUtf8() {
        SipResponse utf8 = Samples.response("SIP/2.0 486 Besetzt – très occupé 忙", "Content-Length: 0", "", "");
        assertThat(utf8.statusCode()).isEqualTo(486);
        assertThat(utf8.reasonPhrase()).isEqualTo("Besetzt – très occupé 忙");
        assertThat(utf8.toBytes()).isEqualTo(crlf("SIP/2.0 486 Besetzt – très occupé 忙", "Content-Length: 0", "", ""));
        assertThat(Samples.response("SIP/2.0 200 ", "", "").reasonPhrase()).isEmpty();
        assertThat(Samples.response("SIP/2.0 183", "", "").reasonPhrase()).isEmpty();
    }

    @Test
    void contentLengthRules() throws Exception {
        SipMessage noLength = Samples.parse(crlf("MESSAGE sip:a@b SIP/2.0", "Call-ID: 1", "", "rest of buffer"));
        assertThat(noLength.bodyText()).isEqualTo("rest of buffer");
        assertThat(Samples.parse(crlf("MESSAGE sip:a@b SIP/2.0", "l: 4", "Content-Length: 4", "", "abcdXYZ")).bodyText())
                .isEqualTo("abcd");
        assertError(crlf("MESSAGE sip:a@b SIP/2.0", "Content-Length: 10", "", "abc"))
                .hasMessageContaining("Content-Length 10 exceeds the 3 bytes available");
        assertError(crlf("MESSAGE sip:a@b SIP/2.0", "Content-Length: -1", "", ""))
                .hasMessageContaining("invalid Content-Length '-1'");
        assertError(crlf("MESSAGE sip:a@b SIP/2.0", "Content-Length: ten", "", ""))
                .hasMessageContaining("invalid Content-Length 'ten'").satisfies(e -> position(e, 41, 2));
        assertError(crlf("MESSAGE sip:a@b SIP/2.0", "Content-Length: 3", "l: 4", "", "abcd"))
                .hasMessageContaining("conflicting Content-Length values 3 and 4");
        assertError(crlf("MESSAGE sip:a@b SIP/2.0", "Content-Length: 99999999999", "", ""))
                .hasMessageContaining("invalid Content-Length");
    }

    @Test
    void structuralErrorsSayWhatAndWhere() {
        assertError(new byte[0]).hasMessageContaining("empty input");
        assertError(crlf("", "")).hasMessageContaining("only line breaks");
        assertError(crlf("INVITE sip:a@b SIP/2.0", "Call-ID: 1", "CSeq: 1 INVITE"))
                .hasMessageContaining("no blank line ending the headers");
        assertError(crlf("INVITE sip:a@b SIP/2.0", "Call-ID: 1", ""))
                .hasMessageContaining("no blank line ending the headers").satisfies(e -> position(e, 36, 3));
        assertError(crlf("INVITE sip:a@b SIP/2.0", "Call-ID 1", "", "")).hasMessageContaining("header line without ':'")
                .satisfies(e -> position(e, 24, 2));
        assertError(crlf("INVITE sip:a@b SIP/2.0", "Call-ID: 1", "Bad{Name}: x", "", ""))
                .hasMessageContaining("invalid character 0x7b in header name").satisfies(e -> position(e, 39, 3));
        assertError(crlf("INVITE sip:a@b SIP/2.0", ": empty", "", "")).hasMessageContaining("empty name");
        assertError(crlf("INVITE sip:a@b SIP/2.0", " folded first", "", ""))
                .hasMessageContaining("continuation line before the first header");
        assertError("INVITE sip:a@b SIP/2.0\r\nX: a\rb\r\n\r\n".getBytes(StandardCharsets.UTF_8))
                .hasMessageContaining("CR not followed by LF");
    }

    @Test
    void garbageStartLinesAndStatusCodes() {
        assertError(crlf("hello world", "", "")).hasMessageContaining("bad start line").satisfies(e -> position(e, 11, 1));
        assertError(crlf("INVITE", "", "")).hasMessageContaining("bad start line");
        assertError(crlf("INVITE sip:a@b", "", "")).hasMessageContaining("bad start line");
        assertError(crlf("INVITE sip:a@b SIP/7.0", "", "")).hasMessageContaining("expected 'SIP/2.0'");
        assertError(crlf("INVITE sip:a@b SIP/2.0 extra", "", "")).hasMessageContaining("expected 'SIP/2.0'");
        assertError(crlf("INVITE sip: SIP/2.0", "", "")).hasMessageContaining("bad Request-URI")
                .satisfies(e -> position(e, 11, 1));
        assertError(crlf("INVITE <sip:a@b> SIP/2.0", "", "")).hasMessageContaining("bad Request-URI");
        assertError(crlf("\u0000\u00ff\u0001", "", "")).hasMessageContaining("bad start line");
        assertError(crlf("SIP/2.0 20 OK", "", "")).hasMessageContaining("bad status code");
        assertError(crlf("SIP/2.0 099 Low", "", "")).hasMessageContaining("bad status code 099");
        assertError(crlf("SIP/2.0 700 High", "", "")).hasMessageContaining("bad status code 700");
        assertError(crlf("SIP/2.0 2000 OK", "", "")).hasMessageContaining("bad status code");
        assertError(crlf("SIP/2.0 abc OK", "", "")).hasMessageContaining("bad status code");
        assertError(crlf("SIP/3.0 200 OK", "", "")).hasMessageContaining("bad status line");
        assertError(crlf("SIP/2.0 200 O\u0001K", "", "")).hasMessageContaining("control character 0x01");
    }

    @Test
    void missingMandatoryHeadersFailLazilyWithClearMessages() {
        SipRequest r = Samples.request("INVITE sip:a@b SIP/2.0", "CSeq: x INVITE", "Via: SIP/2.0 host", "From: <sip:", "", "");
        assertThat(r.method()).isEqualTo("INVITE");
        assertThatThrownBy(r::callId).isInstanceOf(IllegalStateException.class).hasMessage("message has no Call-ID header");
        assertThatThrownBy(r::to).isInstanceOf(IllegalStateException.class).hasMessageContaining("no To header");
        assertThatThrownBy(r::cseq).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("malformed CSeq header").hasMessageContaining("does not start with a number")
                .hasCauseInstanceOf(SipParseException.class);
        assertThatThrownBy(r::vias).isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed Via header");
        assertThatThrownBy(r::from).isInstanceOf(IllegalStateException.class).hasMessageContaining("malformed From header");
        assertThat(Samples.request("ACK sip:a@b SIP/2.0", "", "").vias()).isEmpty();
    }

    @Test
    void parsesASliceOfABuffer() throws Exception {
        byte[] wire = Samples.bytes("ok.sip");
        byte[] padded = new byte[wire.length + 20];
        System.arraycopy(wire, 0, padded, 10, wire.length);
        SipMessage m = SipParser.parse(padded, 10, wire.length);
        assertThat(m.toBytes()).isEqualTo(wire);
        padded[10] = 'X';
        assertThatThrownBy(() -> SipParser.parse(padded, 10, wire.length))
                .isInstanceOf(SipParseException.class).satisfies(e -> assertThat(((SipParseException) e).line()).isEqualTo(1));
    }

    private static AbstractThrowableAssert<?, ? extends Throwable> assertError(byte[] data) {
        return assertThatThrownBy(() -> SipParser.parse(data)).isInstanceOf(SipParseException.class);
    }

    private static void position(Throwable e, int offset, int line) {
        SipParseException p = (SipParseException) e;
        assertThat(p.offset()).as("offset").isEqualTo(offset);
        assertThat(p.line()).as("line").isEqualTo(line);
        assertThat(p.getMessage()).contains("line " + line).contains("byte " + offset);
    }
}
