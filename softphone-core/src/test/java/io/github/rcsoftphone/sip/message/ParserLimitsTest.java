package io.github.rcsoftphone.sip.message;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/**
 * The parser's limits ({@link SipParser#MAX_HEADERS} header lines, {@link SipParser#MAX_HEADER_BYTES} per header,
 * folded or not) and {@link SipParser#parseHead}, which reads the headers of a message whose body or Content-Length
 * is broken so that it can be answered 400.
 */
class ParserLimitsTest {
    private static final String HEAD = "OPTIONS sip:a@sip.test SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\n"
            + "From: <sip:b@sip.test>;tag=1\r\nTo: <sip:a@sip.test>\r\nCall-ID: c1\r\nCSeq: 1 OPTIONS\r\n";

    private static byte[] bytes(String s) {
        return s.getBytes(UTF_8);
    }

    /** HEAD (5 headers), {@code extra}, Content-Length: 0. */
    private static byte[] with(String extra) {
        return bytes(HEAD + extra + "Content-Length: 0\r\n\r\n");
    }

    @Test
    void upToMaxHeadersParseOneMoreIsRefused() throws Exception {
        int room = SipParser.MAX_HEADERS - 6;   // HEAD has 5, Content-Length the 6th
        assertThat(SipParser.parse(with("X-A: 1\r\n".repeat(room))).headers().size()).isEqualTo(SipParser.MAX_HEADERS);
        assertThatThrownBy(() -> SipParser.parse(with("X-A: 1\r\n".repeat(room + 1))))
                .isInstanceOf(SipParseException.class).hasMessageStartingWith("more than 256 header lines");
        assertThat(SipParser.MAX_HEADERS).isEqualTo(256);
    }

    @Test
    void aHeaderOverMaxHeaderBytesIsRefusedFoldedOrNot() throws Exception {
        String name = "X-Big: ";
        String fits = name + "v".repeat(SipParser.MAX_HEADER_BYTES - name.length());
        assertThat(SipParser.parse(with(fits + "\r\n")).header("X-Big").orElseThrow())
                .hasSize(SipParser.MAX_HEADER_BYTES - name.length());
        assertThatThrownBy(() -> SipParser.parse(with(fits + "v\r\n"))).isInstanceOf(SipParseException.class)
                .hasMessageStartingWith("header of 16385 bytes exceeds the limit of 16384");
        String folded = name + "v".repeat(9000) + "\r\n " + "w".repeat(9000) + "\r\n";
        assertThatThrownBy(() -> SipParser.parse(with(folded))).isInstanceOf(SipParseException.class)
                .hasMessageContaining("exceeds the limit of 16384").hasMessageContaining("line 8");
        assertThat(SipParser.MAX_HEADER_BYTES).isEqualTo(16 * 1024);
    }

    @Test
    void parseHeadReadsTheHeadersOfABodyShorterThanItsContentLength() throws Exception {
        byte[] shortBody = bytes(HEAD + "Content-Length: 500\r\n\r\nonly this");
        assertThatThrownBy(() -> SipParser.parse(shortBody)).isInstanceOf(SipParseException.class)
                .hasMessageStartingWith("Content-Length 500 exceeds the 9 bytes available");
        SipRequest head = (SipRequest) SipParser.parseHead(shortBody);
        assertThat(head.method()).isEqualTo("OPTIONS");
        assertThat(head.callId()).isEqualTo("c1");
        assertThat(head.bodyLength()).isZero();
    }

    @Test
    void parseHeadIgnoresAnInvalidContentLengthButNotABrokenHead() throws Exception {
        for (String value : new String[] {"-1", "abc", "1 2", "99999999999"}) {
            byte[] wire = bytes(HEAD + "Content-Length: " + value + "\r\n\r\n");
            assertThatThrownBy(() -> SipParser.parse(wire)).as(value).isInstanceOf(SipParseException.class);
            assertThat(SipParser.parseHead(wire).cseq().method()).isEqualTo("OPTIONS");
        }
        assertThatThrownBy(() -> SipParser.parseHead(bytes("OPTIONS sip:a SIP/2.0\r\nVia x\r\n\r\n")))
                .isInstanceOf(SipParseException.class).hasMessageStartingWith("header line without ':'");
        assertThatThrownBy(() -> SipParser.parseHead(with("X-A: 1\r\n".repeat(300))))
                .isInstanceOf(SipParseException.class).hasMessageStartingWith("more than 256 header lines");
    }
}
