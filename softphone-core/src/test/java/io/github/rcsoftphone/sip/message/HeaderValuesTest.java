package io.github.rcsoftphone.sip.message;

import static io.github.rcsoftphone.sip.message.SipUriTest.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** NameAddr, Via and CSeq. */
class HeaderValuesTest {

    @Test
    void nameAddrForms() throws Exception {
        NameAddr quoted = NameAddr.parse("\"WIRELESS CALLER\" <sip:+16506666666@199.255.120.223>;tag=10.13-5070");
        assertThat(quoted.displayName()).isEqualTo("WIRELESS CALLER");
        assertThat(quoted.uri().host()).isEqualTo("199.255.120.223");
        assertThat(quoted.tag()).isEqualTo("10.13-5070");
        assertThat(quoted.toString()).isEqualTo("\"WIRELESS CALLER\" <sip:+16506666666@199.255.120.223>;tag=10.13-5070");

        NameAddr token = NameAddr.parse("  Bob  Smith <sip:bob@example.com;transport=ws> ; expires = 52 ");
        assertThat(token.displayName()).isEqualTo("Bob  Smith");
        assertThat(token.uri().param("transport")).isEqualTo("ws");
        assertThat(token.params()).isEqualTo(map("expires", "52"));

        NameAddr bracketed = NameAddr.parse("<sip:a@b.invalid;transport=ws>;+sip.instance=\"<urn:uuid:1;x>\";reg-id=1");
        assertThat(bracketed.displayName()).isNull();
        assertThat(bracketed.param("+sip.instance")).isEqualTo("\"<urn:uuid:1;x>\"");
        assertThat(bracketed.toString()).isEqualTo("<sip:a@b.invalid;transport=ws>;+sip.instance=\"<urn:uuid:1;x>\";reg-id=1");

        NameAddr bare = NameAddr.parse("sip:a@b;tag=x;lr");
        assertThat(bare.uri().toString()).isEqualTo("sip:a@b");
        assertThat(bare.params()).isEqualTo(map("tag", "x", "lr", null));
        assertThat(bare.toString()).isEqualTo("<sip:a@b>;tag=x;lr");

        NameAddr escaped = NameAddr.parse("\"say \\\"hi\\\" \\\\ \" <tel:+1650>");
        assertThat(escaped.displayName()).isEqualTo("say \"hi\" \\ ");
        assertThat(escaped.toString()).isEqualTo("\"say \\\"hi\\\" \\\\ \" <tel:+1650>");
        assertThat(NameAddr.parse("\"\" <sip:x@y>").displayName()).isEmpty();
        assertThat(NameAddr.parse("\"Zoë 😀\" <sip:z@y>").displayName()).isEqualTo("Zoë 😀");
    }

    @Test
    void nameAddrWithMethods() {
        NameAddr to = NameAddr.of("<sip:17206666666*11115@sip.ringcentral.com>");
        assertThat(to.withTag("abc").toString()).isEqualTo("<sip:17206666666*11115@sip.ringcentral.com>;tag=abc");
        assertThat(to.withTag("abc").withTag("def").tag()).isEqualTo("def");
        assertThat(to.withParam("expires", "0").withoutParam("EXPIRES")).isEqualTo(to);
        assertThat(NameAddr.of(SipUri.sip("a", "b")).toString()).isEqualTo("<sip:a@b>");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "  ", "\"unterminated <sip:a@b>", "\"Name\" sip:a@b", "<sip:a@b", "<sip:>",
        "<sip:a@b>;", "<sip:a@b> junk", "<sip:a@b>;tag=\"x", "Name <>"})
    void nameAddrRejects(String text) {
        assertThatThrownBy(() -> NameAddr.parse(text)).isInstanceOf(SipParseException.class);
    }

    @Test
    void via() throws Exception {
        Via v = Via.parse("SIP/2.0/WSS 199.255.120.223:8083;branch=z9hG4bK5Z5LTdovOUy;rport;received=98.33.76.34");
        assertThat(v).isEqualTo(new Via("SIP/2.0", "WSS", "199.255.120.223", 8083,
                map("branch", "z9hG4bK5Z5LTdovOUy", "rport", null, "received", "98.33.76.34")));
        assertThat(v.hasParam("rport")).isTrue();
        assertThat(v.toString()).isEqualTo("SIP/2.0/WSS 199.255.120.223:8083;branch=z9hG4bK5Z5LTdovOUy;rport;received=98.33.76.34");
        Via spaced = Via.parse(" SIP / 2.0 / TLS  [2001:db8::1] : 5061 ; branch = z9hG4bKx ");
        assertThat(spaced.host()).isEqualTo("[2001:db8::1]");
        assertThat(spaced.port()).isEqualTo(5061);
        assertThat(spaced.toString()).isEqualTo("SIP/2.0/TLS [2001:db8::1]:5061;branch=z9hG4bKx");
        assertThat(Via.of("WSS", "x.invalid", -1, "z9hG4bK1").withParam("rport", null).toString())
                .isEqualTo("SIP/2.0/WSS x.invalid;branch=z9hG4bK1;rport");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "SIP/2.0", "SIP/2.0/UDP", "SIP/2.0/UDP ", "SIP 2.0/UDP host", "SIP/2.0/UDPhost",
        "SIP/2.0/UDP host:", "SIP/2.0/UDP host:70000", "SIP/2.0/UDP [::1", "SIP/2.0/UDP host branch=1",
        "SIP/2.0/UDP host;", "SIP/2.0/UDP #"})
    void viaRejects(String text) {
        assertThatThrownBy(() -> Via.parse(text)).isInstanceOf(SipParseException.class);
    }

    @Test
    void cseq() throws Exception {
        assertThat(CSeq.parse("470226345 INVITE")).isEqualTo(new CSeq(470226345, "INVITE"));
        assertThat(CSeq.parse(" 4294967295\tACK ")).isEqualTo(new CSeq(4294967295L, "ACK"));
        assertThat(new CSeq(8083, "REGISTER").toString()).isEqualTo("8083 REGISTER");
        for (String bad : new String[] {"", "INVITE", "1", "1INVITE", "-1 INVITE", "4294967296 INVITE",
            "1 INVITE x", "1 INV:ITE", "99999999999999999999999 BYE"}) {
            assertThatThrownBy(() -> CSeq.parse(bad)).as(bad).isInstanceOf(SipParseException.class);
        }
        assertThatThrownBy(() -> new CSeq(-1, "BYE")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new CSeq(1, "B YE")).isInstanceOf(IllegalArgumentException.class);
    }
}
