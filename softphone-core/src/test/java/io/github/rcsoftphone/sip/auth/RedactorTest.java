package io.github.rcsoftphone.sip.auth;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RedactorTest {

    @Test
    void hidesQuotedResponseInAuthorization() {
        String msg = "REGISTER sip:sip.ringcentral.com SIP/2.0\r\n"
                + "Authorization: Digest algorithm=MD5, username=\"8023\", realm=\"r\", nonce=\"n\", uri=\"sip:r\","
                + " response=\"ddc9fa7d6f41b3865dc0be334800aa1c\"\r\n"
                + "Content-Length: 0\r\n\r\n";
        assertThat(Redactor.redact(msg)).isEqualTo(msg.replace("ddc9fa7d6f41b3865dc0be334800aa1c", "***"));
    }

    @Test
    void hidesTokenResponseInProxyAuthorizationAnyCase() {
        String msg = "INVITE sip:b SIP/2.0\r\nproxy-authorization: Digest response = abc123 , nonce=\"n\"\r\n\r\n";
        assertThat(Redactor.redact(msg))
                .isEqualTo("INVITE sip:b SIP/2.0\r\nproxy-authorization: Digest response = \"***\" , nonce=\"n\"\r\n\r\n");
    }

    @Test
    void handlesEscapedQuotesAndFoldedLines() {
        String msg = "Authorization: Digest username=\"u\",\r\n response=\"a\\\"b\", cnonce=\"x\"\r\nVia: x\r\n";
        assertThat(Redactor.redact(msg))
                .isEqualTo("Authorization: Digest username=\"u\",\r\n response=\"***\", cnonce=\"x\"\r\nVia: x\r\n");
    }

    @Test
    void leavesEverythingElseAlone() {
        String msg = "SIP/2.0 401 Unauthorized\r\n"
                + "WWW-Authenticate: Digest realm=\"r\", nonce=\"n\"\r\n"
                + "Subject: response=\"keep\"\r\n"
                + "X-Authorization: response=\"keep\"\r\n"
                + "Content-Length: 17\r\n\r\nresponse=\"keep\"\r\n";
        assertThat(Redactor.redact(msg)).isEqualTo(msg);
        assertThat(Redactor.redact("")).isEmpty();
        String noNewline = "Authorization: Digest myresponse=\"keep\", response=\"x\"";
        assertThat(Redactor.redact(noNewline)).isEqualTo("Authorization: Digest myresponse=\"keep\", response=\"***\"");
    }

    @Test
    void worksWithBareLineFeeds() {
        String msg = "REGISTER sip:r SIP/2.0\nAuthorization: Digest response=\"s\"\nCSeq: 1 REGISTER\n\n";
        assertThat(Redactor.redact(msg)).isEqualTo("REGISTER sip:r SIP/2.0\nAuthorization: Digest response=\"***\"\nCSeq: 1 REGISTER\n\n");
    }

    @Test
    void hidesSdesInlineKeysButKeepsLifetimeAndMki() {
        String key = "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz";
        String sdp = "v=0\r\nm=audio 4000 RTP/SAVP 0\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:" + key + "|2^20|1:4;inline:" + key + "QQ==\r\n"
                + "A=CRYPTO:2 AES_CM_128_HMAC_SHA1_32 INLINE:" + key + " UNENCRYPTED_SRTCP\r\n"
                + "a=rtpmap:0 PCMU/8000\r\nX-Note: inline:keep\r\n";
        String redacted = Redactor.redact(sdp);
        assertThat(redacted).doesNotContain(key)
                .contains("a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:***|2^20|1:4;inline:***\r\n")
                .contains("A=CRYPTO:2 AES_CM_128_HMAC_SHA1_32 INLINE:*** UNENCRYPTED_SRTCP\r\n")
                .contains("X-Note: inline:keep");
    }
}
