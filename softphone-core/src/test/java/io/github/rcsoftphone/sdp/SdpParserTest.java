package io.github.rcsoftphone.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SdpParserTest {

    @Test
    void articleOfferParsesWithEveryField() {
        SessionDescription sdp = SdpSamples.parse(SdpSamples.RC_WSS);
        assertThat(sdp.origin()).isEqualTo(new Origin("-", "5880443394298904479", "7252956430269573836", "IN", "IP4",
                "199.255.120.232"));
        assertThat(sdp.sessionName()).isEqualTo("SmcSip");
        assertThat(sdp.connection()).isEqualTo(new Connection("IN", "IP4", "199.255.120.232"));
        assertThat(sdp.timing()).isEqualTo("0 0");
        assertThat(sdp.attributes()).isEmpty();
        assertThat(sdp.otherLines()).isEmpty();
        assertThat(sdp.media()).hasSize(1);

        MediaDescription audio = sdp.audio().orElseThrow();
        assertThat(audio.media()).isEqualTo("audio");
        assertThat(audio.port()).isEqualTo(21886);
        assertThat(audio.protocol()).isEqualTo("RTP/SAVPF");
        assertThat(audio.formats()).containsExactly("109", "111", "18", "0", "8", "9", "96", "101");
        assertThat(audio.connection()).isNull();
        assertThat(sdp.connection(audio)).isEqualTo(sdp.connection());
        assertThat(audio.rtpMaps()).containsExactly(
                new RtpMap(109, "OPUS", 16000, 1),
                new RtpMap(111, "OPUS", 48000, 2),
                new RtpMap(18, "g729", 8000, 1),
                new RtpMap(0, "pcmu", 8000, 1),
                new RtpMap(8, "pcma", 8000, 1),
                new RtpMap(9, "g722", 8000, 1),
                new RtpMap(96, "ilbc", 8000, 1),
                new RtpMap(101, "telephone-event", 8000, 1));
        assertThat(audio.fmtp(109)).contains("useinbandfec=1");
        assertThat(audio.fmtp(111)).contains("useinbandfec=1");
        assertThat(audio.fmtp(18)).contains("annexb=no");
        assertThat(audio.fmtp(96)).contains("mode=20");
        assertThat(audio.fmtp(101)).contains("0-15");
        assertThat(audio.fmtp(0)).isEmpty();
        assertThat(audio.attributes("rtcp-fb")).containsExactly("109 ccm tmmbr", "111 ccm tmmbr");
        assertThat(audio.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(audio.declaredDirection()).contains(Direction.SENDRECV);
        assertThat(audio.rtcpPort()).isEqualTo(OptionalInt.of(21887));
        assertThat(audio.rtcpMux()).isTrue();
        assertThat(audio.mid()).isEmpty();
        assertThat(sdp.setup(audio)).contains(Setup.ACTPASS);
        Fingerprint fp = sdp.fingerprint(audio).orElseThrow();
        assertThat(fp.algorithm()).isEqualTo("sha-1");
        assertThat(fp.value()).isEqualTo(HexFormat.of().parseHex("E0B2831BE20A198DA28CCEB3603ABC1783672881"));
        assertThat(sdp.ice(audio)).contains(new IceCredentials("MQSXD3LG", "eLQMLNpXeCXEfoU38A6xzBCRLk"));
        assertThat(audio.candidates()).containsExactly(
                new Candidate("lVt5YyAxexOkz5l5", 1, "UDP", 2130706431L, "199.255.120.232", 21886, "host", null, -1,
                        List.of()),
                new Candidate("lVt5YyAxexOkz5l5", 2, "UDP", 2130706430L, "199.255.120.232", 21887, "host", null, -1,
                        List.of()));
        assertThat(audio.cryptos()).isEmpty();
        assertThat(audio.attributes()).hasSize(24);
    }

    @Test
    void everySampleRoundTripsByteForByte() {
        for (String name : SdpSamples.ALL) {
            String text = SdpSamples.text(name);
            assertThat(SdpSamples.parse(name).toString()).as(name).isEqualTo(text);
        }
        assertThat(SdpSamples.text(SdpSamples.RC_WSS)).hasSize(877); // the INVITE's Content-Length
    }

    @Test
    void lfLineEndsAreReadAndCrlfWritten() throws SdpParseException {
        String crlf = SdpSamples.text(SdpSamples.RC_WSS);
        String lf = crlf.replace("\r\n", "\n");
        assertThat(SessionDescription.parse(lf).toString()).isEqualTo(crlf);
        String noFinalNewline = lf.substring(0, lf.length() - 1);
        assertThat(SessionDescription.parse(noFinalNewline)).isEqualTo(SessionDescription.parse(crlf));
    }

    @Test
    void chromeOfferParses() {
        SessionDescription sdp = SdpSamples.parse(SdpSamples.CHROME);
        assertThat(sdp.connection()).isNull();
        assertThat(sdp.attribute("group")).contains("BUNDLE 0");
        assertThat(sdp.attributes("ice-options")).containsExactly("trickle");
        assertThat(sdp.attribute("extmap-allow-mixed")).contains("");
        MediaDescription audio = sdp.audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(audio.mid()).contains("0");
        assertThat(sdp.connection(audio)).isEqualTo(Connection.of("192.168.1.20"));
        assertThat(sdp.fingerprint(audio).orElseThrow().algorithm()).isEqualTo("sha-256");
        assertThat(audio.attribute("ice-ufrag")).contains("Yq3f");
        assertThat(sdp.ice(audio)).contains(new IceCredentials("Yq3f", "p6s3dnd6Iu5Uh3bfbSKH0Q9A"));
        assertThat(audio.rtcpPort()).hasValue(9);
        assertThat(audio.attributes("extmap")).hasSize(4);
        assertThat(audio.attribute("msid")).isPresent();
        assertThat(audio.rtpMaps()).extracting(RtpMap::payloadType).containsExactly(111, 63, 9, 0, 8, 13, 110, 126);
        assertThat(audio.rtpMaps().get(0)).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        List<Candidate> candidates = audio.candidates();
        assertThat(candidates).hasSize(3);
        assertThat(candidates.get(0).extensions()).containsExactly("generation", "0", "network-id", "1");
        assertThat(candidates.get(1).type()).isEqualTo("srflx");
        assertThat(candidates.get(1).relatedAddress()).isEqualTo("192.168.1.20");
        assertThat(candidates.get(1).relatedPort()).isEqualTo(54609);
        assertThat(candidates.get(2).transport()).isEqualTo("tcp");
        assertThat(candidates.get(2).extensions()).startsWith("tcptype", "active");
    }

    @Test
    void rtpengineOfferParses() {
        SessionDescription sdp = SdpSamples.parse(SdpSamples.RTPENGINE);
        assertThat(sdp.attribute("ice-lite")).contains("");
        MediaDescription audio = sdp.audio().orElseThrow();
        assertThat(audio.mid()).contains("1");
        assertThat(audio.rtcpPort()).hasValue(30002);
        assertThat(audio.candidates()).singleElement().satisfies(c -> {
            assertThat(c.foundation()).isEqualTo("xGzQm1dBC8y6SdLP");
            assertThat(c.component()).isEqualTo(1);
            assertThat(c.priority()).isEqualTo(2130706431L);
            assertThat(c.port()).isEqualTo(30002);
            assertThat(c.extensions()).containsExactly("generation", "0");
            assertThat(c.toString()).isEqualTo("xGzQm1dBC8y6SdLP 1 UDP 2130706431 10.0.0.5 30002 typ host generation 0");
        });
        assertThat(audio.hasAttribute("end-of-candidates")).isTrue();
        assertThat(sdp.fingerprint(audio).orElseThrow().value()).hasSize(32);
    }

    @Test
    void sdesOfferParsesIntoCryptoRecords() {
        SessionDescription sdp = SdpSamples.parse(SdpSamples.SDES);
        MediaDescription audio = sdp.audio().orElseThrow();
        assertThat(audio.protocol()).isEqualTo("RTP/SAVP");
        assertThat(sdp.ice(audio)).isEmpty();
        assertThat(sdp.fingerprint(audio)).isEmpty();
        assertThat(audio.rtcpMux()).isFalse();
        List<Crypto> cryptos = audio.cryptos();
        assertThat(cryptos).hasSize(2);
        Crypto first = cryptos.get(0);
        assertThat(first.tag()).isEqualTo(1);
        assertThat(first.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_80");
        assertThat(first.keySalt()).hasSize(30);
        assertThat(first.keySalt()).isEqualTo(java.util.Base64.getDecoder()
                .decode("WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz"));
        assertThat(first.lifetime()).isEqualTo("2^31");
        assertThat(first.mki()).isEqualTo("1:1");
        assertThat(first.sessionParams()).isEmpty();
        Crypto second = cryptos.get(1);
        assertThat(second.tag()).isEqualTo(2);
        assertThat(second.suite()).isEqualTo("AES_CM_128_HMAC_SHA1_32");
        assertThat(second.lifetime()).isEqualTo("2^31");
        assertThat(second.mki()).isNull();
        assertThat(audio.attributes("crypto")).containsExactly(first.toString(), second.toString());
    }

    @Test
    void otherLinesAreKeptInRfcOrder() throws SdpParseException {
        String text = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=x\r\ni=info\r\nu=http://x\r\ne=a@b\r\np=+1\r\n"
                + "c=IN IP4 10.0.0.1\r\nb=AS:64\r\nt=0 0\r\nr=7d 1h 0 25h\r\nz=0 0\r\nk=prompt\r\na=recvonly\r\n"
                + "m=audio 4000 RTP/AVP 0\r\ni=voice\r\nc=IN IP4 10.0.0.2\r\nb=TIAS:64000\r\nk=clear:x\r\n"
                + "a=ptime:20\r\n";
        SessionDescription sdp = SessionDescription.parse(text);
        assertThat(sdp.toString()).isEqualTo(text);
        assertThat(sdp.otherLines()).extracting(SdpLine::type).containsExactly('i', 'u', 'e', 'p', 'b', 'r', 'z',
                'k');
        MediaDescription m = sdp.media().get(0);
        assertThat(m.otherLines()).containsExactly(new SdpLine('i', "voice"), new SdpLine('b', "TIAS:64000"),
                new SdpLine('k', "clear:x"));
        assertThat(m.rtpMaps()).containsExactly(new RtpMap(0, "PCMU", 8000, 1));
        assertThat(m.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(sdp.direction(m)).isEqualTo(Direction.RECVONLY);
        assertThat(sdp.connection(m)).isEqualTo(Connection.of("10.0.0.2"));
    }

    @Test
    void staticPayloadTypesAreImplied() throws SdpParseException {
        SessionDescription sdp = SessionDescription.parse(
                "v=0\no=- 1 1 IN IP4 10.0.0.1\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\nm=audio 4000 RTP/AVP 18 0 8 9 101 13\n"
                        + "a=rtpmap:101 telephone-event/8000\na=sendonly\n");
        MediaDescription m = sdp.audio().orElseThrow();
        assertThat(m.rtpMaps()).containsExactly(new RtpMap(18, "G729", 8000), new RtpMap(0, "PCMU", 8000),
                new RtpMap(8, "PCMA", 8000), new RtpMap(9, "G722", 8000),
                new RtpMap(101, "telephone-event", 8000), new RtpMap(13, "CN", 8000));
        assertThat(m.direction()).isEqualTo(Direction.SENDONLY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            bad m= port            | m=audio 7x RTP/AVP 0                        | 6 | bad m= port '7x'
            m= port too large      | m=audio 70000 RTP/AVP 0                     | 6 | m= port 70000 out of range
            short m= line          | m=audio 4000                                | 6 | bad m= line
            bad rtpmap             | a=rtpmap:111 opus                           | 7 | bad rtpmap
            rtpmap pt range        | a=rtpmap:300 opus/48000                     | 7 | rtpmap payload type 300
            rtpmap clock           | a=rtpmap:111 opus/fast                      | 7 | bad rtpmap clock rate 'fast'
            bad candidate          | a=candidate:1 1 UDP 1 10.0.0.1 4000 host    | 7 | bad candidate
            candidate port         | a=candidate:1 1 UDP 1 10.0.0.1 99999 typ host | 7 | candidate port 99999
            candidate raddr        | a=candidate:1 1 UDP 1 10.0.0.1 9 typ srflx raddr 10.0.0.2 | 7 | raddr without rport
            bad fingerprint hex    | a=fingerprint:sha-1 E0:B2:83:1B:E2:0A:19:8D:A2:8C:CE:B3:60:3A:BC:17:83:67:28:8G | 7 | bad fingerprint hex '8G'
            fingerprint length     | a=fingerprint:sha-256 E0:B2                 | 7 | sha-256 fingerprint needs 32 bytes
            bad crypto key         | a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:!!!! | 7 | not base64
            crypto key length      | a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:AAAA | 7 | needs 30 bytes
            bad setup              | a=setup:sideways                            | 7 | bad a=setup value 'sideways'
            bad rtcp               | a=rtcp:port                                 | 7 | bad a=rtcp port
            empty ice-ufrag        | a=ice-ufrag                                 | 7 | a=ice-ufrag needs a value
            not a line             | hello                                       | 7 | not a '<letter>=<value>' line
            bad attribute name     | a=:x                                        | 7 | bad attribute name
            """)
    void malformedLinesNameTheLine(String what, String badLine, int line, String message) {
        String text = "v=0\r\no=- 1 1 IN IP4 10.0.0.1\r\ns=-\r\nc=IN IP4 10.0.0.1\r\nt=0 0\r\n"
                + (line == 6 ? badLine + "\r\n" : "m=audio 4000 RTP/AVP 0\r\n" + badLine + "\r\n");
        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining(message)
                .hasMessageContaining("(SDP line " + line + ")")
                .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(line));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no version        | o=- 1 1 IN IP4 10.0.0.1\\ns=-\\nt=0 0                       | 1 | must start with v=0
            version 1         | v=1\\no=- 1 1 IN IP4 10.0.0.1                               | 1 | must start with v=0
            short origin      | v=0\\no=- 1 1 IN IP4\\ns=-                                  | 2 | o= needs 6 fields
            bad connection    | v=0\\no=- 1 1 IN IP4 a\\ns=-\\nc=IN IP4\\nt=0 0              | 4 | c= needs 3 fields
            bad timing        | v=0\\no=- 1 1 IN IP4 a\\ns=-\\nt=now                         | 4 | bad t=
            no connection     | v=0\\no=- 1 1 IN IP4 a\\ns=-\\nt=0 0\\nm=audio 9 RTP/AVP 0   | 5 | no c= line
            origin in media   | v=0\\no=- 1 1 IN IP4 a\\ns=-\\nc=IN IP4 a\\nt=0 0\\nm=audio 9 RTP/AVP 0\\no=- 1 1 IN IP4 a | 7 | o= line inside a media section
            second origin     | v=0\\no=- 1 1 IN IP4 a\\no=- 1 1 IN IP4 a                   | 3 | second o= line
            control character | v=0\\no=- 1 1 IN IP4 a\\ns=a\\rb                             | 3 | control character
            """)
    void malformedDescriptions(String what, String escaped, int line, String message) {
        String text = escaped.replace("\\n", "\n").replace("\\r", "\r");
        assertThatThrownBy(() -> SessionDescription.parse(text))
                .isInstanceOf(SdpParseException.class)
                .hasMessageContaining(message)
                .satisfies(e -> assertThat(((SdpParseException) e).line()).isEqualTo(line));
    }

    @Test
    void emptyInputIsAParseError() {
        assertThatThrownBy(() -> SessionDescription.parse("")).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("no v=0");
        assertThatThrownBy(() -> SessionDescription.parse("v=0\r\n")).isInstanceOf(SdpParseException.class)
                .hasMessageContaining("no o= line");
    }
}
