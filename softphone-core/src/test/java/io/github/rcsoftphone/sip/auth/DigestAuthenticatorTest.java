package io.github.rcsoftphone.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class DigestAuthenticatorTest {
    private static final DigestCredentials MUFASA = new DigestCredentials("Mufasa", "Circle Of Life");

    @Test
    void rfc2617Section35Vector() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        String header = new DigestAuthenticator(() -> "0a4f113b").authorize(challenge, MUFASA, "GET", "/dir/index.html");
        assertThat(header).isEqualTo("Digest algorithm=MD5, username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\","
                + " response=\"6629fae49393a05397450978507c4ef1\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\","
                + " qop=auth, nc=00000001, cnonce=\"0a4f113b\"");
    }

    @Test
    void rfc2069NoQopVector() {
        // RFC 2069 section 2.4 inputs; the response printed there is a known erratum, this one was computed with md5sum
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        String header = new DigestAuthenticator(() -> "unused")
                .authorize(challenge, new DigestCredentials("Mufasa", "CircleOfLife"), "GET", "/dir/index.html");
        assertThat(param(header, "response")).isEqualTo("1949323746fe6a43ef61f9606e7febea");
        assertThat(header).doesNotContain("qop").doesNotContain("nc=").doesNotContain("cnonce");
    }

    @Test
    void rfc7616Sha256Vector() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " algorithm=SHA-256, nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"");
        String header = new DigestAuthenticator(() -> "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ")
                .authorize(challenge, new DigestCredentials("Mufasa", "Circle of Life"), "GET", "/dir/index.html");
        assertThat(param(header, "response")).isEqualTo("753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1");
        assertThat(header).startsWith("Digest algorithm=SHA-256, username=\"Mufasa\"");
    }

    @Test
    void md5SessHashesNonceAndCnonceIntoHa1() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"abc\", algorithm=MD5-sess, qop=auth");
        String header = new DigestAuthenticator(() -> "c1").authorize(challenge, MUFASA, "INVITE", "sip:bob@r");
        String ha1 = md5(md5("Mufasa:r:Circle Of Life") + ":abc:c1");
        String expected = md5(ha1 + ":abc:00000001:c1:auth:" + md5("INVITE:sip:bob@r"));
        assertThat(param(header, "response")).isEqualTo(expected);
        assertThat(header).startsWith("Digest algorithm=MD5-sess, ").endsWith(", qop=auth, nc=00000001, cnonce=\"c1\"");
    }

    @Test
    void md5SessWithoutQopSendsCnonce() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"r\", nonce=\"abc\", algorithm=MD5-sess");
        String header = new DigestAuthenticator(() -> "c1").authorize(challenge, MUFASA, "INVITE", "sip:bob@r");
        String ha1 = md5(md5("Mufasa:r:Circle Of Life") + ":abc:c1");
        assertThat(param(header, "response")).isEqualTo(md5(ha1 + ":abc:" + md5("INVITE:sip:bob@r")));
        assertThat(header).endsWith(", cnonce=\"c1\"").doesNotContain("qop");
    }

    @Test
    void articleSampleHasRingCentralsExactFormat() {
        String nonce = "YDU6l2A1OWtVYiAg/aSv5gkAVmQxjhN5";
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"sip.ringcentral.com\", nonce=\"" + nonce + "\"");
        DigestCredentials creds = new DigestCredentials("802398804016", "s3cret-pass");
        String header = new DigestAuthenticator().authorize(challenge, creds, "REGISTER", "sip:sip.ringcentral.com");
        // the Go formula: md5(hex(md5(user:realm:pass)) : nonce : hex(md5(method:uri)))
        String expected = md5(md5("802398804016:sip.ringcentral.com:s3cret-pass") + ":" + nonce + ":"
                + md5("REGISTER:sip:sip.ringcentral.com"));
        assertThat(header).isEqualTo("Digest algorithm=MD5, username=\"802398804016\", realm=\"sip.ringcentral.com\","
                + " nonce=\"" + nonce + "\", uri=\"sip:sip.ringcentral.com\", response=\"" + expected + "\"");
    }

    @Test
    void nonceCountIncrementsPerNonceAndRestartsForANewOne() {
        DigestAuthenticator auth = new DigestAuthenticator(() -> "cn");
        DigestChallenge first = DigestChallenge.parse("Digest realm=r, nonce=n1, qop=auth");
        DigestChallenge second = DigestChallenge.parse("Digest realm=r, nonce=n2, qop=auth");
        assertThat(param(auth.authorize(first, MUFASA, "REGISTER", "sip:r"), "nc")).isEqualTo("00000001");
        assertThat(param(auth.authorize(first, MUFASA, "REGISTER", "sip:r"), "nc")).isEqualTo("00000002");
        assertThat(param(auth.authorize(second, MUFASA, "REGISTER", "sip:r"), "nc")).isEqualTo("00000001");
        assertThat(param(auth.authorize(first, MUFASA, "REGISTER", "sip:r"), "nc")).isEqualTo("00000003");
        for (int i = 4; i <= 17; i++) {
            auth.authorize(first, MUFASA, "REGISTER", "sip:r");
        }
        assertThat(param(auth.authorize(first, MUFASA, "REGISTER", "sip:r"), "nc")).isEqualTo("00000012");
    }

    @Test
    void defaultCnoncesAreRandomHex() {
        DigestAuthenticator auth = new DigestAuthenticator();
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=r, nonce=n, qop=auth");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 20; i++) {
            String cnonce = param(auth.authorize(challenge, MUFASA, "REGISTER", "sip:r"), "cnonce");
            assertThat(cnonce).matches("[0-9a-f]{32}");
            seen.add(cnonce);
        }
        assertThat(seen).hasSize(20);
    }

    @Test
    void escapesQuotesInEchoedValues() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"a\\\"b\", nonce=n");
        String header = new DigestAuthenticator().authorize(challenge, MUFASA, "REGISTER", "sip:r");
        assertThat(header).contains("realm=\"a\\\"b\"");
        assertThat(param(header, "response")).isEqualTo(md5(md5("Mufasa:a\"b:Circle Of Life") + ":n:" + md5("REGISTER:sip:r")));
    }

    @Test
    void rejectsUnsupportedAlgorithmAndQop() {
        DigestAuthenticator auth = new DigestAuthenticator();
        assertThatThrownBy(() -> auth.authorize(DigestChallenge.parse("Digest realm=r, nonce=n, algorithm=AKAv1-MD5"),
                MUFASA, "REGISTER", "sip:r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("AKAv1-MD5");
        assertThatThrownBy(() -> auth.authorize(DigestChallenge.parse("Digest realm=r, nonce=n, qop=\"auth-int\""),
                MUFASA, "REGISTER", "sip:r"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("auth-int");
    }

    @Test
    void credentialsNeverPrintThePassword() {
        assertThat(MUFASA.toString()).contains("Mufasa").doesNotContain("Circle");
    }

    private static String param(String header, String name) {
        Matcher m = Pattern.compile("(?<![\\w-])" + name + "=\"?([^\",]*)\"?").matcher(header);
        assertThat(m.find()).as("%s in %s", name, header).isTrue();
        return m.group(1);
    }

    private static String md5(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
