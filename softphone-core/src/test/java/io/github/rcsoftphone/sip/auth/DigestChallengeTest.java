package io.github.rcsoftphone.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DigestChallengeTest {

    @Test
    void parsesRingCentralChallenge() {
        DigestChallenge c = DigestChallenge.parse(
                "Digest realm=\"sip.ringcentral.com\", nonce=\"YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5\"");
        assertThat(c.scheme()).isEqualTo("Digest");
        assertThat(c.realm()).isEqualTo("sip.ringcentral.com");
        assertThat(c.nonce()).isEqualTo("YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5");
        assertThat(c.algorithm()).isEqualTo("MD5");
        assertThat(c.opaque()).isNull();
        assertThat(c.qop()).isEmpty();
        assertThat(c.stale()).isFalse();
        assertThat(c.supported()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "Digest nonce=\"x\", realm=\"r\"",
        "Digest realm=\"r\",nonce=\"x\"",
        "Digest realm=\"r\" , nonce = \"x\"",
        "digest REALM=\"r\" NONCE=x",
        "Digest realm=r nonce=x",
        "  Digest\trealm=\"r\",,nonce=\"x\",  ",
        "Digest xnonce=\"wrong\", realm=\"r\", nonce=\"x\"",
        "Digest cnonce=\"wrong\", realm=\"r\", nonce=\"x\"",
    })
    void findsNonceAndRealmInAnyLayout(String header) {
        DigestChallenge c = DigestChallenge.parse(header);
        assertThat(c.nonce()).isEqualTo("x");
        assertThat(c.realm()).isEqualTo("r");
    }

    @Test
    void parsesAllParametersAndIgnoresUnknown() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\","
                + " algorithm=MD5-sess, stale=TRUE, domain=\"sip:a sip:b\", charset=UTF-8");
        assertThat(c.qop()).containsExactly("auth", "auth-int");
        assertThat(c.opaque()).isEqualTo("5ccc069c403ebaf9f0171e9517f40e41");
        assertThat(c.algorithm()).isEqualTo("MD5-sess");
        assertThat(c.stale()).isTrue();
        assertThat(c.supported()).isTrue();
    }

    @Test
    void unescapesQuotedStrings() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=\"a \\\"quoted\\\" realm, with comma\", nonce=\"n\\\\1\"");
        assertThat(c.realm()).isEqualTo("a \"quoted\" realm, with comma");
        assertThat(c.nonce()).isEqualTo("n\\1");
    }

    @Test
    void qopListIsImmutable() {
        DigestChallenge c = DigestChallenge.parse("Digest realm=r, nonce=n, qop=\"auth\"");
        assertThatThrownBy(() -> c.qop().add("x")).isInstanceOf(UnsupportedOperationException.class);
        assertThat(new DigestChallenge("Digest", "r", "n", null, null, null, false).qop()).isEqualTo(List.of());
    }

    @Test
    void reportsUnsupportedChallenges() {
        assertThat(DigestChallenge.parse("Digest realm=r, nonce=n, algorithm=AKAv1-MD5").supported()).isFalse();
        assertThat(DigestChallenge.parse("Digest realm=r, nonce=n, qop=auth-int").supported()).isFalse();
        assertThat(DigestChallenge.parse("Digest realm=r, nonce=n, algorithm=SHA-256").supported()).isTrue();
    }

    @Test
    void rejectsBrokenChallengesClearly() {
        assertThatThrownBy(() -> DigestChallenge.parse("Basic realm=\"r\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a Digest challenge");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no nonce");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest nonce=\"n\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no realm");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest nonce=n, realm=\"r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unterminated");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm nonce=\"n\""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'realm' has no '=value'");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=r, =n"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unexpected character '='");
        assertThatThrownBy(() -> DigestChallenge.parse(""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
