package io.github.rcsoftphone.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfferAnswerTest {

    private static final List<String> OPUS_PCMU = List.of("opus", "PCMU");
    private static final IceCredentials ICE = new IceCredentials("aBcD", "0123456789abcdefghijkl");
    private static final Fingerprint FP = new Fingerprint("sha-256", HexFormat.of().parseHex(
            "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF"));
    private static final List<Candidate> CANDIDATES = List.of(
            Candidate.host("1", 1, "UDP", 2130706431L, "192.0.2.10", 40000),
            Candidate.host("1", 2, "UDP", 2130706430L, "192.0.2.10", 40001));

    private static AnswerParams dtlsParams(AudioChoice audio) {
        return new AnswerParams(audio, "192.0.2.10", 40000, ICE, CANDIDATES, FP, Setup.ACTIVE, List.of(), "42", "1");
    }

    @Test
    void articleOfferWithOpusPreferredChooses111And101() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.RC_WSS);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), OPUS_PCMU);
        assertThat(choice.codec()).isEqualTo(new RtpMap(111, "OPUS", 48000, 2));
        assertThat(choice.fmtp()).isEqualTo("useinbandfec=1");
        assertThat(choice.telephoneEvent()).isEqualTo(new RtpMap(101, "telephone-event", 8000));
        assertThat(choice.answerDirection()).isEqualTo(Direction.SENDRECV);
        assertThat(choice.rtcpMux()).isTrue();

        SessionDescription answer = OfferAnswer.answer(offer, dtlsParams(choice));
        assertThat(answer.toString()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 42 1 IN IP4 192.0.2.10",
                "s=-",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "m=audio 40000 RTP/SAVPF 111 101",
                "c=IN IP4 192.0.2.10",
                "a=ice-ufrag:aBcD",
                "a=ice-pwd:0123456789abcdefghijkl",
                "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
                        + ":AA:BB:CC:DD:EE:FF",
                "a=setup:active",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 OPUS/48000/2",
                "a=fmtp:111 useinbandfec=1",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=candidate:1 1 UDP 2130706431 192.0.2.10 40000 typ host",
                "a=candidate:1 2 UDP 2130706430 192.0.2.10 40001 typ host",
                "a=end-of-candidates",
                ""));
        assertThat(answer.audio().orElseThrow().mid()).isEmpty();
        assertReparses(answer);
        MediaDescription m = SessionDescription.parse(answer.toString()).audio().orElseThrow();
        assertThat(m.rtpMaps()).containsExactly(choice.codec(), choice.telephoneEvent());
        assertThat(m.candidates()).isEqualTo(CANDIDATES);
    }

    @Test
    void articleOfferWithPcmuOnlyChooses0And101() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.RC_WSS);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of("PCMU"));
        assertThat(choice.codec()).isEqualTo(new RtpMap(0, "pcmu", 8000));
        assertThat(choice.fmtp()).isNull();
        assertThat(choice.telephoneEvent().payloadType()).isEqualTo(101);
        SessionDescription answer = OfferAnswer.answer(offer, dtlsParams(choice));
        MediaDescription m = answer.audio().orElseThrow();
        assertThat(m.formats()).containsExactly("0", "101");
        assertThat(m.attributes("rtpmap")).containsExactly("0 pcmu/8000", "101 telephone-event/8000");
        assertThat(m.attributes("fmtp")).containsExactly("101 0-16");
        assertReparses(answer);
    }

    @Test
    void opus16000IsUsedWhenItIsTheOnlyOpus() throws Exception {
        MediaDescription offer = SessionDescription.parse("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
                + "m=audio 4000 RTP/SAVPF 109 0 101\na=rtpmap:109 OPUS/16000\na=fmtp:109 useinbandfec=1\n"
                + "a=rtpmap:101 telephone-event/8000\n").audio().orElseThrow();
        AudioChoice choice = OfferAnswer.chooseAudio(offer, OPUS_PCMU);
        assertThat(choice.codec()).isEqualTo(new RtpMap(109, "OPUS", 16000));
        assertThat(choice.telephoneEvent().clockRate()).isEqualTo(8000);
        assertThat(choice.rtcpMux()).isFalse();
    }

    @Test
    void opus48000WinsEvenWhenListedAfter16000() throws Exception {
        MediaDescription offer = SdpSamples.parse(SdpSamples.SDES).audio().orElseThrow();
        assertThat(OfferAnswer.chooseAudio(offer, OPUS_PCMU).codec().payloadType()).isEqualTo(111);
        MediaDescription reordered = offer.withFormats(List.of("109", "111", "0", "101"));
        assertThat(OfferAnswer.chooseAudio(reordered, OPUS_PCMU).codec().payloadType()).isEqualTo(111);
    }

    @Test
    void g729OnlyOfferIsRefusedNamingTheCodecs() throws Exception {
        MediaDescription offer = SessionDescription.parse("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
                + "m=audio 4000 RTP/AVP 18 101\na=rtpmap:18 G729/8000\na=rtpmap:101 telephone-event/8000\n")
                .audio().orElseThrow();
        assertThatThrownBy(() -> OfferAnswer.chooseAudio(offer, List.of("opus", "PCMU", "PCMA")))
                .isInstanceOf(SdpNegotiationException.class)
                .hasMessage("no common audio codec: offer has G729, we accept opus, PCMU, PCMA");
    }

    @Test
    void disabledAudioIsRefused() throws Exception {
        MediaDescription offer = SessionDescription.parse("v=0\no=- 1 1 IN IP4 a\ns=-\nt=0 0\n"
                + "m=audio 0 RTP/AVP 0\n").audio().orElseThrow();
        assertThatThrownBy(() -> OfferAnswer.chooseAudio(offer, OPUS_PCMU))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("port 0");
    }

    @Test
    void chromeOfferIsAnsweredWithItsMidAndBundle() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.CHROME);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), OPUS_PCMU);
        assertThat(choice.codec()).isEqualTo(new RtpMap(111, "opus", 48000, 2));
        assertThat(choice.fmtp()).isEqualTo("minptime=10;useinbandfec=1");
        assertThat(choice.telephoneEvent()).isEqualTo(new RtpMap(110, "telephone-event", 48000));
        Setup ours = OfferAnswer.answerSetup(offer.setup(offer.audio().orElseThrow()).orElseThrow());
        AnswerParams params = new AnswerParams(choice, "192.0.2.10", 40000, ICE, CANDIDATES.subList(0, 1), FP, ours,
                List.of(), "42", "1");
        SessionDescription answer = OfferAnswer.answer(offer, params);
        assertThat(answer.attributes("group")).containsExactly("BUNDLE 0");
        MediaDescription m = answer.audio().orElseThrow();
        assertThat(m.protocol()).isEqualTo("UDP/TLS/RTP/SAVPF");
        assertThat(m.formats()).containsExactly("111", "110");
        assertThat(m.attributes().get(0)).isEqualTo(Attribute.of("mid", "0"));
        assertThat(m.attributes("fmtp")).containsExactly("111 minptime=10;useinbandfec=1", "110 0-16");
        assertThat(answer.setup(m)).contains(Setup.ACTIVE);
        assertThat(answer.fingerprint(m)).contains(FP);
        assertThat(answer.ice(m)).contains(ICE);
        assertThat(m.candidates()).hasSize(1);
        assertReparses(answer);
    }

    @Test
    void pcmuAgainstChromeUsesThe8000TelephoneEvent() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.CHROME);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of("pcmu"));
        assertThat(choice.codec().payloadType()).isZero();
        assertThat(choice.telephoneEvent()).isEqualTo(new RtpMap(126, "telephone-event", 8000));
    }

    @Test
    void rtpengineOfferIsAnsweredWithItsMid() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.RTPENGINE);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), OPUS_PCMU);
        SessionDescription answer = OfferAnswer.answer(offer, dtlsParams(choice));
        MediaDescription m = answer.audio().orElseThrow();
        assertThat(m.mid()).contains("1");
        assertThat(answer.attributes("group")).isEmpty();
        assertThat(m.formats()).containsExactly("111", "101");
        assertReparses(answer);
    }

    @Test
    void sdesOfferIsAnsweredWithCryptoAndNoIce() throws Exception {
        SessionDescription offer = SdpSamples.parse(SdpSamples.SDES);
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of("PCMU"));
        assertThat(choice.rtcpMux()).isFalse();
        Crypto ours = new Crypto(1, "AES_CM_128_HMAC_SHA1_80", new byte[30]);
        AnswerParams params = new AnswerParams(choice, "192.0.2.10", 40000, null, CANDIDATES, null, null,
                List.of(ours), "42", "1");
        SessionDescription answer = OfferAnswer.answer(offer, params);
        MediaDescription m = answer.audio().orElseThrow();
        assertThat(m.protocol()).isEqualTo("RTP/SAVP");
        assertThat(m.cryptos()).containsExactly(ours);
        assertThat(m.attributes("crypto")).containsExactly(
                "1 AES_CM_128_HMAC_SHA1_80 inline:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(m.hasAttribute("ice-ufrag")).isFalse();
        assertThat(m.hasAttribute("candidate")).isFalse();
        assertThat(m.hasAttribute("end-of-candidates")).isFalse();
        assertThat(m.hasAttribute("fingerprint")).isFalse();
        assertThat(m.rtcpMux()).isFalse();
        assertReparses(answer);
    }

    @Test
    void directionIsReversedAndOtherSectionsAreRefused() throws Exception {
        SessionDescription offer = SessionDescription.parse("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
                + "m=video 5000 RTP/AVP 96\na=mid:v\na=rtpmap:96 VP8/90000\n"
                + "m=audio 4000 RTP/AVP 8\na=mid:a\na=sendonly\n"
                + "m=audio 4002 RTP/AVP 0\n");
        AudioChoice choice = OfferAnswer.chooseAudio(offer.audio().orElseThrow(), List.of("PCMA"));
        assertThat(choice.answerDirection()).isEqualTo(Direction.RECVONLY);
        assertThat(choice.telephoneEvent()).isNull();
        AnswerParams params = new AnswerParams(choice, "2001:db8::1", 40000, null, List.of(), null, null, List.of(),
                "7", "8");
        SessionDescription answer = OfferAnswer.answer(offer, params);
        assertThat(answer.toString()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 7 8 IN IP6 2001:db8::1",
                "s=-",
                "c=IN IP6 2001:db8::1",
                "t=0 0",
                "m=video 0 RTP/AVP 96",
                "a=mid:v",
                "m=audio 40000 RTP/AVP 8",
                "c=IN IP6 2001:db8::1",
                "a=mid:a",
                "a=recvonly",
                "a=rtpmap:8 PCMA/8000",
                "m=audio 0 RTP/AVP 0",
                ""));
        assertReparses(answer);
    }

    @Test
    void answerSetupFollowsRfc5763() {
        assertThat(OfferAnswer.answerSetup(Setup.ACTPASS)).isEqualTo(Setup.ACTIVE);
        assertThat(OfferAnswer.answerSetup(Setup.ACTIVE)).isEqualTo(Setup.PASSIVE);
        assertThat(OfferAnswer.answerSetup(Setup.PASSIVE)).isEqualTo(Setup.ACTIVE);
        assertThat(OfferAnswer.answerSetup(Setup.HOLDCONN)).isEqualTo(Setup.HOLDCONN);
    }

    @Test
    void offerWithoutAudioCannotBeAnswered() throws Exception {
        SessionDescription offer = SessionDescription.parse("v=0\no=- 1 1 IN IP4 a\ns=-\nc=IN IP4 10.0.0.1\nt=0 0\n"
                + "m=video 5000 RTP/AVP 96\n");
        AudioChoice any = new AudioChoice(new RtpMap(0, "PCMU", 8000), null, null, Direction.SENDRECV, false);
        AnswerParams params = new AnswerParams(any, "10.0.0.2", 4000, null, List.of(), null, null, List.of(), "1", "1");
        assertThatThrownBy(() -> OfferAnswer.answer(offer, params)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no m=audio");
    }

    private static void assertReparses(SessionDescription answer) throws SdpParseException {
        String text = answer.toString();
        assertThat(text).endsWith("\r\n").doesNotContain("\r\n\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
        SessionDescription again = SessionDescription.parse(text);
        assertThat(again).isEqualTo(answer);
        assertThat(again.toString()).isEqualTo(text);
    }

    @Test
    void webRtcOfferHasIceDtlsActpassRtcpMuxAndTheCodecsInOrder() throws Exception {
        SessionDescription offer = OfferAnswer.offer(new OfferParams(List.of("opus", "PCMU", "PCMA"), "UDP/TLS/RTP/SAVPF",
                "192.0.2.10", 40000, ICE, CANDIDATES.subList(0, 1), FP, Setup.ACTPASS, List.of(), true, "7", "1"));
        assertThat(offer.toString()).isEqualTo(String.join("\r\n",
                "v=0",
                "o=- 7 1 IN IP4 192.0.2.10",
                "s=-",
                "c=IN IP4 192.0.2.10",
                "t=0 0",
                "m=audio 40000 UDP/TLS/RTP/SAVPF 111 0 8 101",
                "c=IN IP4 192.0.2.10",
                "a=ice-ufrag:aBcD",
                "a=ice-pwd:0123456789abcdefghijkl",
                "a=fingerprint:sha-256 00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99"
                        + ":AA:BB:CC:DD:EE:FF",
                "a=setup:actpass",
                "a=sendrecv",
                "a=rtcp-mux",
                "a=rtpmap:111 opus/48000/2",
                "a=fmtp:111 minptime=10;useinbandfec=1",
                "a=rtpmap:0 PCMU/8000",
                "a=rtpmap:8 PCMA/8000",
                "a=rtpmap:101 telephone-event/8000",
                "a=fmtp:101 0-16",
                "a=candidate:1 1 UDP 2130706431 192.0.2.10 40000 typ host",
                "a=end-of-candidates",
                ""));
        assertReparses(offer);
    }

    @Test
    void sdesOfferHasOneCryptoLinePerKeyAndNoIceOrDtls() throws Exception {
        byte[] key = new byte[30];
        List<Crypto> cryptos = List.of(new Crypto(1, "AES_CM_128_HMAC_SHA1_80", key),
                new Crypto(2, "AES_CM_128_HMAC_SHA1_32", key));
        SessionDescription offer = OfferAnswer.offer(new OfferParams(List.of("PCMA", "PCMU"), "RTP/SAVP", "192.0.2.10",
                40000, null, List.of(), null, null, cryptos, false, "7", "1"));
        MediaDescription m = SessionDescription.parse(offer.toString()).audio().orElseThrow();
        assertThat(m.protocol()).isEqualTo("RTP/SAVP");
        assertThat(m.formats()).containsExactly("8", "0", "101");
        assertThat(m.cryptos()).extracting(Crypto::tag, Crypto::suite)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "AES_CM_128_HMAC_SHA1_80"),
                        org.assertj.core.groups.Tuple.tuple(2, "AES_CM_128_HMAC_SHA1_32"));
        assertThat(m.rtcpMux()).isFalse();
        assertThat(m.candidates()).isEmpty();
        assertThat(offer.toString()).doesNotContain("a=setup").doesNotContain("a=ice-").doesNotContain("fingerprint");
        assertThatThrownBy(() -> OfferAnswer.offer(new OfferParams(List.of("G729"), "RTP/SAVP", "192.0.2.10", 40000,
                null, List.of(), null, null, cryptos, false, "7", "1"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("G729");
    }

    @Test
    void theAnswerPicksTheCodecInTheAnswerersOrder() throws Exception {
        MediaDescription answer = SessionDescription.parse("v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1"
                + "\r\nt=0 0\r\nm=audio 5000 RTP/SAVP 8 0 101\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:0 PCMU/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=recvonly\r\n").audio().orElseThrow();
        AudioChoice choice = OfferAnswer.acceptAnswer(answer, List.of("opus", "PCMU", "PCMA"));
        assertThat(choice.codec()).isEqualTo(new RtpMap(8, "PCMA", 8000));
        assertThat(choice.telephoneEvent().payloadType()).isEqualTo(101);
        assertThat(choice.answerDirection()).as("we only send when the answerer only receives").isEqualTo(Direction.SENDONLY);
        assertThat(OfferAnswer.acceptAnswer(answer, List.of("PCMU")).codec().payloadType()).isZero();
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(answer, List.of("opus")))
                .isInstanceOf(SdpNegotiationException.class).hasMessageContaining("none of our codecs");
        assertThatThrownBy(() -> OfferAnswer.acceptAnswer(answer.withPort(0), List.of("PCMU")))
                .isInstanceOf(SdpNegotiationException.class);
    }
}
