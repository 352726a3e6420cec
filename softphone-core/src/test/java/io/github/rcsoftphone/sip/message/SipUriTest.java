package io.github.rcsoftphone.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class SipUriTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "sip:sip.ringcentral.com",
        "sip:17206666666*11115@sip.ringcentral.com",
        "sips:alice:secret@atlanta.example.com:5061;transport=tls;lr;maddr=239.255.255.1?subject=project%20x&priority",
        "sip:%61lice@atlanta.example.com;%74ransport=udp",
        "sip:[2001:db8::10]:5070;transport=ws",
        "sip:+16506666666@199.255.120.223:8083;transport=wss",
        "SIP:Bob@Example.COM;Empty=",
        "sip:user;par=u%40example.net@example.com",
        "tel:+1-201-555-0123;phone-context=example.com",
        "urn:service:sos",
    })
    void roundTrips(String text) throws Exception {
        assertThat(SipUri.parse(text).toString()).isEqualTo(text);
    }

    @Test
    void parts() throws Exception {
        SipUri uri = SipUri.parse("sips:alice:secret@atlanta.example.com:5061;transport=tls;lr?subject=x&to=bob");
        assertThat(uri).isEqualTo(new SipUri("sips", "alice", "secret", "atlanta.example.com", 5061,
                map("transport", "tls", "lr", null), map("subject", "x", "to", "bob")));
        assertThat(uri.isSecure()).isTrue();
        assertThat(uri.param("TRANSPORT")).isEqualTo("tls");
        assertThat(uri.hasParam("lr")).isTrue();
        assertThat(uri.param("lr")).isNull();

        SipUri v6 = SipUri.parse("sip:[::1]:5060");
        assertThat(v6.host()).isEqualTo("[::1]");
        assertThat(v6.port()).isEqualTo(5060);
        assertThat(v6.user()).isNull();

        SipUri escaped = SipUri.parse("sip:user;par=u%40example.net@example.com");
        assertThat(escaped.user()).isEqualTo("user;par=u%40example.net");
        assertThat(escaped.params()).isEmpty();

        SipUri tel = SipUri.parse("tel:+1-201-555-0123;phone-context=example.com");
        assertThat(tel.user()).isEqualTo("+1-201-555-0123");
        assertThat(tel.host()).isNull();
        assertThat(tel.param("phone-context")).isEqualTo("example.com");
    }

    @Test
    void withMethodsReturnNewValues() {
        SipUri uri = SipUri.of("sip:a@b.example.com;transport=ws;lr");
        assertThat(uri.withParam("Transport", "wss").toString()).isEqualTo("sip:a@b.example.com;transport=wss;lr");
        assertThat(uri.withParam("ob", null).toString()).isEqualTo("sip:a@b.example.com;transport=ws;lr;ob");
        assertThat(uri.withoutParam("TRANSPORT").toString()).isEqualTo("sip:a@b.example.com;lr");
        assertThat(uri.withUser("c").toString()).isEqualTo("sip:c@b.example.com;transport=ws;lr");
        assertThat(uri.withUser(null).toString()).isEqualTo("sip:b.example.com;transport=ws;lr");
        assertThat(uri.withHostPort("[::1]", 8443).toString()).isEqualTo("sip:a@[::1]:8443;transport=ws;lr");
        assertThat(uri.toString()).isEqualTo("sip:a@b.example.com;transport=ws;lr");
        assertThat(SipUri.sip("bob", "example.com").toString()).isEqualTo("sip:bob@example.com");
    }

    @Test
    void recordCopiesMaps() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("b", "1");
        params.put("a", null);
        SipUri uri = new SipUri("sip", null, null, "h", -1, params, null);
        params.put("c", "2");
        assertThat(uri.params()).containsExactly(Map.entry("b", "1"), new java.util.AbstractMap.SimpleEntry<>("a", null));
        assertThat(uri.headers()).isEmpty();
        assertThatThrownBy(() -> uri.params().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(uri.params()).isEqualTo(params.entrySet().stream().limit(2)
                .collect(LinkedHashMap::new, (m, e) -> m.put(e.getKey(), e.getValue()), Map::putAll));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sip", ":x", "sip:", "sip:@host", "sip:host:", "sip:host:99999", "sip:host:5o60",
        "sip:[::1", "sip:[zz]", "sip:a b@host", "sip:host;=x", "sip:host>x", "1ip:host", "tel:", "tel:;x=1"})
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> SipUri.parse(text)).isInstanceOf(SipParseException.class)
                .satisfies(e -> assertThat(((SipParseException) e).line()).isEqualTo(-1));
        assertThatThrownBy(() -> SipUri.of(text)).isInstanceOf(IllegalArgumentException.class);
    }

    static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
