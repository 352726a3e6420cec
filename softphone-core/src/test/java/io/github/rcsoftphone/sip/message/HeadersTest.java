package io.github.rcsoftphone.sip.message;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HeadersTest {

    private final Headers headers = Headers.of(List.of(
            new Header("Via", "SIP/2.0/WSS a;branch=1, SIP/2.0/WSS b;branch=2"),
            new Header("v", "SIP/2.0/TLS c;branch=3"),
            new Header("Call-Id", "abc"),
            new Header("Contact", "\"Doe, J\" <sip:j@x>, <sip:k@y;a=b,c>"),
            new Header("l", "0"),
            new Header("X-Empty", "")));

    @Test
    void lookupIsCaseInsensitiveAndKnowsCompactForms() {
        assertThat(headers.first("call-id")).contains("abc");
        assertThat(headers.first("I")).contains("abc");
        assertThat(headers.first("CALL-ID")).contains("abc");
        assertThat(headers.all("via")).containsExactly("SIP/2.0/WSS a;branch=1, SIP/2.0/WSS b;branch=2", "SIP/2.0/TLS c;branch=3");
        assertThat(headers.all("V")).hasSize(2);
        assertThat(headers.values("Via")).containsExactly("SIP/2.0/WSS a;branch=1", "SIP/2.0/WSS b;branch=2",
                "SIP/2.0/TLS c;branch=3");
        assertThat(headers.values("m")).containsExactly("\"Doe, J\" <sip:j@x>", "<sip:k@y;a=b,c>");
        assertThat(headers.contains("Content-Length")).isTrue();
        assertThat(headers.contains("content-type")).isFalse();
        assertThat(headers.first("x-empty")).contains("");
        assertThat(headers.values("x-empty")).isEmpty();
        assertThat(headers.first("Missing")).isEmpty();
        assertThat(headers.all("Missing")).isEmpty();
        assertThat(headers.size()).isEqualTo(6);
        assertThat(headers.get(1).name()).isEqualTo("v");
    }

    @Test
    void withReplacesAllOfANameAtTheFirstPlace() {
        Headers h = headers.with("Via", "SIP/2.0/UDP z");
        assertThat(h.asList()).extracting(Header::name).containsExactly("Via", "Call-Id", "Contact", "l", "X-Empty");
        assertThat(h.all("v")).containsExactly("SIP/2.0/UDP z");
        Headers length = headers.with("Content-Length", "12");
        assertThat(length.get(4)).isEqualTo(new Header("Content-Length", "12"));
        assertThat(headers.with("Subject", "hi").get(6)).isEqualTo(new Header("Subject", "hi"));
        assertThat(headers.size()).isEqualTo(6);
    }

    @Test
    void addAndWithout() {
        assertThat(headers.add("Via", "SIP/2.0/UDP last").all("Via")).hasSize(3).last().isEqualTo("SIP/2.0/UDP last");
        assertThat(headers.without("VIA").contains("v")).isFalse();
        assertThat(headers.without("VIA").size()).isEqualTo(4);
        assertThat(headers.without("nothing")).isSameAs(headers);
        assertThat(Headers.empty().add("A", "1").add("a", "2").all("A")).containsExactly("1", "2");
    }

    @Test
    void immutableAndValidated() {
        List<Header> list = new ArrayList<>(List.of(new Header("A", "1")));
        Headers h = Headers.of(list);
        list.add(new Header("B", "2"));
        assertThat(h.size()).isEqualTo(1);
        assertThatThrownBy(() -> h.asList().add(new Header("C", "3"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> h.iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> h.add("Bad Name", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.add("X", "a\r\nInjected: yes")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.with("", "x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Headers.of(List.of(new Header("X:", "y")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(Headers.of(List.of(new Header("A", "1")))).isEqualTo(h).hasSameHashCodeAs(h);
    }
}
